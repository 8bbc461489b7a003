import type { Database } from '../storage/storage';

export interface DayUsersDoc {
  _id: string;
  _rev?: string;
  users: string[];
}

/** Day documents kept in memory at most (each a set of user ids); the least recently used are dropped first. */
const MAX_CACHED_DAYS = 20_000;

/**
 * The distinct users seen per account-day (`ingest-days`, id `<usage month id>:<DD>`), so a day's active-user count
 * stays right across requests. The rollup is the only writer of these documents, so it keeps the ones it touched in
 * memory: a turn reads only the days it has not seen (one request) and writes the days that gained users (one).
 */
export class DayUsers {
  private readonly cache = new Map<string, { rev?: string; users: Set<string> }>();

  constructor(private readonly db: Database<DayUsersDoc>) {}

  /** Adds the users seen per day; answers each day's distinct count. */
  async add(seen: ReadonlyMap<string, ReadonlySet<string>>): Promise<Map<string, number>> {
    const missing = [...seen.keys()].filter((id) => !this.cache.has(id));
    if (missing.length > 0) {
      const stored = await this.db.allDocs({ keys: missing, include_docs: true });
      for (const row of stored.rows) {
        const doc = 'doc' in row ? (row.doc as DayUsersDoc | null | undefined) : undefined;
        this.cache.set(row.key, doc ? { rev: doc._rev, users: new Set(doc.users) } : { users: new Set() });
      }
    }
    const counts = new Map<string, number>();
    const writes: { id: string; users: Set<string>; doc: DayUsersDoc }[] = [];
    for (const [id, users] of seen) {
      const entry = this.cache.get(id)!;
      this.cache.delete(id);
      this.cache.set(id, entry); // most recently used last
      const added = [...users].filter((user) => !entry.users.has(user));
      const all = added.length > 0 ? new Set([...entry.users, ...added]) : entry.users;
      counts.set(id, all.size);
      if (added.length > 0) writes.push({ id, users: all, doc: { _id: id, ...(entry.rev ? { _rev: entry.rev } : {}), users: [...all] } });
    }
    if (writes.length > 0) {
      const results = await this.db.bulkDocs(writes.map((w) => w.doc));
      let failed = 0;
      results.forEach((result, i) => {
        const { id, users } = writes[i]!;
        if ('ok' in result && result.ok) this.cache.set(id, { rev: result.rev, users });
        else {
          this.cache.delete(id); // read again next time
          failed += 1;
        }
      });
      if (failed > 0) throw new Error(`could not write ${failed} ingest-days documents`);
    }
    for (const id of this.cache.keys()) {
      if (this.cache.size <= MAX_CACHED_DAYS) break;
      this.cache.delete(id);
    }
    return counts;
  }
}
