import { describe, expect, it } from 'vitest';
import { readAheadPull, type PulledPage } from './read-ahead-pull';

/** A server of `total` documents numbered 0.., answering pages after a numeric checkpoint, and the requests it saw. */
function pagedServer(total: number) {
  const requests: (number | undefined)[] = [];
  const failOnceAt = new Set<number | undefined>();
  const fetchPage = async (checkpoint: { seq: number } | undefined, batchSize: number): Promise<PulledPage<{ seq: number }>> => {
    requests.push(checkpoint?.seq);
    if (failOnceAt.delete(checkpoint?.seq)) throw new Error('offline');
    const from = checkpoint ? checkpoint.seq + 1 : 0;
    const documents = Array.from({ length: Math.max(0, Math.min(batchSize, total - from)) }, (_, i) => from + i);
    return { documents, checkpoint: documents.length ? { seq: documents[documents.length - 1]! } : (checkpoint ?? null) };
  };
  return {
    fetchPage,
    requests,
    add(count: number) {
      total += count;
    },
    /** The next request from checkpoint `seq` fails (once). */
    failOnceAt(seq: number) {
      failOnceAt.add(seq);
    },
  };
}

async function pullAll(pull: ReturnType<typeof readAheadPull<{ seq: number }, PulledPage<{ seq: number }>>>, batchSize: number, from?: { seq: number }) {
  const seen: unknown[] = [];
  let checkpoint = from;
  for (;;) {
    const page = await pull.pull(checkpoint, batchSize);
    seen.push(...page.documents);
    checkpoint = page.checkpoint ?? undefined;
    if (page.documents.length < batchSize) return { seen, checkpoint };
  }
}

describe('readAheadPull', () => {
  it('asks for the next page while the previous one is written, and delivers every document once, in order', async () => {
    const server = pagedServer(25);
    const pager = readAheadPull(server.fetchPage);
    const first = await pager.pull(undefined, 10);
    expect(first.documents).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The second page was requested before RxDB asked for it.
    expect(server.requests).toEqual([undefined, 9]);
    const { seen } = await pullAll(pager, 10, first.checkpoint!);
    expect([...first.documents, ...seen]).toEqual(Array.from({ length: 25 }, (_, i) => i));
    // One request per page: 0-9, 10-19, 20-24; a short page asks for nothing more.
    expect(server.requests).toEqual([undefined, 9, 19]);
  });

  it('does not use a page read ahead for another checkpoint or batch size', async () => {
    const server = pagedServer(30);
    const pager = readAheadPull(server.fetchPage);
    await pager.pull(undefined, 10);
    const other = await pager.pull({ seq: 4 }, 10);
    expect(other.documents[0]).toBe(5);
    const smaller = await pager.pull(other.checkpoint!, 5);
    expect(smaller.documents).toEqual([15, 16, 17, 18, 19]);
  });

  it('after a live-stream event, answers from the server again, so a change made after the read-ahead is not missed', async () => {
    const server = pagedServer(12);
    const pager = readAheadPull(server.fetchPage);
    const first = await pager.pull(undefined, 10); // reads 10-11 ahead
    server.add(3); // a change arrives on the server: documents 12-14, announced on the stream
    pager.invalidate();
    const { seen } = await pullAll(pager, 10, first.checkpoint!);
    expect(seen).toEqual([10, 11, 12, 13, 14]);
  });

  it('fetches again when the read-ahead failed', async () => {
    const server = pagedServer(15);
    const pager = readAheadPull(server.fetchPage);
    server.failOnceAt(9); // the read-ahead after the first page fails
    const first = await pager.pull(undefined, 10);
    const second = await pager.pull(first.checkpoint!, 10);
    expect(second.documents).toEqual([10, 11, 12, 13, 14]);
    expect(server.requests).toEqual([undefined, 9, 9]);
  });
});
