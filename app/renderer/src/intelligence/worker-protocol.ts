import type { ExplanationMethod } from '../../../../common/intelligence/explanations';
import type { BatchScores } from '../../../../common/intelligence/model-scorer';
import type { GbtModel } from '../../../../common/ml/gradient-boosted-trees';

/** Messages between the renderer and the scoring worker (structured-cloned; feature buffers are transferred). */
export type WorkerRequest =
  | {
      type: 'open';
      /** onnxruntime-web's .wasm, read by the page from the app's own files (works for file:// in Electron too). */
      wasmBinary: ArrayBuffer;
      threads: number;
      artifacts: Record<'churn' | 'expansion', { onnx: ArrayBuffer; trees: GbtModel; version: string }>;
    }
  | { type: 'score'; id: number; rows: Float32Array; count: number; method: ExplanationMethod };

export type WorkerResponse =
  | { type: 'opened'; version: string }
  | { type: 'scored'; id: number; scores: BatchScores }
  | { type: 'failed'; id?: number; code: 'PRED001' | 'ML001'; message: string };
