import { describe, expect, it } from 'vitest';
import { dailyUsageSeries, trailingWindowStart } from './usage-series';

const days = (n: number, value: number | null = 1) => Array.from({ length: n }, () => value);

describe('dailyUsageSeries', () => {
  it('sorts months and emits one point per calendar day', () => {
    const series = dailyUsageSeries([
      { month: '2026-03', activeUsers: days(31, 3) },
      { month: '2026-02', activeUsers: days(28, 2) },
    ]);
    expect(series).toHaveLength(59);
    expect(series[0]).toEqual({ date: '2026-02-01', activeUsers: 2 });
    expect(series[27]).toEqual({ date: '2026-02-28', activeUsers: 2 });
    expect(series[28]).toEqual({ date: '2026-03-01', activeUsers: 3 });
    expect(series.at(-1)).toEqual({ date: '2026-03-31', activeUsers: 3 });
  });

  it('ignores array slots past the end of a month and fills missing slots with null', () => {
    const series = dailyUsageSeries([
      { month: '2026-04', activeUsers: [...days(28, 5), null, 6, 7, 9] },
    ]);
    expect(series).toHaveLength(30);
    expect(series[28]).toEqual({ date: '2026-04-29', activeUsers: null });
    expect(series[29]).toEqual({ date: '2026-04-30', activeUsers: 6 });
    const short = dailyUsageSeries([
      { month: '2026-01', activeUsers: days(28, 4) },
      { month: '2026-02', activeUsers: days(28, 4) },
    ]);
    expect(short.find((p) => p.date === '2026-01-30')).toEqual({ date: '2026-01-30', activeUsers: null });
  });

  it('keeps interior gaps but drops leading and trailing unreported days', () => {
    const series = dailyUsageSeries([
      { month: '2026-04', activeUsers: days(30, null) },
      { month: '2026-05', activeUsers: [null, 4, null, 6, ...days(27, null)] },
    ]);
    expect(series).toEqual([
      { date: '2026-05-02', activeUsers: 4 },
      { date: '2026-05-03', activeUsers: null },
      { date: '2026-05-04', activeUsers: 6 },
    ]);
  });

  it('handles leap years, duplicate and malformed months', () => {
    const series = dailyUsageSeries([
      { month: '2028-02', activeUsers: days(29, 1) },
      { month: '2028-02', activeUsers: days(29, 8) },
      { month: 'garbage', activeUsers: days(31, 9) },
    ]);
    expect(series).toHaveLength(29);
    expect(series.at(-1)?.date).toBe('2028-02-29');
  });

  it('returns an empty series for no data', () => {
    expect(dailyUsageSeries([])).toEqual([]);
    expect(dailyUsageSeries([{ month: '2026-01', activeUsers: days(31, null) }])).toEqual([]);
  });
});

describe('trailingWindowStart', () => {
  it('points at the first of the last N days, or 0 for short series', () => {
    expect(trailingWindowStart(dailyUsageSeries([{ month: '2026-01', activeUsers: days(31) }]), 90)).toBe(0);
    const year = dailyUsageSeries(
      ['01', '02', '03', '04'].map((m) => ({ month: `2026-${m}`, activeUsers: days(31) })),
    );
    expect(year).toHaveLength(120);
    expect(trailingWindowStart(year, 90)).toBe(30);
  });
});
