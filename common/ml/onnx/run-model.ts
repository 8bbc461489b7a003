import * as ort from 'onnxruntime-web';
import { INPUT_NAME, OUTPUT_NAME } from './graph-builders';

export type ScoringSession = ort.InferenceSession;

/**
 * Opens an exported model. A corrupt or truncated file rejects with an Error naming the model, so the
 * caller can fall back (e.g. keep the previous model) instead of crashing.
 */
export async function openScoringSession(bytes: Uint8Array, label = 'model'): Promise<ScoringSession> {
  try {
    return await ort.InferenceSession.create(bytes);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`Could not load ${label} (${bytes.byteLength} bytes): ${reason}`, { cause });
  }
}

/** Probabilities for rows of F features (NaN = missing), computed in float32 by onnxruntime. */
export async function scoreRows(session: ScoringSession, rows: readonly ArrayLike<number>[], featureCount: number): Promise<Float32Array> {
  const data = new Float32Array(rows.length * featureCount);
  rows.forEach((row, i) => {
    if (row.length !== featureCount) throw new Error(`scoreRows: row ${i} has ${row.length} values, expected ${featureCount}`);
    for (let j = 0; j < featureCount; j++) data[i * featureCount + j] = row[j]!;
  });
  const results = await session.run({ [INPUT_NAME]: new ort.Tensor('float32', data, [rows.length, featureCount]) });
  const output = results[OUTPUT_NAME];
  if (!output) throw new Error(`scoreRows: model has no "${OUTPUT_NAME}" output`);
  return output.data as Float32Array;
}

