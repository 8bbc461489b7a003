import type { GbtModel } from '../ml/gradient-boosted-trees';
import type { ExplanationMethod } from './explanations';
import { type BatchScores, type OrtModule, openScorer, type Scorer, ScoringError, type ScoringErrorCode } from './model-scorer';

/**
 * The scorer behind a worker boundary: the messages, the worker's side (`serveScorer`) and the page's side
 * (`connectScorer`). The renderer runs it in a Web Worker; the benchmark runs the same two sides over a Node
 * worker thread. Messages are structured-cloned; feature and score buffers are transferred, not copied.
 */
export interface OpenRequest {
  type: 'open';
  /**
   * onnxruntime-web's .wasm: its bytes, or the absolute URL of the app's own file for the worker to read itself (the
   * app's way: 14 MB arriving on the page's thread held it for 140-290 ms).
   */
  wasm: { bytes: ArrayBuffer } | { url: string };
  threads: number;
  artifacts: Record<'churn' | 'expansion', { onnx: ArrayBuffer; trees: GbtModel; version: string }>;
}

export type WorkerRequest = OpenRequest | { type: 'score'; id: number; rows: Float32Array; count: number; method: ExplanationMethod };

export type WorkerResponse =
  | { type: 'opened'; version: string; /** The own features the models read (Scorer.ownKeys): the rows' layout. */ ownKeys?: string[] }
  | { type: 'scored'; id: number; scores: BatchScores }
  | { type: 'failed'; id?: number; code: ScoringErrorCode; message: string };

type Reply = (message: WorkerResponse, transfer?: ArrayBuffer[]) => void;

function failure(error: unknown, fallback: ScoringErrorCode, id?: number): WorkerResponse {
  const code = error instanceof ScoringError ? error.code : fallback;
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'failed', code, message: message.startsWith(code) ? message : `${code}: ${message}`, ...(id === undefined ? {} : { id }) };
}

/** Reads the bytes at an absolute URL, failing with PRED001 that names the file (the app's: app-file-bytes.ts). */
export type ReadFile = (url: string, what: string) => Promise<ArrayBuffer>;

const NO_FILES: ReadFile = async (url) => {
  throw new ScoringError('PRED001', `This worker cannot read files (${url})`);
};

/**
 * The worker's side: opens the models on 'open' and answers each 'score'. `ort` is the onnxruntime-web build the
 * worker imported; its wasm comes from the request (bytes, or the app's own file read with `readFile`), never from a CDN.
 */
export function serveScorer(
  ort: OrtModule & { env: { wasm: { numThreads?: number; proxy?: boolean; wasmBinary?: ArrayBufferLike | Uint8Array } } },
  reply: Reply,
  readFile: ReadFile = NO_FILES,
): (request: WorkerRequest) => Promise<void> {
  let scorer: Scorer | undefined;
  return async (request) => {
    if (request.type === 'open') {
      try {
        ort.env.wasm.numThreads = request.threads;
        ort.env.wasm.proxy = false;
        ort.env.wasm.wasmBinary = 'bytes' in request.wasm ? request.wasm.bytes : await readFile(request.wasm.url, 'ONNX runtime (WebAssembly)');
        const { churn, expansion } = request.artifacts;
        scorer = await openScorer(ort, {
          churn: { ...churn, onnx: new Uint8Array(churn.onnx) },
          expansion: { ...expansion, onnx: new Uint8Array(expansion.onnx) },
        });
        reply({ type: 'opened', version: scorer.version, ownKeys: [...(scorer.ownKeys ?? [])] });
      } catch (error) {
        reply(failure(error, 'PRED001'));
      }
      return;
    }
    try {
      if (!scorer) throw new ScoringError('PRED001', 'The models are not loaded');
      const scores = await scorer.score(request.rows, request.count, request.method);
      const buffers = [scores.churn.buffer, scores.expansion.buffer, scores.churnPoints.buffer, scores.expansionPoints.buffer] as ArrayBuffer[];
      reply({ type: 'scored', id: request.id, scores }, [...new Set(buffers)]);
    } catch (error) {
      reply(failure(error, 'ML001', request.id));
    }
  };
}

/** What the page needs of a worker: a Web Worker or a Node worker thread, adapted. */
export interface ScorerPort {
  post(message: WorkerRequest, transfer: ArrayBuffer[]): void;
  /** Every message the worker sends. */
  onMessage(listener: (message: WorkerResponse) => void): void;
  /** The worker died (an uncaught error, a failed load). */
  onError(listener: (reason: string) => void): void;
  terminate(): void;
}

/**
 * The page's side: opens the models in the worker behind `port` and returns a Scorer that forwards batches to it.
 * Several batches may be in flight (the engine computes the next batch's features while one is scored). Rejects
 * with PRED001 when a model is missing or corrupt (the worker is then terminated).
 */
export async function connectScorer(port: ScorerPort, open: OpenRequest): Promise<Scorer> {
  let nextId = 1;
  const pending = new Map<number, { resolve(scores: BatchScores): void; reject(error: Error): void }>();
  let opened: { resolve(answer: { version: string; ownKeys: string[] }): void; reject(error: Error): void } | undefined;

  port.onMessage((message) => {
    if (message.type === 'opened') opened?.resolve({ version: message.version, ownKeys: message.ownKeys ?? [] });
    else if (message.type === 'scored') {
      pending.get(message.id)?.resolve(message.scores);
      pending.delete(message.id);
    } else {
      const error = new ScoringError(message.code, message.message.replace(/^(PRED001|ML001): /, ''));
      if (message.id === undefined) opened?.reject(error);
      else {
        pending.get(message.id)?.reject(error);
        pending.delete(message.id);
      }
    }
  });
  port.onError((reason) => {
    const message = `The scoring worker stopped: ${reason || 'unknown error'}`;
    opened?.reject(new ScoringError('PRED001', message));
    for (const { reject } of pending.values()) reject(new ScoringError('ML001', message));
    pending.clear();
  });

  let version: string;
  let ownKeys: string[];
  try {
    ({ version, ownKeys } = await new Promise<{ version: string; ownKeys: string[] }>((resolve, reject) => {
      opened = { resolve, reject };
      port.post(open, ['bytes' in open.wasm ? [open.wasm.bytes] : [], open.artifacts.churn.onnx, open.artifacts.expansion.onnx].flat());
    }));
  } catch (error) {
    port.terminate();
    throw error;
  }

  return {
    version,
    ownKeys,
    score(rows: Float32Array, count: number, method: ExplanationMethod) {
      const id = nextId++;
      return new Promise<BatchScores>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const copy = rows.slice();
        port.post({ type: 'score', id, rows: copy, count, method }, [copy.buffer]);
      });
    },
    async release() {
      port.terminate();
    },
  };
}
