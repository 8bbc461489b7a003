import { describe, expect, it } from 'vitest';
import { testAccount } from '../playbooks/testing/memory-world';
import { accountFacts, scoreChange } from './account-facts';

const facts = (history: { date: string; risk: number | null }[], risk: number | null = 80) =>
  accountFacts({
    account: testAccount({ id: 'a' }),
    assessment: { health: null, healthBand: 'none', risk, expansion: null, history: history.map((p) => ({ ...p, health: null, expansion: null })) },
    today: '2026-06-30',
  });

describe('score change over a window', () => {
  const history = [
    { date: '2026-05-01', risk: 20 },
    { date: '2026-05-31', risk: 30 },
    { date: '2026-06-01', risk: 50 },
    { date: '2026-06-29', risk: 70 },
  ];
  it('compares with the last point on or before the window start', () => {
    expect(scoreChange(facts(history), 'risk', 30)).toBe(50); // 2026-05-31 → 30
    expect(scoreChange(facts(history), 'risk', 29)).toBe(30); // 2026-06-01 → 50
    expect(scoreChange(facts(history), 'risk', 1)).toBe(10);
    expect(scoreChange(facts(history), 'risk', 60)).toBe(60);
  });
  it('is unknown without a point that old, or without a score now', () => {
    expect(scoreChange(facts(history), 'risk', 90)).toBeNull();
    expect(scoreChange(facts(history, null), 'risk', 30)).toBeNull();
    expect(scoreChange(facts([{ date: '2026-05-31', risk: null }]), 'risk', 30)).toBeNull();
  });
});
