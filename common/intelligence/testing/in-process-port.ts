import * as ort from 'onnxruntime-web';
import { type ReadFile, serveScorer, type ScorerPort, type WorkerRequest, type WorkerResponse } from '../scorer-worker';

/**
 * The worker protocol in one thread: the page's side and the worker's side joined by direct calls, every message
 * structured-cloned as a worker's would be. `terminated` says whether the page's side let the worker go.
 */
export function inProcessPort(readFile?: ReadFile): ScorerPort & { terminated(): boolean } {
  let listener: (message: WorkerResponse) => void = () => undefined;
  let terminated = false;
  // The runtime is already started in this process: the worker's settings go to an env of their own.
  const runtime = { InferenceSession: ort.InferenceSession, Tensor: ort.Tensor, env: { wasm: {} } };
  const serve = serveScorer(runtime, (message) => listener(structuredClone(message)), readFile);
  return {
    post: (message: WorkerRequest) => void serve(structuredClone(message)),
    onMessage: (l) => (listener = l),
    onError: () => undefined,
    terminate: () => {
      terminated = true;
    },
    terminated: () => terminated,
  };
}
