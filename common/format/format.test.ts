import { describe, expect, it } from 'vitest';
import { formatIsoDate, formatPercentChange, formatUsd, humanize } from './format';

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
