import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../db/testing/test-database';
import { seedDemoBook } from '../demo/seed-demo-book';
import type { Account } from '../model';
import { DigestStore } from './digest-store';
import { scoringTestBooks, storedAssessments } from './testing/scoring-test-books';

// A team lead's replica holds the whole team's book, but scores only the accounts its user owns (computesForAccount):
// the others' assessments come from their owners' devices. Its first scoring after the first sync, which finds no
// digests, must not read the whole team's history to build digests it never uses.

const asOf = '2026-06-30';
const books = scoringTestBooks(() => new Date(`${asOf}T12:00:00Z`));

async function teamBook() {
  const book = books.keep(await openTestDatabase('team-replica'));
  await seedDemoBook(book, { accounts: 24, seed: 9, asOf }, () => undefined);
  const active = (await book.accounts.find({ selector: { status: 'active' } }).exec()).map((doc) => doc.id).sort();
  return { book, active };
}

const scoring = (ids: readonly string[]) => {
  const mine = new Set(ids);
  return { scoresAccount: (account: Account) => mine.has(account.id) };
};

describe('digests on a replica that scores a few of the book’s accounts', () => {
  it('are built from those accounts’ history only, and the scores equal a whole-book rebuild’s', async () => {
    const { book, active } = await teamBook();
    const mine = active.slice(0, 3);
    const replica = books.newEngine(book, scoring(mine));
    await replica.scoreAll();
    expect(replica.lastRefresh).toMatchObject({ mode: 'accounts', rebuilt: 3 });
    const scored = await storedAssessments(book);
    expect([...scored.values()].map((a) => a.accountId).sort()).toEqual(mine);

    const alerts = (await book.alerts.find().exec()).map((doc) => doc.accountId);
    expect(alerts.length, 'alerts raised for the replica’s accounts').toBeGreaterThan(0);
    expect(alerts.every((id) => mine.includes(id))).toBe(true);

    // The next run finds the digests current (the checkpoints stored with them were the sources' newest writes) and
    // the accounts' stored assessments and alerts: nothing to write, nothing raised again.
    const raised: unknown[] = [];
    const again = books.newEngine(book, { ...scoring(mine), onAlertsRaised: (fired) => raised.push(...fired) });
    await again.scoreAll();
    expect(again.lastRefresh).toMatchObject({ mode: 'none', rebuilt: 0 });
    expect(again.getStatus()).toMatchObject({ total: 3, written: 0 });
    expect(raised).toEqual([]);
    expect((await book.alerts.find().exec()).length).toBe(alerts.length);

    // The whole book, every digest rebuilt from the raw history: the three accounts' scores stay as they were.
    const everyone = books.newEngine(book);
    expect(await everyone.refreshDigests(true)).toMatchObject({ mode: 'full' });
    await everyone.scoreAll();
    const all = await storedAssessments(book);
    for (const id of mine) expect(all.get(id), id).toEqual(scored.get(id));
  });

  it('leave no stored digest of another account vouched for by the new checkpoints', async () => {
    const { book, active } = await teamBook();
    // Every account's digest is stored, then forgotten (as an upgrade to a new digest format would).
    await books.newEngine(book).scoreAll();
    await new DigestStore(book).forget();
    // Meanwhile an account the replica does not score loses its usage history...
    const [other, ...rest] = active;
    const before = (await storedAssessments(book)).get(other!);
    await book.usage.find({ selector: { accountId: other! } }).remove();
    // ...and the replica rebuilds the digests of the accounts it scores.
    const replica = books.newEngine(book, scoring(rest.slice(0, 2)));
    await replica.scoreAll();
    expect(replica.lastRefresh).toMatchObject({ mode: 'accounts', rebuilt: 2 });

    // The account is assigned to the replica's user: its score must see the usage that is gone.
    const reassigned = books.newEngine(book, scoring([other!, ...rest.slice(0, 2)]));
    await reassigned.scoreAll();
    const afterReassign = (await storedAssessments(book)).get(other!);
    expect(afterReassign).not.toEqual(before);
    const everyone = books.newEngine(book);
    await everyone.refreshDigests(true);
    await everyone.scoreAll();
    expect((await storedAssessments(book)).get(other!)).toEqual(afterReassign);
  });

  it('opens no models where the replica scores none of the book’s accounts', async () => {
    const { book } = await teamBook();
    let opened = 0;
    const replica = books.newEngine(book, { ...scoring([]), openScorer: () => ((opened += 1), Promise.reject(new Error('no models wanted here'))) });
    await replica.scoreAll();
    expect(replica.lastRefresh).toMatchObject({ mode: 'accounts', rebuilt: 0 });
    expect(opened).toBe(0);
    expect(replica.getStatus()).toMatchObject({ state: 'ready', total: 0 });
    expect((await storedAssessments(book)).size).toBe(0);
  });
});
