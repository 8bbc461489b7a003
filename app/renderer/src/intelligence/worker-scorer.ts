import type { ExplanationMethod } from '../../../../common/intelligence/explanations';
import { type BatchScores, type Scorer, ScoringError } from '../../../../common/intelligence/model-scorer';
import type { GbtModel } from '../../../../common/ml/gradient-boosted-trees';
import churnCard from '../../../../models/churn.card.json';
import expansionCard from '../../../../models/expansion.card.json';
import churnOnnxUrl from '../../../../models/churn.onnx?url';
import churnTreesUrl from '../../../../models/churn.trees.json?url';
import expansionOnnxUrl from '../../../../models/expansion.onnx?url';
import expansionTreesUrl from '../../../../models/expansion.trees.json?url';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

/** The model files the build ships (hashed assets next to the app; no network beyond the app's own origin). */
export const MODEL_URLS = {
  churn: { onnx: churnOnnxUrl, trees: churnTreesUrl, version: churnCard.version },
  expansion: { onnx: expansionOnnxUrl, trees: expansionTreesUrl, version: expansionCard.version },
};

/** Threads for onnxruntime-web: one, set explicitly (several would need SharedArrayBuffer and COOP/COEP headers). */
export const ORT_THREADS = 1;

/** XMLHttpRequest reads file:// URLs, which fetch() refuses (Electron loads the app from files). */
function xhrBytes(url: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('GET', url);
    request.responseType = 'arraybuffer';
    request.onload = () => (request.status === 0 || (request.status >= 200 && request.status < 300) ? resolve(request.response as ArrayBuffer) : reject(new Error(`HTTP ${request.status}`)));
    request.onerror = () => reject(new Error('network error'));
    request.send();
  });
}

async function fetchBytes(url: string, what: string): Promise<ArrayBuffer> {
  const absolute = new URL(url, document.baseURI);
  try {
    if (absolute.protocol === 'file:') return await xhrBytes(absolute.href);
    const response = await fetch(absolute.href);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const bytes = await response.arrayBuffer();
    if (bytes.byteLength === 0) throw new Error('empty file');
    return bytes;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ScoringError('PRED001', `The ${what} could not be read (${absolute.pathname.split('/').pop()}: ${reason})`, { cause });
  }
}

async function fetchTrees(url: string, what: string): Promise<GbtModel> {
  const bytes = await fetchBytes(url, what);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as GbtModel;
  } catch (cause) {
    throw new ScoringError('PRED001', `The ${what} is not valid JSON`, { cause });
  }
}

/**
 * Opens the models in a Web Worker and returns a Scorer that forwards batches to it. Rejects with PRED001 when a
 * model file is missing or corrupt (the worker is then terminated).
 */
export async function openWorkerScorer(urls = MODEL_URLS): Promise<Scorer> {
  const [wasmBinary, churnOnnx, churnTrees, expansionOnnx, expansionTrees] = await Promise.all([
    fetchBytes(wasmUrl, 'ONNX runtime (WebAssembly)'),
    fetchBytes(urls.churn.onnx, 'churn model file'),
    fetchTrees(urls.churn.trees, 'churn explanation file'),
    fetchBytes(urls.expansion.onnx, 'expansion model file'),
    fetchTrees(urls.expansion.trees, 'expansion explanation file'),
  ]);
  const worker = new Worker(new URL('./scoring.worker.ts', import.meta.url), { type: 'module', name: 'outpost-scoring' });
  let nextId = 1;
  const pending = new Map<number, { resolve(scores: BatchScores): void; reject(error: Error): void }>();
  let opened: { resolve(version: string): void; reject(error: Error): void } | undefined;

  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    if (message.type === 'opened') opened?.resolve(message.version);
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
  };
  worker.onerror = (event) => {
    const error = new ScoringError('ML001', `The scoring worker stopped: ${event.message || 'unknown error'}`);
    opened?.reject(new ScoringError('PRED001', error.message.replace(/^ML001: /, '')));
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  const request: WorkerRequest = {
    type: 'open',
    wasmBinary,
    threads: ORT_THREADS,
    artifacts: {
      churn: { onnx: churnOnnx, trees: churnTrees, version: urls.churn.version },
      expansion: { onnx: expansionOnnx, trees: expansionTrees, version: urls.expansion.version },
    },
  };
  let version: string;
  try {
    version = await new Promise<string>((resolve, reject) => {
      opened = { resolve, reject };
      worker.postMessage(request, [wasmBinary, churnOnnx, expansionOnnx]);
    });
  } catch (error) {
    worker.terminate();
    throw error;
  }

  return {
    version,
    score(rows: Float32Array, count: number, method: ExplanationMethod) {
      const id = nextId++;
      return new Promise<BatchScores>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const copy = rows.slice();
        worker.postMessage({ type: 'score', id, rows: copy, count, method } satisfies WorkerRequest, [copy.buffer]);
      });
    },
    async release() {
      worker.terminate();
    },
  };
}
