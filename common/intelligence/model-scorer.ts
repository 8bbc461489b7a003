import type * as Ort from 'onnxruntime-web';
import type { GbtModel } from '../ml/gradient-boosted-trees';
import { FEATURE_COUNT, FEATURE_NAMES } from './account-features';
import { compileSaabas } from '../ml/tree-explanations';
import { type ExplanationMethod, explainScore, pathPointsInto, pointsFromContributions } from './explanations';
import type { ModelName } from './training';

export type OrtModule = Pick<typeof Ort, 'InferenceSession' | 'Tensor'>;

/** PRED001: a model could not be loaded (show the last stored predictions, marked stale). ML001: inference failed. */
export type ScoringErrorCode = 'PRED001' | 'ML001';

export class ScoringError extends Error {
  constructor(
    readonly code: ScoringErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
    this.name = 'ScoringError';
  }
}

/** What the app ships per model: the ONNX file it runs, the trees it explains with, and the card's version. */
export interface ModelArtifact {
  readonly onnx: Uint8Array;
  readonly trees: GbtModel;
  readonly version: string;
}

export type ModelArtifacts = Readonly<Record<ModelName, ModelArtifact>>;

export interface BatchScores {
  readonly count: number;
  /** Probabilities from onnxruntime, one per row. */
  readonly churn: Float32Array;
  readonly expansion: Float32Array;
  /** Points per feature on the 0-100 scale, row-major count × FEATURE_COUNT; baseline + Σ points = 100 × p. */
  readonly churnPoints: Float32Array;
  readonly expansionPoints: Float32Array;
}

export interface Scorer {
  /** e.g. "churn-2026-06-30-s7 · expansion-2026-06-30-s7". */
  readonly version: string;
  /** Scores `count` rows of FEATURE_COUNT float32 features (NaN = missing). Rejects with ScoringError ML001. */
  score(rows: Float32Array, count: number, method: ExplanationMethod): Promise<BatchScores>;
  release(): Promise<void>;
}

const MODEL_NAMES: readonly ModelName[] = ['churn', 'expansion'];
// The exporters' tensor names (common/ml/onnx/graph-builders.ts); not imported from there because its protobufjs
// reflection compiles code at run time, which the renderer's CSP forbids.
const INPUT_NAME = 'features';
const OUTPUT_NAME = 'probability';
const CONTRIBUTIONS_NAME = 'contributions';

function checkFeatures(name: string, names: readonly string[]): void {
  if (names.length !== FEATURE_COUNT || names.some((n, i) => n !== FEATURE_NAMES[i])) {
    throw new ScoringError('PRED001', `The ${name} model expects features [${names.join(', ')}], this app computes [${FEATURE_NAMES.join(', ')}]`);
  }
}

/** Opens both models; a missing, corrupt or mismatched model rejects with ScoringError PRED001, never crashes. */
export async function openScorer(ort: OrtModule, artifacts: ModelArtifacts): Promise<Scorer> {
  const sessions: Ort.InferenceSession[] = [];
  try {
    for (const name of MODEL_NAMES) {
      const artifact = artifacts[name];
      if (!artifact || !(artifact.onnx instanceof Uint8Array) || artifact.onnx.byteLength === 0) {
        throw new ScoringError('PRED001', `The ${name} model file is missing or empty`);
      }
      if (!artifact.trees || !Array.isArray(artifact.trees.trees)) throw new ScoringError('PRED001', `The ${name} model's explanation trees are missing`);
      checkFeatures(`${name} explanation`, artifact.trees.featureNames);
      let session: Ort.InferenceSession;
      try {
        session = await ort.InferenceSession.create(artifact.onnx);
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        throw new ScoringError('PRED001', `The ${name} model could not be loaded (${artifact.onnx.byteLength} bytes): ${reason}`, { cause });
      }
      sessions.push(session);
      if (!session.inputNames.includes(INPUT_NAME) || !session.outputNames.includes(OUTPUT_NAME)) {
        throw new ScoringError('PRED001', `The ${name} model has inputs [${session.inputNames.join(', ')}] and outputs [${session.outputNames.join(', ')}], expected "${INPUT_NAME}" → "${OUTPUT_NAME}"`);
      }
    }
  } catch (error) {
    await Promise.allSettled(sessions.map((s) => s.release()));
    throw error instanceof ScoringError ? error : new ScoringError('PRED001', String(error), { cause: error });
  }
  const [churnSession, expansionSession] = sessions as [Ort.InferenceSession, Ort.InferenceSession];

  /** Probabilities, and the path contributions (log-odds) when the model file has them (exported since they were added). */
  const run = async (session: Ort.InferenceSession, name: string, rows: Float32Array, count: number): Promise<{ probability: Float32Array; contributions?: Float32Array }> => {
    try {
      const result = await session.run({ [INPUT_NAME]: new ort.Tensor('float32', rows, [count, FEATURE_COUNT]) });
      const output = result[OUTPUT_NAME]?.data;
      if (!(output instanceof Float32Array) || output.length !== count) throw new Error(`no "${OUTPUT_NAME}" output of ${count} values`);
      for (const p of output) if (!(p >= 0 && p <= 1)) throw new Error(`output ${p} is not a probability`);
      const contributions = result[CONTRIBUTIONS_NAME]?.data;
      if (contributions === undefined) return { probability: output };
      if (!(contributions instanceof Float32Array) || contributions.length !== count * FEATURE_COUNT) {
        throw new Error(`"${CONTRIBUTIONS_NAME}" output is not ${count} × ${FEATURE_COUNT} values`);
      }
      return { probability: output, contributions };
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new ScoringError('ML001', `Scoring with the ${name} model failed: ${reason}`, { cause });
    }
  };

  const compiled = { churn: compileSaabas(artifacts.churn.trees), expansion: compileSaabas(artifacts.expansion.trees) };
  /**
   * Points per feature. 'path': from the runtime's contributions output when the model has one (the same Saabas
   * attribution, computed in the same pass as the prediction), else walked here; 'treeshap': exact, row by row.
   */
  const explainAll = (name: ModelName, rows: Float32Array, count: number, method: ExplanationMethod, contributions: Float32Array | undefined): Float32Array => {
    const points = new Float32Array(count * FEATURE_COUNT);
    if (method === 'path') {
      if (contributions) pointsFromContributions(contributions, compiled[name].expectedValue, count, FEATURE_COUNT, points);
      else pathPointsInto(compiled[name], rows, count, FEATURE_COUNT, points);
      return points;
    }
    const model = artifacts[name].trees;
    for (let i = 0; i < count; i++) {
      const row = rows.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT);
      points.set(explainScore(model, row, method).points, i * FEATURE_COUNT);
    }
    return points;
  };

  return {
    version: MODEL_NAMES.map((name) => artifacts[name].version).join(' · '),
    async score(rows, count, method) {
      if (rows.length !== count * FEATURE_COUNT) {
        throw new ScoringError('ML001', `Expected ${count} × ${FEATURE_COUNT} features, got ${rows.length} values`);
      }
      if (count === 0) {
        const empty = new Float32Array(0);
        return { count, churn: empty, expansion: empty, churnPoints: empty, expansionPoints: empty };
      }
      const churn = await run(churnSession, 'churn', rows, count);
      const expansion = await run(expansionSession, 'expansion', rows, count);
      return {
        count,
        churn: churn.probability,
        expansion: expansion.probability,
        churnPoints: explainAll('churn', rows, count, method, churn.contributions),
        expansionPoints: explainAll('expansion', rows, count, method, expansion.contributions),
      };
    },
    async release() {
      await Promise.allSettled(sessions.map((s) => s.release()));
    },
  };
}
