/** The benchmark's scoring worker: the app's worker side (serveScorer) on a Node worker thread instead of a Web Worker. */
import { parentPort } from 'node:worker_threads';
import * as ort from 'onnxruntime-web';
import { serveScorer, type WorkerRequest } from '../common/intelligence/scorer-worker';

if (!parentPort) throw new Error('scoring-worker.node.ts runs as a worker thread');
const port = parentPort;
const handle = serveScorer(ort, (message, transfer = []) => port.postMessage(message, transfer));
port.on('message', (request: WorkerRequest) => void handle(request));
