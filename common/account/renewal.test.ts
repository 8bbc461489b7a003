import { describe, expect, it } from 'vitest';
import { daysToRenewal, formatDaysToRenewal, localToday } from './renewal';

describe('daysToRenewal', () => {
  it('counts calendar days, across month and year ends and leap days', () => {
    expect(daysToRenewal('2026-03-01', '2026-02-27')).toBe(2);
    expect(daysToRenewal('2029-03-01', '2028-02-28')).toBe(367);
    expect(daysToRenewal('2026-11-22', '2026-11-22')).toBe(0);
    expect(daysToRenewal('2026-10-23', '2026-11-22')).toBe(-30);
  });

  it('is unaffected by daylight-saving changes', () => {
    expect(daysToRenewal('2026-03-30', '2026-03-28')).toBe(2);
    expect(daysToRenewal('2026-10-26', '2026-10-24')).toBe(2);
  });
});

describe('formatDaysToRenewal', () => {
  it('reads naturally before, on and after the renewal date', () => {
    expect(formatDaysToRenewal(45)).toBe('in 45 days');
    expect(formatDaysToRenewal(1)).toBe('tomorrow');
    expect(formatDaysToRenewal(0)).toBe('today');
    expect(formatDaysToRenewal(-1)).toBe('1 day overdue');
    expect(formatDaysToRenewal(-30)).toBe('30 days overdue');
    expect(formatDaysToRenewal(Number.NaN)).toBe('unknown');
  });
});

describe('localToday', () => {
  it('uses the local calendar date', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
