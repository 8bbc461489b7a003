import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { featureLayout } from './catalogue-features';
import { ScoringError } from './model-scorer';
import { connectScorer, type OpenRequest } from './scorer-worker';
import { inProcessPort } from './testing/in-process-port';
import { readCommittedArtifacts } from './testing/model-artifacts.node';

ort.env.wasm.numThreads = 1;
const shipped = readCommittedArtifacts();
const WASM_URL = 'http://127.0.0.1:5174/assets/ort-wasm-simd-threaded-abc123.wasm';

function openRequest(wasm: OpenRequest['wasm']): OpenRequest {
  return {
    type: 'open',
    wasm,
    threads: 1,
    artifacts: {
      churn: { onnx: shipped.churn.onnx.slice().buffer, trees: shipped.churn.trees, version: shipped.churn.version },
      expansion: { onnx: shipped.expansion.onnx.slice().buffer, trees: shipped.expansion.trees, version: shipped.expansion.version },
    },
  };
}

describe('opening the models in the worker', () => {
  it('the worker reads the runtime from the URL itself: the page never holds its bytes', async () => {
    const asked: string[] = [];
    const port = inProcessPort(async (url, what) => {
      asked.push(`${what} at ${url}`);
      return new ArrayBuffer(8);
    });
    const scorer = await connectScorer(port, openRequest({ url: WASM_URL }));
    expect(asked).toEqual([`ONNX runtime (WebAssembly) at ${WASM_URL}`]);
    expect(scorer.version).toContain(shipped.churn.version);
    const scores = await scorer.score(new Float32Array(featureLayout(scorer.ownKeys ?? []).names.length), 1, 'path');
    expect(scores.churn[0]).toBeGreaterThanOrEqual(0);
    await scorer.release();
  }, 60_000);

  it("a runtime file the worker cannot read is PRED001 naming it, and the worker is let go", async () => {
    const port = inProcessPort(async () => {
      throw new ScoringError('PRED001', 'The ONNX runtime (WebAssembly) could not be read (ort-wasm-simd-threaded-abc123.wasm: HTTP 404)');
    });
    const opening = connectScorer(port, openRequest({ url: WASM_URL }));
    await expect(opening).rejects.toMatchObject({ code: 'PRED001', message: expect.stringContaining('ort-wasm-simd-threaded-abc123.wasm: HTTP 404') });
    expect(port.terminated()).toBe(true);
  });

  it('a worker given no way to read files says so instead of opening without a runtime', async () => {
    const port = inProcessPort();
    await expect(connectScorer(port, openRequest({ url: WASM_URL }))).rejects.toMatchObject({ code: 'PRED001', message: expect.stringContaining(WASM_URL) });
  });
});
