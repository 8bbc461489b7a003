import { describe, expect, it } from 'vitest';
import { seatUtilizationPercent } from './derived-fields';
import { formatSeatUse, formatSeats } from '../format/format';
import { describeFeature } from '../intelligence/explanations';

/**
 * Seat use has one definition: active seats of purchased seats (the account's own counts, as the header and the grid
 * show them). The model's `utilization` feature is another measure (daily active users, 30-day mean, per purchased
 * seat) and is worded as such, so the same account never shows two "seat use" numbers.
 * Expected values are computed by hand.
 */
describe('seat use, one definition', () => {
  it.each([
    // active, purchased, exact percent, as shown
    [20, 23, (20 / 23) * 100, '87%'], // 86.956…
    [112, 112, 100, '100%'],
    [1550, 1579, (1550 / 1579) * 100, '98%'], // 98.163…
    [45, 60, 75, '75%'],
    [70, 50, 140, '140%'], // more seats active than bought: shown as is, not capped
    [0, 40, 0, '0%'],
  ])('%i of %i seats is %d%% (%s)', (active, purchased, percent, shown) => {
    const computed = seatUtilizationPercent({ seatsActive: active, seatsPurchased: purchased });
    expect(computed).toBeCloseTo(percent, 10);
    expect(formatSeatUse(computed)).toBe(shown);
  });

  it('no purchased seats: no seat use, shown as a dash', () => {
    expect(seatUtilizationPercent({ seatsActive: 3, seatsPurchased: 0 })).toBeNull();
    expect(formatSeatUse(null)).toBe('—');
  });

  it('seat counts are formatted with thousands separators', () => {
    expect(formatSeats(1550, 1579)).toBe('1,550 / 1,579');
    expect(formatSeats(20, 23)).toBe('20 / 23');
  });

  it("the model's daily-use feature does not call itself seat use", () => {
    // The account of the issue: 20 of 23 seats active (87% seat use), 43% of the seats used on an average day.
    const text = describeFeature('utilization', 0.43);
    expect(text).toBe('daily active users 43% of purchased seats (30-day mean)');
    expect(text).not.toMatch(/seats in use|seat use/);
  });
});
