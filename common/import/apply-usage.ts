import type { OutpostDatabase } from '../db/create-database';
import { stampChanges, stampNew } from '../db/stamp-writes';
import type { Account, ProductFeature, UsageMonth } from '../model';
import { usageMonthId } from '../model';
import { describeWriteError, emptySummary, rowError, type ImportProgress, type ImportSummary } from './import-summary';
import type { UsageImportRow } from './usage-fields';
import { WRITE_BATCH } from './upsert-by-external-id';
import type { ImportRecord } from './validate-rows';

interface MonthGroup {
  id: string;
  account: Account;
  month: string;
  rows: ImportRecord<UsageImportRow>[];
}

function daysInMonth(month: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/**
 * Folds daily usage rows into UsageMonth documents: each row sets its day in `activeUsers` (days the file does not
 * cover keep their stored value, or null). A month's feature-event totals are replaced by the sum of that month's rows
 * for each feature column present, so importing the same file twice changes nothing. Rows are counted inserted when
 * their day had no value, updated when it had another, unchanged when the same.
 */
export async function applyUsage(
  db: OutpostDatabase,
  records: readonly ImportRecord<UsageImportRow>[],
  accounts: ReadonlyMap<string, Account>,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  const summary = emptySummary();
  const groups = new Map<string, MonthGroup>();
  const seenDay = new Map<string, number>();
  let done = 0;
  const total = records.length;
  for (const record of records) {
    const { accountExternalId, date } = record.fields;
    const account = accounts.get(accountExternalId);
    if (!account) {
      summary.errors.push(rowError(record, 'accountExternalId', `no account has the ID "${accountExternalId}"; import the accounts first`));
      done += 1;
      continue;
    }
    const dayKey = `${account.id}|${date}`;
    const earlier = seenDay.get(dayKey);
    if (earlier !== undefined) {
      summary.errors.push(rowError(record, 'date', `repeats ${accountExternalId} on ${date} from line ${earlier}; only the first row was imported`));
      done += 1;
      continue;
    }
    seenDay.set(dayKey, record.line);
    const month = date.slice(0, 7);
    const id = usageMonthId(account.id, month);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { id, account, month, rows: [] }));
    group.rows.push(record);
  }
  onProgress({ done, total });

  const all = [...groups.values()];
  for (let start = 0; start < all.length; start += WRITE_BATCH) {
    const batch = all.slice(start, start + WRITE_BATCH);
    const existing = await db.usage.findByIds(batch.map((g) => g.id)).exec();
    const inserts: UsageMonth[] = [];
    const updates: UsageMonth[] = [];
    const counts = new Map<string, { inserted: number; updated: number; unchanged: number }>();
    for (const group of batch) {
      const current = existing.get(group.id)?.toJSON() as UsageMonth | undefined;
      const length = daysInMonth(group.month);
      const activeUsers: (number | null)[] = Array.from({ length }, (_, i) => current?.activeUsers[i] ?? null);
      const count = { inserted: 0, updated: 0, unchanged: 0 };
      const featureEvents: Partial<Record<ProductFeature, number>> = {};
      for (const row of group.rows) {
        const day = Number(row.fields.date.slice(8, 10)) - 1;
        const before = activeUsers[day];
        const now = row.fields.activeUsers ?? before ?? null;
        if ((before === null || before === undefined) && now !== null) count.inserted += 1;
        else if (before !== now) count.updated += 1;
        else count.unchanged += 1;
        activeUsers[day] = now;
        for (const [feature, n] of Object.entries(row.fields.featureEvents) as [ProductFeature, number][]) {
          featureEvents[feature] = (featureEvents[feature] ?? 0) + n;
        }
      }
      counts.set(group.id, count);
      if (!current) {
        inserts.push(
          stampNew({
            id: group.id,
            ownerId: group.account.ownerId,
            teamId: group.account.teamId,
            accountId: group.account.id,
            month: group.month,
            activeUsers,
            featureEvents,
          }),
        );
        continue;
      }
      const mergedFeatures = { ...current.featureEvents, ...featureEvents };
      const changes: Partial<Pick<UsageMonth, 'activeUsers' | 'featureEvents'>> = {};
      if (JSON.stringify(activeUsers) !== JSON.stringify(current.activeUsers)) changes.activeUsers = activeUsers;
      if (JSON.stringify(mergedFeatures) !== JSON.stringify(current.featureEvents)) changes.featureEvents = mergedFeatures;
      if (Object.keys(changes).length === 0) {
        summary.unchanged += group.rows.length;
        counts.delete(group.id);
        continue;
      }
      const { _rev, _meta, _attachments, _deleted, ...data } = current as UsageMonth & Record<string, unknown>;
      updates.push({ ...(data as UsageMonth), ...stampChanges(current.fieldStamps, changes) });
    }
    const failed = new Map<string, string>();
    for (const [docs, write] of [
      [inserts, (d: UsageMonth[]) => db.usage.bulkInsert(d)],
      [updates, (d: UsageMonth[]) => db.usage.bulkUpsert(d)],
    ] as const) {
      if (docs.length === 0) continue;
      const result = await write(docs);
      for (const error of result.error) failed.set(error.documentId, describeWriteError(error as never));
    }
    for (const group of batch) {
      const count = counts.get(group.id);
      if (!count) continue;
      const reason = failed.get(group.id);
      if (reason) for (const row of group.rows) summary.errors.push(rowError(row, null, `its month ${reason}`));
      else {
        summary.inserted += count.inserted;
        summary.updated += count.updated;
        summary.unchanged += count.unchanged;
      }
    }
    done += batch.reduce((n, g) => n + g.rows.length, 0);
    onProgress({ done, total });
  }
  return summary;
}
