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

  it("today is the UTC calendar date", () => {
    expect(todayIsoDate(new Date('2026-07-04T23:30:00-05:00'))).toBe('2026-07-05');
  });
});
