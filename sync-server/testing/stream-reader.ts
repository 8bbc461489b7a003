import type { SyncServer } from '../server';

/** A live sync stream read from a test: collects frames and says when the server ended it. */
export interface TestStream {
  frames: { collection: string; documents: any[]; checkpoint: unknown }[];
  /** Resolves when the server closes the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openStream(server: SyncServer, token: string, collections = 'accounts'): Promise<TestStream> {
  const abort = new AbortController();
  const response = await fetch(`${server.url}/sync/stream?collections=${collections}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`stream: ${response.status} ${await response.text()}`);
  const frames: TestStream['frames'] = [];
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith('data: ')) frames.push(JSON.parse(frame.slice(6)));
        }
      }
    } catch {
      // Aborted or reset: ended either way.
    }
  })();
  return { frames, ended, close: () => abort.abort() };
}
