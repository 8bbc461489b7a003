/// <reference lib="webworker" />
/**
 * Runs the ONNX models off the UI thread: onnxruntime-web's single-threaded WebAssembly build (numThreads = 1: no
 * SharedArrayBuffer, which would need cross-origin isolation), its .wasm read here from the app's own files, never a CDN.
 */
import * as ort from 'onnxruntime-web/wasm';
import { serveScorer, type WorkerRequest } from '../../../../../common/intelligence/scorer-worker';
import { appFileBytes } from './app-file-bytes';

declare const self: DedicatedWorkerGlobalScope;

const handle = serveScorer(ort, (message, transfer = []) => self.postMessage(message, transfer), appFileBytes);
self.onmessage = (event: MessageEvent<WorkerRequest>) => void handle(event.data);
