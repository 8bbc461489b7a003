import { describe, expect, it } from 'vitest';
import { averagePrecision, expectedCalibrationError, precisionRecallAt, rocAuc } from './metrics';

describe('metrics', () => {
  it('ROC-AUC counts every positive–negative pair, ties as half', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    // Pairs: (0.9 vs 0.2) win, (0.9 vs 0.5) win, (0.5 vs 0.2) win, (0.5 vs 0.5) tie → 3.5 / 4.
    expect(rocAuc([0.9, 0.5, 0.5, 0.2], [1, 1, 0, 0])).toBe(0.875);
    expect(rocAuc([1, 2], [1, 1])).toBeNaN();
  });

  it('average precision sums precision at each recall step', () => {
    // Ranked: 1 (P=1, R=.5), 0, 1 (P=2/3, R=1) → 0.5·1 + 0.5·2/3.
    expect(averagePrecision([0.9, 0.8, 0.7, 0.1], [1, 0, 1, 0])).toBeCloseTo(0.5 + 1 / 3, 12);
    expect(averagePrecision([0.9, 0.8, 0.2], [1, 1, 0])).toBe(1);
    // A tied block is one threshold: both rows enter together with precision 1/2.
    expect(averagePrecision([0.5, 0.5], [1, 0])).toBe(0.5);
  });

  it('expected calibration error weighs each bin gap by its share of rows', () => {
    expect(expectedCalibrationError([0.05, 0.05, 0.95, 0.95], [0, 0, 1, 1])).toBeCloseTo(0.05, 12);
    // Bin [0.3,0.4): mean 0.3, observed 1/2 → gap 0.2 on half the rows; bin [0.9,1]: 1.0 vs 1 → 0.
    expect(expectedCalibrationError([0.3, 0.3, 1, 1], [0, 1, 1, 1])).toBeCloseTo(0.1, 12);
  });

  it('precision and recall at a threshold call scores ≥ threshold positive', () => {
    const result = precisionRecallAt([0.9, 0.6, 0.5, 0.2], [1, 0, 1, 1], 0.5);
    expect(result).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 1 });
    expect(result.precision).toBeCloseTo(2 / 3, 12);
    expect(result.recall).toBeCloseTo(2 / 3, 12);
    expect(precisionRecallAt([0.1], [1], 0.5).precision).toBeNaN();
  });

  it('refuses mismatched lengths', () => {
    expect(() => rocAuc([1, 2], [1])).toThrow(/2 scores but 1 labels/);
  });
});
