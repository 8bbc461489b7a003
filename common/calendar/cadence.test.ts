import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CadenceAccount, DEFAULT_CADENCES, proposeCadenceMeetings } from './cadence';

const YEAR = { from: '2026-01-01', to: '2026-12-31' };

function account(overrides: Partial<CadenceAccount> = {}): CadenceAccount {
  return { id: 'a1', tier: 'Enterprise', contractStart: '2024-02-15', renewalDate: '2027-02-15', healthHistory: [{ on: '2024-02-15', band: 'green' }], ...overrides };
}

describe('cadences over a year', () => {
  it('QBR every quarter from the contract start, for Enterprise accounts only', () => {
    const qbrs = proposeCadenceMeetings([account(), account({ id: 'smb', tier: 'SMB' })], DEFAULT_CADENCES, YEAR).filter((m) => m.meetingType === 'qbr');
    expect(qbrs.map((m) => [m.accountId, m.dueOn])).toEqual([
      ['a1', '2026-02-15'],
      ['a1', '2026-05-15'],
      ['a1', '2026-08-15'],
      ['a1', '2026-11-15'],
    ]);
  });

  it('renewal calls 90 and 30 days before the renewal date', () => {
    const calls = proposeCadenceMeetings([account({ renewalDate: '2026-10-01' })], DEFAULT_CADENCES, YEAR).filter((m) => m.meetingType === 'renewal');
    expect(calls.map((m) => m.dueOn)).toEqual(['2026-07-03', '2026-09-01']);
  });

  it('monthly check-ins only while health is red', () => {
    const history = [
      { on: '2025-06-01', band: 'green' as const },
      { on: '2026-03-10', band: 'red' as const },
      { on: '2026-06-20', band: 'yellow' as const },
      { on: '2026-10-05', band: 'red' as const },
    ];
    const checkIns = proposeCadenceMeetings([account({ healthHistory: history })], DEFAULT_CADENCES, YEAR).filter((m) => m.meetingType === 'check_in');
    expect(checkIns.map((m) => m.dueOn)).toEqual(['2026-03-10', '2026-04-10', '2026-05-10', '2026-06-10', '2026-10-05', '2026-11-05', '2026-12-05']);
  });

  it('leaves out a meeting already on the calendar near the due day', () => {
    const proposed = proposeCadenceMeetings([account()], DEFAULT_CADENCES, YEAR, [{ accountId: 'a1', meetingType: 'qbr', on: '2026-05-20' }]);
    expect(proposed.filter((m) => m.meetingType === 'qbr').map((m) => m.dueOn)).toEqual(['2026-02-15', '2026-08-15', '2026-11-15']);
  });

  it('every proposal lies in the range, on a day whose band matches the rule, in date order (property)', () => {
    const day = fc.integer({ min: 0, max: 900 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.array(fc.record({ on: day, band: fc.constantFrom('green' as const, 'yellow' as const, 'red' as const) }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('Enterprise' as const, 'Mid-Market' as const, 'SMB' as const),
        day,
        (changes, tier, renewalDate) => {
          const healthHistory = [...changes].sort((a, b) => (a.on < b.on ? -1 : 1));
          const acc = account({ tier, renewalDate, healthHistory });
          const proposed = proposeCadenceMeetings([acc], DEFAULT_CADENCES, YEAR);
          for (const m of proposed) {
            expect(m.dueOn >= YEAR.from && m.dueOn <= YEAR.to).toBe(true);
            if (m.meetingType === 'qbr') expect(tier).toBe('Enterprise');
            if (m.meetingType === 'check_in') {
              const band = healthHistory.filter((c) => c.on <= m.dueOn).at(-1)?.band;
              expect(band).toBe('red');
            }
          }
          expect(proposed.map((m) => m.dueOn)).toEqual(proposed.map((m) => m.dueOn).sort());
        },
      ),
      { numRuns: 200 },
    );
  });
});
