import { describe, expect, it } from 'vitest';
import { formatDaysToRenewal } from './renewal';

describe('formatDaysToRenewal', () => {
  it('reads naturally before, on and after the renewal date', () => {
    expect(formatDaysToRenewal(45)).toBe('in 45 days');
    expect(formatDaysToRenewal(1)).toBe('tomorrow');
    expect(formatDaysToRenewal(0)).toBe('today');
    expect(formatDaysToRenewal(-1)).toBe('1 day overdue');
    expect(formatDaysToRenewal(-30)).toBe('30 days overdue');
  });

  it('says unknown when the renewal date is not a calendar date', () => {
    expect(formatDaysToRenewal(null)).toBe('unknown');
  });
});
