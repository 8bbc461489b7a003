import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ModelArtifacts, Scorer } from '../common/intelligence/model-scorer';
import { connectScorer, type WorkerResponse } from '../common/intelligence/scorer-worker';

/** A transferable ArrayBuffer of exactly these bytes (a Buffer may be a view into a larger shared pool). */
const copy = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;

/**
 * The app's scorer arrangement in Node: the models open in a worker thread (scoring-worker.node.ts) and the engine
 * talks to it through the same connectScorer as the renderer does to its Web Worker, so inference and explanations
 * run off the thread that reads and writes the database.
 */
export function openNodeWorkerScorer(artifacts: ModelArtifacts): Promise<Scorer> {
  // The worker file is TypeScript: tsx's CommonJS hook, registered inside the worker, loads it (Node hands neither
  // the hooks tsx registered at run time nor its --import to worker threads).
  const file = resolve(__dirname, 'scoring-worker.node.ts');
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true });
  // Copied out of Node's Buffer pool into an ArrayBuffer of its own, which can be transferred.
  const wasm = new Uint8Array(readFileSync(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm')));
  return connectScorer(
    {
      post: (message, transfer) => worker.postMessage(message, transfer),
      onMessage: (listener) => worker.on('message', (message: WorkerResponse) => listener(message)),
      onError: (listener) => worker.on('error', (error) => listener(error.message)),
      terminate: () => void worker.terminate(),
    },
    {
      type: 'open',
      wasm: { bytes: wasm.buffer },
      threads: 1,
      artifacts: {
        churn: { onnx: copy(artifacts.churn.onnx), trees: artifacts.churn.trees, version: artifacts.churn.version },
        expansion: { onnx: copy(artifacts.expansion.onnx), trees: artifacts.expansion.trees, version: artifacts.expansion.version },
      },
    },
  );
}
