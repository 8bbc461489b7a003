import { describe, expect, it } from 'vitest';
import { evaluateProbabilities, selectColumns } from './model-evaluation';
import { checkMinimumOutcomes, decidePromotion } from './model-promotion';

const labels = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 1 : 0));
const good = evaluateProbabilities(labels.map((y, i) => (y ? 0.6 : 0.1) + (i % 7) / 100), labels);
const poor = evaluateProbabilities(labels.map((_, i) => 0.6 + (i % 9) / 100), labels);

describe('the promote rule', () => {
  it('promotes a better candidate for a CS Manager or Admin', () => {
    expect(decidePromotion({ candidate: good, current: poor, role: 'cs-manager' })).toMatchObject({ promote: true, basis: 'better' });
    expect(decidePromotion({ candidate: good, current: poor, role: 'admin' })).toMatchObject({ promote: true, basis: 'better' });
  });

  it('never lets a rep or a viewer promote, better or not', () => {
    for (const role of ['cs-rep', 'viewer'] as const) {
      expect(decidePromotion({ candidate: good, current: poor, role, overrideReason: 'because I say so, really' })).toEqual({ promote: false, reason: 'Only Admins and CS Managers can promote a model' });
    }
  });

  it('keeps a worse candidate out unless overridden with a reason, which is recorded', () => {
    const refused = decidePromotion({ candidate: poor, current: good, role: 'cs-manager' });
    expect(refused.promote).toBe(false);
    expect(refused.reason).toMatch(/not better than the current/);
    expect(decidePromotion({ candidate: poor, current: good, role: 'cs-manager', overrideReason: '  short ' }).promote).toBe(false);
    expect(decidePromotion({ candidate: poor, current: good, role: 'cs-manager', overrideReason: 'The old model was trained on last year’s pricing' })).toEqual({
      promote: true,
      basis: 'override',
      reason: 'The old model was trained on last year’s pricing',
    });
  });

  it('refuses a candidate that ranks better but is much worse calibrated', () => {
    const overconfident = evaluateProbabilities(labels.map((y, i) => (y ? 0.99 : 0.97) + (i % 7) / 1000), labels);
    expect(decidePromotion({ candidate: overconfident, current: poor, role: 'admin' })).toMatchObject({ promote: false, reason: expect.stringMatching(/Calibration error/) });
  });
});

describe('the minimum number of outcomes', () => {
  it('says plainly how many outcomes the book has when it has too few', () => {
    const few = checkMinimumOutcomes([...new Array(20).fill(1), ...new Array(100).fill(0)]);
    expect(few).toEqual({ enough: false, message: expect.stringContaining('this book has 120 (20 churned, 100 not)') });
    expect(checkMinimumOutcomes([...new Array(60).fill(1), ...new Array(300).fill(0)])).toEqual({ enough: true });
  });
});

describe('selectColumns', () => {
  it('lays a row out for another feature list by name; a feature it lacks is missing (NaN), never zero', () => {
    const out = selectColumns([1, 2, 3], ['a', 'b', 'c'], ['c', 'x', 'a']);
    expect(out[0]).toBe(3);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBe(1);
  });
});
