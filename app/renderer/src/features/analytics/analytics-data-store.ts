import { create } from 'zustand';
import type { OutpostDatabase } from '../../../../../common/db/create-database';
import type { Activity, RevenueEvent } from '../../../../../common/model';
import { TOUCH_TYPES, type Touch } from '../../../../../common/analytics/workload';
import { bookFilled } from '../../stores/book-fill-store';

/**
 * The history the revenue and workload metrics read beside the accounts: revenue events grouped by account and the
 * CSMs' touches. Read once per session in batches (with progress), then kept current account by account from the
 * collections' change streams, so an edit re-reads one account's events, not the book's.
 */
interface AnalyticsDataState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  done: number;
  total: number;
  error: string | null;
  eventsByAccount: ReadonlyMap<string, readonly RevenueEvent[]>;
  touches: readonly Touch[];
}

export const useAnalyticsData = create<AnalyticsDataState>(() => ({
  status: 'idle',
  done: 0,
  total: 0,
  error: null,
  eventsByAccount: new Map(),
  touches: [],
}));

/** Documents per read: large enough to read a 10,000-account book in ~100 reads, small enough to keep each short. */
const BATCH = 4000;
let batchSize = BATCH;
let touchesByAccount = new Map<string, Touch[]>();

/** Starts reading the history (once per database); later calls return at once. */
export function loadAnalyticsData(db: OutpostDatabase, options: { batchSize?: number } = {}): void {
  if (useAnalyticsData.getState().status !== 'idle') return;
  batchSize = options.batchSize ?? BATCH;
  useAnalyticsData.setState({ status: 'loading', done: 0, total: 0, error: null });
  void readAll(db).catch((error: unknown) => useAnalyticsData.setState({ status: 'error', error: error instanceof Error ? error.message : String(error) }));
}

async function readAll(db: OutpostDatabase): Promise<void> {
  // During a first start the history is still being written: read it once the fill is done (the accounts-only KPIs
  // show meanwhile), rather than chase every batch the fill writes.
  await bookFilled();
  const [revenueCount, activityCount] = await Promise.all([db.revenue.count().exec(), db.activities.count().exec()]);
  useAnalyticsData.setState({ total: revenueCount + activityCount });
  useAnalyticsData.setState({ ...(await readHistory(db, true)), status: 'ready' });
  followChanges(db);
}

/** Accounts changed in one burst above which the whole history is read again rather than account by account. */
const FULL_RELOAD_OVER = 300;

async function readHistory(db: OutpostDatabase, reportProgress: boolean): Promise<Pick<AnalyticsDataState, 'eventsByAccount' | 'touches'>> {
  const events = new Map<string, RevenueEvent[]>();
  await readInBatches(db.revenue, reportProgress, (doc: RevenueEvent) => {
    const list = events.get(doc.accountId);
    if (list) list.push(doc);
    else events.set(doc.accountId, [doc]);
  });
  const touches = new Map<string, Touch[]>();
  await readInBatches(db.activities, reportProgress, (doc: Activity) => {
    if (!TOUCH_TYPES.has(doc.type)) return;
    const list = touches.get(doc.accountId);
    const touch = { accountId: doc.accountId, type: doc.type, occurredAt: doc.occurredAt };
    if (list) list.push(touch);
    else touches.set(doc.accountId, [touch]);
  });
  touchesByAccount = touches;
  return { eventsByAccount: events, touches: [...touches.values()].flat() };
}

interface BatchReadable<T> {
  find(query: object): { exec(): Promise<{ _data: unknown }[]> };
}

/** Reads a collection in primary-key order, `batchSize` documents at a time, yielding to the UI between batches. */
async function readInBatches<T>(collection: BatchReadable<T>, reportProgress: boolean, each: (doc: T) => void): Promise<void> {
  let after = '';
  for (;;) {
    const docs = await collection.find({ selector: { id: { $gt: after } }, sort: [{ id: 'asc' }], limit: batchSize }).exec();
    for (const doc of docs) each(doc._data as T);
    if (reportProgress) useAnalyticsData.setState((s) => ({ done: s.done + docs.length }));
    if (docs.length < batchSize) return;
    after = (docs[docs.length - 1]!._data as { id: string }).id;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** Re-reads the events and touches of accounts whose history changed, a second after the last change of a burst. */
function followChanges(db: OutpostDatabase): void {
  const revenueAccounts = new Set<string>();
  const activityAccounts = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let applying = false;
  const schedule = () => {
    timer ??= setTimeout(() => {
      timer = null;
      if (applying) return schedule();
      applying = true;
      void apply().finally(() => (applying = false));
    }, 1000);
  };
  const accountOf = (event: { documentData?: unknown; previousDocumentData?: unknown }) =>
    ((event.documentData ?? event.previousDocumentData) as { accountId?: string } | undefined)?.accountId;
  db.revenue.$.subscribe((event) => {
    const id = accountOf(event);
    if (id) revenueAccounts.add(id);
    schedule();
  });
  db.activities.$.subscribe((event) => {
    const id = accountOf(event);
    if (id) activityAccounts.add(id);
    schedule();
  });

  async function apply(): Promise<void> {
    const revenueIds = [...revenueAccounts];
    const activityIds = [...activityAccounts];
    revenueAccounts.clear();
    activityAccounts.clear();
    if (revenueIds.length + activityIds.length > FULL_RELOAD_OVER) {
      // A bulk write (an import, a first sync, the demo fill): one batched read beats thousands of per-account ones.
      // The figures on screen stay until the new read is complete.
      const fresh = await readHistory(db, false);
      useAnalyticsData.setState(fresh);
      return;
    }
    const events = new Map(useAnalyticsData.getState().eventsByAccount);
    for (const id of revenueIds) {
      const docs = await db.revenue.find({ selector: { accountId: id } }).exec();
      if (docs.length) events.set(id, docs.map((d) => d._data as unknown as RevenueEvent));
      else events.delete(id);
    }
    const touches = new Map(touchesByAccount);
    for (const id of activityIds) {
      const docs = await db.activities.find({ selector: { accountId: id } }).exec();
      const list = docs.map((d) => d._data as unknown as Activity).filter((a) => TOUCH_TYPES.has(a.type)).map((a) => ({ accountId: a.accountId, type: a.type, occurredAt: a.occurredAt }));
      if (list.length) touches.set(id, list);
      else touches.delete(id);
    }
    touchesByAccount = touches;
    useAnalyticsData.setState({
      eventsByAccount: events,
      ...(activityIds.length ? { touches: [...touches.values()].flat() } : {}),
    });
  }
}
