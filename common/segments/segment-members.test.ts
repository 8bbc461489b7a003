import { describe, expect, it } from 'vitest';
import type { Account } from '../model';
import { accountFacts } from './account-facts';
import { matchesCondition } from './evaluate-condition';
import type { Condition } from './segment-condition';
import { KEPT_CONDITIONS, segmentMembers } from './segment-members';

const account = (id: string, tier: Account['tier'], mrr: number) => ({ id, name: id, tier, mrr, status: 'active', seatsPurchased: 10, seatsActive: 5 }) as unknown as Account;
const book = (accounts: Account[]) => accounts.map((a) => accountFacts({ account: a, today: '2026-03-01' }));
const enterprise: Condition = { kind: 'group', match: 'all', conditions: [{ kind: 'rule', field: 'tier', op: 'eq', value: 'Enterprise' }] };

describe('segment members', () => {
  const facts = book([account('a', 'Enterprise', 100), account('b', 'SMB', 50), account('c', 'Enterprise', 10)]);

  it('are the accounts matching the condition, in book order, with their ids', () => {
    const members = segmentMembers(facts, enterprise);
    expect(members.facts.map((f) => f.accountId)).toEqual(['a', 'c']);
    expect([...members.ids]).toEqual(['a', 'c']);
    expect(members.facts).toEqual(facts.filter((f) => matchesCondition(enterprise, f)));
  });

  it('are kept per book version and condition text: the same answer for an equal condition, a new one for a new book', () => {
    const first = segmentMembers(facts, enterprise);
    expect(segmentMembers(facts, JSON.parse(JSON.stringify(enterprise)) as Condition)).toBe(first);
    const edited = book([account('a', 'SMB', 100), account('b', 'SMB', 50), account('c', 'Enterprise', 10)]);
    expect(segmentMembers(edited, enterprise).facts.map((f) => f.accountId)).toEqual(['c']);
    expect(segmentMembers(facts, { ...enterprise, match: 'any' })).not.toBe(first);
  });

  it('keep at most KEPT_CONDITIONS conditions per book version, the least recently asked for going first', () => {
    const mrrOver = (n: number): Condition => ({ kind: 'rule', field: 'mrr', op: 'gt', value: n });
    const first = segmentMembers(facts, mrrOver(0));
    const kept = segmentMembers(facts, enterprise);
    for (let n = 1; n < KEPT_CONDITIONS; n++) segmentMembers(facts, mrrOver(n));
    segmentMembers(facts, enterprise); // asked for again: the most recent
    segmentMembers(facts, mrrOver(KEPT_CONDITIONS));
    expect(segmentMembers(facts, enterprise)).toBe(kept);
    const again = segmentMembers(facts, mrrOver(0));
    expect(again).not.toBe(first);
    expect(again.facts.map((f) => f.accountId)).toEqual(['a', 'b', 'c']);
  });
});
