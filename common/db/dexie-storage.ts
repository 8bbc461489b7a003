import {
  getPrimaryFieldOfPrimaryKey,
  getProperty,
  getQueryMatcher,
  setProperty,
  getSortComparator,
  META_INSTANCE_SCHEMA_TITLE,
  type DexieSettings,
  type DexieStorageInternals,
  type PreparedQuery,
  type RxDocumentData,
  type RxStorage,
  type RxStorageInstance,
  type RxStorageQueryResult,
} from 'rxdb';
import {
  DEXIE_DOCS_TABLE_NAME,
  DEXIE_PIPE_SUBSTITUTE,
  dexieReplaceIfStartsWithPipe,
  fromDexieToStorage,
  getKeyRangeByQueryPlan,
  getRxStorageDexie,
} from 'rxdb/plugins/storage-dexie';
import { KnownKeys } from './known-keys';
import { getAllInPages, type KeyRangeFactory } from './paged-get-all';

type DexieInstance = RxStorageInstance<any, DexieStorageInternals, any> & { internals: Promise<DexieState> };
type DexieState = Awaited<DexieStorageInternals>;

export interface OutpostDexieOptions {
  /** Records per IndexedDB request of a query's read (READ_PAGE_SIZE; tests use a small one). */
  readPageSize?: number;
}

/**
 * Records per request of a query's read. Each page is deserialized in its own task: 500 of the book's largest
 * documents (assessments, a few kB each) take tens of ms, where a whole 10,000-account collection took seconds.
 */
export const READ_PAGE_SIZE = 500;

/**
 * RxDB's Dexie (IndexedDB) storage, reading query results with `getAll()` (in pages) instead of a cursor step per document.
 * RxDB's query walks a cursor (an IndexedDB round trip and a deserialization per document) and then rebuilds every
 * document to undo a key substitution our documents never need; opening the Accounts grid reads the whole book, so
 * that cost is the cold start. Same index, key range, matching, sorting, skip and limit as RxDB's; a query that has a
 * limit and must test documents one by one still walks the cursor, which can stop early. A replication's meta
 * instance is not shared between tabs (below).
 */
export function getOutpostDexieStorage(settings: DexieSettings = {}, options: OutpostDexieOptions = {}): RxStorage<DexieStorageInternals, any> {
  const storage = getRxStorageDexie(settings);
  return {
    ...storage,
    async createStorageInstance(params) {
      // A replication's meta instance is open in one tab only: a multi-instance book replicates in its leader tab
      // (RxDB's `waitForLeadership`), and a new leader opens it afresh from IndexedDB. Its change events, a copy of
      // every pulled document's master state, were still posted to the other tabs, where nothing listens for them.
      const replicationMeta = params.schema.title === META_INSTANCE_SCHEMA_TITLE;
      const instance = (await storage.createStorageInstance(replicationMeta ? { ...params, multiInstance: false } : params)) as DexieInstance;
      const pageSize = options.readPageSize ?? READ_PAGE_SIZE;
      readsByIdInPages(instance, pageSize);
      // Every writer of a multi-instance store reports its writes to the others; a meta instance has one writer.
      if (params.multiInstance || replicationMeta) readsOnlyKeysItMayHold(instance);
      const cursorQuery = instance.query.bind(instance);
      instance.query = (preparedQuery) => {
        const { query, queryPlan } = preparedQuery;
        const limited = typeof query.limit === 'number';
        if (limited && !queryPlan.selectorSatisfiedByIndex) return cursorQuery(preparedQuery);
        return queryWithGetAll(instance, preparedQuery, pageSize);
      };
      return instance;
    },
  };
}

/**
 * Reads by id of more than `pageSize` ids, one page of ids after another. Dexie's bulkGet makes one IndexedDB request
 * per id, all in the task that asks, and RxDB converts every result in the task that answers: 8,284 feature digests
 * read at the start-up rescore were a 418 ms and a 336 ms task of the page. Each page is its own transaction; a
 * document is read whole, as stored when its page is read (a writer that based a write on it still gets a conflict if
 * it changed since).
 */
function readsByIdInPages(instance: DexieInstance, pageSize: number): void {
  const findById = instance.findDocumentsById.bind(instance);
  instance.findDocumentsById = async (ids, withDeleted) => {
    if (ids.length <= pageSize) return findById(ids, withDeleted);
    const found: Awaited<ReturnType<typeof findById>> = [];
    for (let start = 0; start < ids.length; start += pageSize) {
      for (const doc of await findById(ids.slice(start, start + pageSize), withDeleted)) found.push(doc);
    }
    return found;
  };
}

/** Reads by id of at least this many ids ask IndexedDB only for the ids the store may hold (common/db/known-keys.ts). */
const LARGE_READ_BY_ID = 100;

/**
 * Large reads by id (RxDB's replication reading a pulled page's ids, before writing them) skip the ids the store
 * cannot hold, known from one read of its keys and every write since: this instance's own (recorded before they
 * start) and other tabs' (from the multi-instance change stream). No keys are kept before the first such read.
 */
function readsOnlyKeysItMayHold(instance: DexieInstance): void {
  const known = new KnownKeys();
  const primaryPath = getPrimaryFieldOfPrimaryKey(instance.schema.primaryKey) as string;
  const reports = instance.changeStream().subscribe((bulk) => known.reported(bulk.events.map((event) => event.documentId)));
  const write = instance.bulkWrite.bind(instance);
  instance.bulkWrite = (rows, context) => {
    const settled = known.writing(rows.map((row) => row.document[primaryPath] as string));
    return write(rows, context).finally(settled);
  };
  const findById = instance.findDocumentsById.bind(instance);
  instance.findDocumentsById = async (ids, withDeleted) => {
    if (ids.length < LARGE_READ_BY_ID) return findById(ids, withDeleted);
    const state = await instance.internals;
    await known.load(async () => (await state.dexieTable.toCollection().primaryKeys()) as string[]);
    const stored = known.mayHold(ids);
    return stored.length === 0 ? [] : findById(stored, withDeleted);
  };
  for (const method of ['close', 'remove'] as const) {
    const original = instance[method].bind(instance);
    instance[method] = () => {
      reports.unsubscribe();
      return original();
    };
  }
}

async function queryWithGetAll<T>(instance: DexieInstance, prepared: PreparedQuery<T>, readPageSize: number): Promise<RxStorageQueryResult<T>> {
  const state = await instance.internals;
  const { query, queryPlan } = prepared;
  const skip = query.skip ?? 0;
  const end = typeof query.limit === 'number' ? skip + query.limit : Infinity;
  let keyRange: IDBKeyRange;
  try {
    keyRange = getKeyRangeByQueryPlan(state.booleanIndexes, queryPlan, state.dexieDb._options.IDBKeyRange);
  } catch (error) {
    if ((error as Error).name === 'DataError') return { documents: [] };
    throw error;
  }
  const indexName = `[${queryPlan.index.map((field) => dexieReplaceIfStartsWithPipe(field)).join('+')}]`;
  // The result is complete at the last page's `success`; the (read-only) transaction's commit comes later and can queue
  // behind other IndexedDB work of the origin (another collection's read), so it is not waited for.
  // With the whole selector answered by the index and the order by it too, only the first `end` are needed.
  const count = queryPlan.sortSatisfiedByIndex && Number.isFinite(end) ? end : undefined;
  const primaryPath = getPrimaryFieldOfPrimaryKey(instance.schema.primaryKey) as string;
  const wholeStore = asksForEveryLiveDocument(primaryPath, query);
  const convert = storageDocumentConverter<T>(state.booleanIndexes);
  let documents: RxDocumentData<T>[] = [];
  await new Promise<void>((resolve, reject) => {
    state.dexieDb
      .transaction('r', state.dexieTable, (transaction: { idbtrans: IDBTransaction }) => {
        const store = transaction.idbtrans.objectStore(DEXIE_DOCS_TABLE_NAME);
        // In pages, each converted in the task that delivered it (paged-get-all.ts: no task deserializes a whole book).
        getAllInPages({
          source: wholeStore ? store : store.index(indexName),
          range: wholeStore ? undefined : keyRange,
          count,
          pageSize: readPageSize,
          keyRange: state.dexieDb._options.IDBKeyRange as unknown as KeyRangeFactory,
          primaryPath,
          onPage: (records) => {
            for (const record of records) documents.push(convert(record));
          },
        }).then(resolve, reject);
      })
      .catch(reject);
  });
  if (wholeStore) documents = documents.filter((doc) => !doc._deleted);
  if (!queryPlan.selectorSatisfiedByIndex) {
    const matches = getQueryMatcher(instance.schema, query as never);
    documents = documents.filter((doc) => matches(doc));
  }
  if (!queryPlan.sortSatisfiedByIndex) documents.sort(getSortComparator(instance.schema as never, query as never));
  return { documents: skip > 0 || Number.isFinite(end) ? documents.slice(skip, end) : documents };
}

/**
 * Whether the query is `find()` of every live document in primary-key order (RxDB adds `_deleted: false` to every
 * selector). That one is read from the object store itself and its tombstones dropped here: the store holds the
 * documents in primary-key order, where reading them through the `[_deleted+id]` index looks each one up from its
 * index entry (~25% slower for a 10,000-account book, the grid's cold start). Tombstones are few next to live
 * documents; a book that is mostly tombstones reads them too, still in one request.
 */
function asksForEveryLiveDocument(primaryPath: string, query: PreparedQuery<unknown>['query']): boolean {
  const fields = Object.keys(query.selector);
  const deleted = (query.selector as Record<string, unknown>)['_deleted'];
  return (
    fields.length === 1 &&
    fields[0] === '_deleted' &&
    deleted !== null &&
    typeof deleted === 'object' &&
    Object.keys(deleted).length === 1 &&
    (deleted as { $eq?: unknown }).$eq === false &&
    query.sort.length === 1 &&
    Object.keys(query.sort[0]!).length === 1 &&
    (query.sort[0] as Record<string, unknown>)[primaryPath] === 'asc' &&
    !query.skip &&
    typeof query.limit !== 'number'
  );
}

/**
 * RxDB's fromDexieToStorage without rebuilding every object when no key was substituted (ours never are): one pass
 * copies the top-level fields and looks for substituted keys (RxDB stores a leading `|` as `__`) in nested objects only;
 * boolean index fields ('1'/'0' in IndexedDB, e.g. `_deleted`) are turned back into booleans on the copy. A document
 * with a substituted key anywhere goes through RxDB's own conversion.
 */
function storageDocumentConverter<T>(booleanIndexes: string[]): (doc: unknown) => RxDocumentData<T> {
  const topLevel = booleanIndexes.filter((path) => !path.includes('.'));
  const nested = booleanIndexes.filter((path) => path.includes('.'));
  return (doc) => {
    const source = doc as Record<string, unknown>;
    // A copy built key by key, as RxDB's conversion does: objects straight out of IndexedDB deserialization are slow to
    // read properties from (dictionary mode), which every later step (document cache, grid rows) would pay for.
    const copy: Record<string, unknown> = {};
    for (const key in source) {
      const value = source[key];
      if (isSubstitutedKey(key) || (typeof value === 'object' && value !== null && hasSubstitutedKey(value))) {
        return fromDexieToStorage(booleanIndexes, doc);
      }
      copy[key] = value;
    }
    for (const path of topLevel) copy[path] = copy[path] === '1';
    for (const path of nested) setProperty(copy, path, getProperty(copy, path) === '1');
    return copy as RxDocumentData<T>;
  };
}

const UNDERSCORE = 95;
const isSubstitutedKey = (key: string) => key.charCodeAt(0) === UNDERSCORE && key.startsWith(DEXIE_PIPE_SUBSTITUTE);

/** Whether an object or array holds, at any depth, a key RxDB substituted. */
function hasSubstitutedKey(value: object): boolean {
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object' && item !== null && hasSubstitutedKey(item)) return true;
    return false;
  }
  for (const key in value) {
    if (isSubstitutedKey(key)) return true;
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null && hasSubstitutedKey(item)) return true;
  }
  return false;
}
