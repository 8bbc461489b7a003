/// <reference lib="webworker" />
/**
 * Runs the ONNX models off the UI thread: onnxruntime-web's single-threaded WebAssembly build (numThreads = 1: no
 * SharedArrayBuffer, which would need cross-origin isolation), its .wasm loaded from the app's own files, never a CDN.
 */
import * as ort from 'onnxruntime-web/wasm';
import { openScorer, type Scorer, ScoringError } from '../../../../common/intelligence/model-scorer';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

declare const self: DedicatedWorkerGlobalScope;

let scorer: Scorer | undefined;

function reply(message: WorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

function failure(error: unknown, fallback: 'PRED001' | 'ML001', id?: number): WorkerResponse {
  const code = error instanceof ScoringError ? error.code : fallback;
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'failed', code, message: message.startsWith(code) ? message : `${code}: ${message}`, ...(id === undefined ? {} : { id }) };
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'open') {
    try {
      ort.env.wasm.numThreads = request.threads;
      ort.env.wasm.proxy = false;
      ort.env.wasm.wasmBinary = request.wasmBinary;
      const { churn, expansion } = request.artifacts;
      scorer = await openScorer(ort, {
        churn: { ...churn, onnx: new Uint8Array(churn.onnx) },
        expansion: { ...expansion, onnx: new Uint8Array(expansion.onnx) },
      });
      reply({ type: 'opened', version: scorer.version });
    } catch (error) {
      reply(failure(error, 'PRED001'));
    }
    return;
  }
  try {
    if (!scorer) throw new ScoringError('PRED001', 'The models are not loaded');
    const scores = await scorer.score(request.rows, request.count, request.method);
    reply({ type: 'scored', id: request.id, scores }, [scores.churn.buffer, scores.expansion.buffer, scores.churnPoints.buffer, scores.expansionPoints.buffer]);
  } catch (error) {
    reply(failure(error, 'ML001', request.id));
  }
};
