import type * as Ort from 'onnxruntime-web';
import type { GbtModel } from '../ml/gradient-boosted-trees';
import { featureLayout, OWN_FEATURES_MAX, ownKeysOfFeatures } from './catalogue-features';
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
  /** Points per feature on the 0-100 scale, row-major count × the layout width (APP_FEATURE_NAMES); baseline + Σ points = 100 × p. */
  readonly churnPoints: Float32Array;
  readonly expansionPoints: Float32Array;
}

export interface Scorer {
  /** e.g. "churn-2026-06-30-s7 · expansion-2026-06-30-s7". */
  readonly version: string;
  /**
   * The team's own features the models read, in the order of the row's last columns (featureLayout(ownKeys)): the
   * caller computes the rows in that layout. Absent or empty: no own features.
   */
  readonly ownKeys?: readonly string[];
  /** Scores `count` rows of the layout's float32 features (NaN = missing). Rejects with ScoringError ML001. */
  score(rows: Float32Array, count: number, method: ExplanationMethod): Promise<BatchScores>;
  release(): Promise<void>;
}

const MODEL_NAMES: readonly ModelName[] = ['churn', 'expansion'];
// The exporters' tensor names (common/ml/onnx/graph-builders.ts); not imported from there because its protobufjs
// reflection compiles code at run time, which the renderer's CSP forbids.
const INPUT_NAME = 'features';
const OUTPUT_NAME = 'probability';
const CONTRIBUTIONS_NAME = 'contributions';

/**
 * Where each of a model's features sits in the app's feature row. The app accepts any model whose features it can
 * compute, in any order (a team model may leave out features its book never measured); one it cannot compute is
 * refused with PRED001 saying which.
 */
export function featureColumns(name: string, names: readonly string[], layout: readonly string[] = featureLayout().names): Int32Array {
  if (names.length === 0) throw new ScoringError('PRED001', `The ${name} model lists no features`);
  const unknown = names.filter((n) => !layout.includes(n));
  if (unknown.length > 0) {
    throw new ScoringError('PRED001', `The ${name} model expects features this app cannot compute: ${unknown.join(', ')} (it computes ${layout.join(', ')})`);
  }
  if (new Set(names).size !== names.length) throw new ScoringError('PRED001', `The ${name} model lists a feature twice`);
  return Int32Array.from(names, (n) => layout.indexOf(n));
}

const isIdentity = (columns: Int32Array, layoutWidth: number) => columns.length === layoutWidth && columns.every((c, i) => c === i);

/** The app's rows (`stride` wide) laid out as a model's input (its columns). */
function gather(rows: Float32Array, count: number, columns: Int32Array, stride: number): Float32Array {
  const width = columns.length;
  const out = new Float32Array(count * width);
  for (let i = 0; i < count; i++) for (let j = 0; j < width; j++) out[i * width + j] = rows[i * stride + columns[j]!]!;
  return out;
}

/** A model's per-feature points (its columns) placed in the app's layout; features it does not read get 0 points. */
function scatter(points: Float32Array, count: number, columns: Int32Array, stride: number): Float32Array {
  const width = columns.length;
  const out = new Float32Array(count * stride);
  for (let i = 0; i < count; i++) for (let j = 0; j < width; j++) out[i * stride + columns[j]!] = points[i * width + j]!;
  return out;
}

/** Opens both models; a missing, corrupt or mismatched model rejects with ScoringError PRED001, never crashes. */
/**
 * `layout`: the names of the columns of the rows `score` is given; points come back in it. By default the app's row
 * (the core features, then the catalogue columns, catalogue-features.ts), then the columns of the team's own
 * features the models read (`usage_<own>_month/_trend`), sorted: the scorer's `ownKeys` say which, so the caller
 * computes its rows in that layout. More own features than a row may have (OWN_FEATURES_MAX): PRED001.
 */
export async function openScorer(ort: OrtModule, artifacts: ModelArtifacts, explicitLayout?: readonly string[]): Promise<Scorer> {
  let ownKeys: string[];
  let layout: readonly string[];
  if (explicitLayout) {
    ownKeys = ownKeysOfFeatures(explicitLayout);
    layout = explicitLayout;
  } else {
    ownKeys = ownKeysOfFeatures(MODEL_NAMES.flatMap((name) => artifacts[name]?.trees?.featureNames ?? [])).sort();
    if (ownKeys.length > OWN_FEATURES_MAX) {
      throw new ScoringError('PRED001', `The models read ${ownKeys.length} features of the team's own, the app computes at most ${OWN_FEATURES_MAX}`);
    }
    layout = featureLayout(ownKeys).names;
  }
  const stride = layout.length;
  const sessions: Ort.InferenceSession[] = [];
  const columnsOf: Partial<Record<ModelName, Int32Array>> = {};
  try {
    for (const name of MODEL_NAMES) {
      const artifact = artifacts[name];
      if (!artifact || !(artifact.onnx instanceof Uint8Array) || artifact.onnx.byteLength === 0) {
        throw new ScoringError('PRED001', `The ${name} model file is missing or empty`);
      }
      if (!artifact.trees || !Array.isArray(artifact.trees.trees)) throw new ScoringError('PRED001', `The ${name} model's explanation trees are missing`);
      columnsOf[name] = featureColumns(name, artifact.trees.featureNames, layout);
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
  const run = async (session: Ort.InferenceSession, name: string, input: Float32Array, count: number, width: number): Promise<{ probability: Float32Array; contributions?: Float32Array }> => {
    try {
      const result = await session.run({ [INPUT_NAME]: new ort.Tensor('float32', input, [count, width]) });
      const output = result[OUTPUT_NAME]?.data;
      if (!(output instanceof Float32Array) || output.length !== count) throw new Error(`no "${OUTPUT_NAME}" output of ${count} values`);
      for (const p of output) if (!(p >= 0 && p <= 1)) throw new Error(`output ${p} is not a probability`);
      const contributions = result[CONTRIBUTIONS_NAME]?.data;
      if (contributions === undefined) return { probability: output };
      if (!(contributions instanceof Float32Array) || contributions.length !== count * width) {
        throw new Error(`"${CONTRIBUTIONS_NAME}" output is not ${count} × ${width} values`);
      }
      return { probability: output, contributions };
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new ScoringError('ML001', `Scoring with the ${name} model failed: ${reason}`, { cause });
    }
  };

  const compiled = { churn: compileSaabas(artifacts.churn.trees), expansion: compileSaabas(artifacts.expansion.trees) };
  const columns = columnsOf as Record<ModelName, Int32Array>;
  const identity = { churn: isIdentity(columns.churn, stride), expansion: isIdentity(columns.expansion, stride) };
  /**
   * Points per feature, in the model's columns. 'path': from the runtime's contributions output when the model has
   * one (the same Saabas attribution, computed in the same pass as the prediction), else walked here; 'treeshap':
   * exact, row by row.
   */
  const explainAll = (name: ModelName, input: Float32Array, count: number, method: ExplanationMethod, contributions: Float32Array | undefined): Float32Array => {
    const width = columns[name].length;
    const points = new Float32Array(count * width);
    if (method === 'path') {
      if (contributions) pointsFromContributions(contributions, compiled[name].expectedValue, count, width, points);
      else pathPointsInto(compiled[name], input, count, width, points);
      return points;
    }
    const model = artifacts[name].trees;
    for (let i = 0; i < count; i++) {
      const row = input.subarray(i * width, (i + 1) * width);
      points.set(explainScore(model, row, method).points, i * width);
    }
    return points;
  };

  /** One model on a batch of the app's rows: probabilities and points in the app's layout. */
  const scoreWith = async (name: ModelName, session: Ort.InferenceSession, rows: Float32Array, count: number, method: ExplanationMethod) => {
    const input = identity[name] ? rows : gather(rows, count, columns[name], stride);
    const { probability, contributions } = await run(session, name, input, count, columns[name].length);
    const points = explainAll(name, input, count, method, contributions);
    return { probability, points: identity[name] ? points : scatter(points, count, columns[name], stride) };
  };

  return {
    version: MODEL_NAMES.map((name) => artifacts[name].version).join(' · '),
    ownKeys,
    async score(rows, count, method) {
      if (rows.length !== count * stride) {
        throw new ScoringError('ML001', `Expected ${count} × ${stride} features, got ${rows.length} values`);
      }
      if (count === 0) {
        const empty = new Float32Array(0);
        return { count, churn: empty, expansion: empty, churnPoints: empty, expansionPoints: empty };
      }
      const churn = await scoreWith('churn', churnSession, rows, count, method);
      const expansion = await scoreWith('expansion', expansionSession, rows, count, method);
      return { count, churn: churn.probability, expansion: expansion.probability, churnPoints: churn.points, expansionPoints: expansion.points };
    },
    async release() {
      await Promise.allSettled(sessions.map((s) => s.release()));
    },
  };
}
