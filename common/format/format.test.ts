import { describe, expect, it } from 'vitest';
import { formatCountCompact, formatIsoDate, formatPercent, formatPercentChange, formatUsd, formatUsdCompact, humanize } from './format';

describe('account formatting', () => {
  it('formats money in whole dollars', () => {
    expect(formatUsd(45000)).toBe('$45,000');
    expect(formatUsd(540000)).toBe('$540,000');
  });

  it('signs percentage changes', () => {
    expect(formatPercentChange(0.05)).toBe('+5.0%');
    expect(formatPercentChange(-0.023)).toBe('−2.3%');
    expect(formatPercentChange(0)).toBe('0.0%');
  });

  it('formats calendar dates without shifting them by time zone', () => {
    expect(formatIsoDate('2026-03-01')).toBe('Mar 1, 2026');
    expect(formatIsoDate('not-a-date')).toBe('not-a-date');
  });

  it('turns enum values into labels', () => {
    expect(humanize('executive_sponsor')).toBe('Executive sponsor');
    expect(humanize('support_ticket')).toBe('Support ticket');
    expect(humanize('qbr')).toBe('QBR');
  });
});

describe('compact figures for cards', () => {
  it('keeps three significant digits and joins the unit with a no-break space', () => {
    expect(formatUsdCompact(1_865_595_228)).toBe('$1.87\u00a0B');
    expect(formatUsdCompact(48_200)).toBe('$48.2\u00a0K');
    expect(formatUsdCompact(950)).toBe('$950');
    expect(formatUsdCompact(0)).toBe('$0');
    expect(formatUsdCompact(-2_500_000)).toBe('-$2.5\u00a0M');
    expect(formatCountCompact(10_000)).toBe('10\u00a0K');
    expect(formatCountCompact(999)).toBe('999');
  });

  it('formats shares as percentages', () => {
    expect(formatPercent(0.632)).toBe('63.2%');
    expect(formatPercent(1.5, 0)).toBe('150%');
    expect(formatPercent(null)).toBe('—');
  });
});
