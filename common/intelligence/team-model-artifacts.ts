import type { OutpostDatabase } from '../db/create-database';
import { exportTreesToOnnx } from '../ml/onnx/export-trees';
import type { ModelArtifacts } from './model-scorer';
import { type ModelVersionFiles, readModelVersion, readTeamModelSetting, SHIPPED_VERSION } from './team-model';

/** A retrained version as the scorer opens it: the ONNX file exported from its trees (deterministic), with its version in the metadata. */
export function artifactsOf(files: ModelVersionFiles): ModelArtifacts {
  const one = (name: 'churn' | 'expansion') => {
    const { trees, card } = files.models[name];
    return { onnx: exportTreesToOnnx(trees, { modelVersion: card.onnxVersion, version: card.version }), trees, version: card.version };
  };
  return { churn: one('churn'), expansion: one('expansion') };
}

/**
 * The models the team scores with: its promoted version when one is set and its files are on this device, else the
 * shipped ones (`shipped`). `missing` says when the team promoted a version this device does not have.
 */
export async function teamModelArtifacts(db: OutpostDatabase, teamId: string, shipped: ModelArtifacts): Promise<{ artifacts: ModelArtifacts; version: string; missing?: string }> {
  const setting = await readTeamModelSetting(db, teamId);
  if (!setting || setting.version === SHIPPED_VERSION) return { artifacts: shipped, version: SHIPPED_VERSION };
  const files = await readModelVersion(db, setting.version);
  if (!files) return { artifacts: shipped, version: SHIPPED_VERSION, missing: setting.version };
  return { artifacts: artifactsOf(files), version: setting.version };
}
