import { type ModelArtifacts, type Scorer, ScoringError } from '../../../../../common/intelligence/model-scorer';
import { connectScorer, type ScorerPort, type WorkerResponse } from '../../../../../common/intelligence/scorer-worker';
import type { GbtModel } from '../../../../../common/ml/gradient-boosted-trees';
import churnCard from '../../../../../models/churn.card.json';
import expansionCard from '../../../../../models/expansion.card.json';
import churnOnnxUrl from '../../../../../models/churn.onnx?url';
import churnTreesUrl from '../../../../../models/churn.trees.json?url';
import expansionOnnxUrl from '../../../../../models/expansion.onnx?url';
import expansionTreesUrl from '../../../../../models/expansion.trees.json?url';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { appFileBytes } from './app-file-bytes';

/** The model files the build ships (hashed assets next to the app; no network beyond the app's own origin). */
export const MODEL_URLS = {
  churn: { onnx: churnOnnxUrl, trees: churnTreesUrl, version: churnCard.version },
  expansion: { onnx: expansionOnnxUrl, trees: expansionTreesUrl, version: expansionCard.version },
};

/** Threads for onnxruntime-web: one, set explicitly (several would need SharedArrayBuffer and COOP/COEP headers). */
export const ORT_THREADS = 1;

/** A file the page names relative to itself, read from the app's own files. */
function fetchBytes(url: string, what: string): Promise<ArrayBuffer> {
  return appFileBytes(new URL(url, document.baseURI).href, what);
}

async function fetchTrees(url: string, what: string): Promise<GbtModel> {
  const bytes = await fetchBytes(url, what);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as GbtModel;
  } catch (cause) {
    throw new ScoringError('PRED001', `The ${what} is not valid JSON`, { cause });
  }
}

/** The shipped models' files (ONNX bytes, explanation trees, card version), read from the app's own assets. */
export async function fetchShippedArtifacts(urls = MODEL_URLS): Promise<ModelArtifacts> {
  const [churnOnnx, churnTrees, expansionOnnx, expansionTrees] = await Promise.all([
    fetchBytes(urls.churn.onnx, 'churn model file'),
    fetchTrees(urls.churn.trees, 'churn explanation file'),
    fetchBytes(urls.expansion.onnx, 'expansion model file'),
    fetchTrees(urls.expansion.trees, 'expansion explanation file'),
  ]);
  return {
    churn: { onnx: new Uint8Array(churnOnnx), trees: churnTrees, version: urls.churn.version },
    expansion: { onnx: new Uint8Array(expansionOnnx), trees: expansionTrees, version: urls.expansion.version },
  };
}

/**
 * Opens the models in a Web Worker and returns a Scorer that forwards batches to it: the shipped ones, or what
 * `choose` picks given them (the team's promoted model). Rejects with PRED001 when a model file is missing or
 * corrupt (the worker is then terminated).
 */
export async function openWorkerScorer(choose: (shipped: ModelArtifacts) => Promise<ModelArtifacts> = async (shipped) => shipped, urls = MODEL_URLS): Promise<Scorer> {
  const artifacts = await choose(await fetchShippedArtifacts(urls));
  const worker = new Worker(new URL('./scoring.worker.ts', import.meta.url), { type: 'module', name: 'outpost-scoring' });
  const port: ScorerPort = {
    post: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (listener) => {
      worker.onmessage = (event: MessageEvent<WorkerResponse>) => listener(event.data);
    },
    onError: (listener) => {
      worker.onerror = (event) => listener(event.message);
    },
    terminate: () => worker.terminate(),
  };
  // Own copies of the bytes: they are transferred to the worker.
  const bytes = (onnx: Uint8Array) => onnx.slice().buffer;
  return connectScorer(port, {
    type: 'open',
    // The worker reads the runtime's 14 MB itself: read here, its arrival took the page's thread for 140-290 ms.
    wasm: { url: new URL(wasmUrl, document.baseURI).href },
    threads: ORT_THREADS,
    artifacts: {
      churn: { onnx: bytes(artifacts.churn.onnx), trees: artifacts.churn.trees, version: artifacts.churn.version },
      expansion: { onnx: bytes(artifacts.expansion.onnx), trees: artifacts.expansion.trees, version: artifacts.expansion.version },
    },
  });
}
