import { describe, expect, it } from 'vitest';
import { annualRecurringRevenue, daysToRenewal, isoDateToDay, seatUtilizationPercent, todayIsoDate } from './derived-fields';

describe('derived account fields', () => {
  it('ARR is twelve times MRR', () => {
    expect(annualRecurringRevenue(1250)).toBe(15_000);
    expect(annualRecurringRevenue(0)).toBe(0);
  });

  it('counts days to renewal across months, years and leap days', () => {
    expect(daysToRenewal('2026-03-01', '2026-02-28')).toBe(1);
    expect(daysToRenewal('2024-03-01', '2024-02-28')).toBe(2);
    expect(daysToRenewal('2027-01-01', '2026-12-31')).toBe(1);
    expect(daysToRenewal('2026-05-10', '2026-05-10')).toBe(0);
  });

  it('is negative once the renewal date has passed', () => {
    expect(daysToRenewal('2026-05-01', '2026-05-11')).toBe(-10);
  });

  it('gives null for dates that are not calendar dates', () => {
    expect(daysToRenewal('2026-02-30', '2026-01-01')).toBeNull();
    expect(daysToRenewal('soon', '2026-01-01')).toBeNull();
    expect(isoDateToDay('2026-13-01')).toBeNull();
  });

  it('seat use is active over purchased, null without purchased seats', () => {
    expect(seatUtilizationPercent({ seatsActive: 45, seatsPurchased: 60 })).toBe(75);
    expect(seatUtilizationPercent({ seatsActive: 70, seatsPurchased: 50 })).toBe(140);
    expect(seatUtilizationPercent({ seatsActive: 3, seatsPurchased: 0 })).toBeNull();
  });

  it('today is the local calendar date, whatever the UTC date is', () => {
    expect(todayIsoDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(todayIsoDate(new Date(2026, 6, 4, 0, 1))).toBe('2026-07-04');
  });

  it('is unaffected by daylight-saving changes and counts long spans exactly', () => {
    expect(daysToRenewal('2026-03-30', '2026-03-28')).toBe(2);
    expect(daysToRenewal('2026-10-26', '2026-10-24')).toBe(2);
    expect(daysToRenewal('2029-03-01', '2028-02-28')).toBe(367);
  });
});
