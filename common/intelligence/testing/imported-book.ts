import type { OutpostDatabase } from '../../db/create-database';
import { commitPlan } from '../../import/import-batches';
import { loadBookSnapshot } from '../../import/load-book';
import { planImport } from '../../import/plan-import';
import { readSources } from '../../import/read-sources';
import { suggestSetup } from '../../import/suggest-setup';
import { sourceFile } from '../../import/testing/source-files';
import type { AccountHistory } from '../account-features';
import { runRetrainJob } from '../retrain-job';
import type { catalogueBookCsv } from './catalogue-book';
import type { readCommittedArtifacts } from './model-artifacts.node';

/**
 * Test helper: a team's exports (catalogue-book.ts) through the import pipeline as the Import page runs it (read,
 * suggested set-up, plan, commit into `db`). Returns what the tests check about the import.
 */
export async function importTeamBook(db: OutpostDatabase, csv: ReturnType<typeof catalogueBookCsv>, now: Date) {
  const { tables, refusals } = await readSources([sourceFile('accounts.csv', csv.accounts), sourceFile('outcomes.csv', csv.outcomes), sourceFile('product_events.csv', csv.events)]);
  const setups = tables.map((table) => suggestSetup(table));
  const plan = planImport(await loadBookSnapshot(db, setups), setups, { ownerId: 'u-ann', ownerName: 'Ann Lee', teamId: 'team-east', now });
  await commitPlan(db, plan, { who: 'Ann Lee', files: [] });
  return { refusals, setups, plan };
}

/** Test helper: the Models page's retrain of an imported book with its catalogue, against the shipped models. */
export function retrainImportedBook(histories: AccountHistory[], shipped: ReturnType<typeof readCommittedArtifacts>) {
  return runRetrainJob({
    histories,
    current: { churn: shipped.churn.trees, expansion: shipped.expansion.trees },
    createdAt: '2026-06-15T12:00:00Z',
    seed: 1,
    leadDays: 30,
    data: 'imported team book',
    catalogue: true,
  });
}
