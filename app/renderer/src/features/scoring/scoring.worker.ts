/// <reference lib="webworker" />
/**
 * Runs the ONNX models off the UI thread: onnxruntime-web's single-threaded WebAssembly build (numThreads = 1: no
 * SharedArrayBuffer, which would need cross-origin isolation), its .wasm loaded from the app's own files, never a CDN.
 */
import * as ort from 'onnxruntime-web/wasm';
import { serveScorer, type WorkerRequest } from '../../../../../common/intelligence/scorer-worker';

declare const self: DedicatedWorkerGlobalScope;

const handle = serveScorer(ort, (message, transfer = []) => self.postMessage(message, transfer));
self.onmessage = (event: MessageEvent<WorkerRequest>) => void handle(event.data);
