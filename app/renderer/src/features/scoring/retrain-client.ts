import type { RetrainJobRequest, RetrainJobResult, RetrainJobStep } from '../../../../../common/intelligence/retrain-job';

export type RetrainWorkerMessage =
  | { type: 'progress'; step: RetrainJobStep; done: number; total: number }
  | { type: 'done'; result: RetrainJobResult }
  | { type: 'failed'; message: string; notEnoughOutcomes: boolean };

export class RetrainCancelled extends Error {
  constructor() {
    super('Retraining was cancelled');
    this.name = 'RetrainCancelled';
  }
}

export class RetrainFailed extends Error {
  constructor(
    message: string,
    readonly notEnoughOutcomes: boolean,
  ) {
    super(message);
    this.name = 'RetrainFailed';
  }
}

/** Starts a retrain in a worker; `cancel` terminates it (the promise then rejects with RetrainCancelled). */
export function startRetrain(
  request: RetrainJobRequest,
  onProgress: (step: RetrainJobStep, done: number, total: number) => void,
): { result: Promise<RetrainJobResult>; cancel(): void } {
  const worker = new Worker(new URL('./retrain.worker.ts', import.meta.url), { type: 'module', name: 'outpost-retrain' });
  let rejectRun: (error: Error) => void = () => undefined;
  const result = new Promise<RetrainJobResult>((resolve, reject) => {
    rejectRun = reject;
    worker.onmessage = (event: MessageEvent<RetrainWorkerMessage>) => {
      const message = event.data;
      if (message.type === 'progress') onProgress(message.step, message.done, message.total);
      else {
        worker.terminate();
        if (message.type === 'done') resolve(message.result);
        else reject(new RetrainFailed(message.message, message.notEnoughOutcomes));
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new RetrainFailed(`The retrain worker stopped: ${event.message || 'unknown error'}`, false));
    };
    worker.postMessage(request);
  });
  return {
    result,
    cancel() {
      worker.terminate();
      rejectRun(new RetrainCancelled());
    },
  };
}
