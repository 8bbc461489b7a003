import { canonicalJson } from '../json/json-equality';

/** What a pull request answers: the documents after a checkpoint, and the checkpoint after them. */
export interface PulledPage<C> {
  documents: readonly unknown[];
  checkpoint: C | null;
}

export type PageFetcher<C, P extends PulledPage<C>> = (checkpoint: C | undefined, batchSize: number) => Promise<P>;

export interface ReadAheadPull<C, P extends PulledPage<C>> {
  /** RxDB's pull handler. */
  pull: PageFetcher<C, P>;
  /** Drops the page read ahead: the server has news (a stream event) the page may not include. */
  invalidate(): void;
}

/**
 * Pulls with one page of read-ahead. RxDB pulls a page, writes it, and only then asks for the next one, so during a
 * first sync the network and the server sit idle while the device writes, and the device while they answer. After a
 * full page (more may follow) this starts fetching the next page at once; RxDB's next call, from that page's
 * checkpoint, takes it. A page read ahead is used only for the very checkpoint and batch size it was fetched for, and
 * only if nothing invalidated it since (the caller invalidates on every live-stream event, since a RESYNC asks for
 * what changed after the page was read); a read-ahead that failed is simply fetched again. Nothing is skipped: the
 * page is what the server answered for that checkpoint, and every later change comes after it.
 */
export function readAheadPull<C, P extends PulledPage<C>>(fetchPage: PageFetcher<C, P>): ReadAheadPull<C, P> {
  let ahead: { key: string; page: Promise<P> } | null = null;
  const keyOf = (checkpoint: C | null | undefined, batchSize: number) => `${batchSize}|${canonicalJson(checkpoint ?? null)}`;
  return {
    async pull(checkpoint, batchSize) {
      const key = keyOf(checkpoint, batchSize);
      const taken = ahead?.key === key ? ahead.page : null;
      ahead = null;
      const page = taken ? await taken.catch(() => fetchPage(checkpoint, batchSize)) : await fetchPage(checkpoint, batchSize);
      if (page.documents.length >= batchSize && page.checkpoint) {
        const next = fetchPage(page.checkpoint, batchSize);
        next.catch(() => undefined); // fetched again when asked for
        ahead = { key: keyOf(page.checkpoint, batchSize), page: next };
      }
      return page;
    },
    invalidate() {
      ahead = null;
    },
  };
}
