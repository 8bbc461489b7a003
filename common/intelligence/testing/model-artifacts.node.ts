import { readFileSync } from 'node:fs';
import type { GbtModel } from '../../ml/gradient-boosted-trees';
import type { ModelArtifacts } from '../model-scorer';
import type { ModelCard, ModelName } from '../training';

const MODELS_DIR = new URL('../../../models/', import.meta.url);

/** The committed models/ files as the app ships them (Node: tests and benchmarks). */
export function readModelFile(name: string): Buffer {
  return readFileSync(new URL(name, MODELS_DIR));
}

export function readCommittedArtifacts(): ModelArtifacts {
  const load = (name: ModelName) => ({
    onnx: new Uint8Array(readModelFile(`${name}.onnx`)),
    trees: JSON.parse(readModelFile(`${name}.trees.json`).toString('utf8')) as GbtModel,
    version: (JSON.parse(readModelFile(`${name}.card.json`).toString('utf8')) as ModelCard).version,
  });
  return { churn: load('churn'), expansion: load('expansion') };
}
