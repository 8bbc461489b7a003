import { describe, expect, it } from 'vitest';
import { applyPlatt, fitPlatt } from './calibration';

describe('Platt scaling', () => {
  it('stays finite and keeps probabilities off 0 and 1 when the calibration split is perfectly separable', () => {
    // A team model's calibration split where every churner scores above every renewer (seen in a retrain: plain
    // Newton steps ran a to 3e10 and every probability to exactly 0 or 1).
    const margins: number[] = [];
    const labels: number[] = [];
    // Margins far from 0 (trees' log-odds often are): the first Newton step from a = 1 sees every p near 0 or 1.
    for (let i = 0; i < 40; i++) {
      margins.push(5 + i / 8);
      labels.push(1);
      margins.push(-5 - i / 8);
      labels.push(0);
    }
    const scaling = fitPlatt(margins, labels);
    expect(Number.isFinite(scaling.a) && Number.isFinite(scaling.b)).toBe(true);
    expect(Math.abs(scaling.a)).toBeLessThan(1_000);
    // The smoothed targets are 41/42 and 1/42: the fitted probabilities approach them, never certainty.
    for (const margin of margins) {
      const p = applyPlatt(scaling, margin);
      expect(p).toBeGreaterThan(0.001);
      expect(p).toBeLessThan(0.999);
    }
    expect(applyPlatt(scaling, 5)).toBeGreaterThan(0.9);
    expect(applyPlatt(scaling, -5)).toBeLessThan(0.1);
  });

  it('recovers the scaling of labels drawn from a known sigmoid', () => {
    // Deterministic draws: label 1 where a fixed low-discrepancy sequence falls under sigmoid(2m - 1).
    const margins: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const m = -3 + (6 * i) / 4000;
      const u = (i * 0.6180339887) % 1;
      margins.push(m);
      labels.push(u < 1 / (1 + Math.exp(-(2 * m - 1))) ? 1 : 0);
    }
    const { a, b } = fitPlatt(margins, labels);
    expect(a).toBeCloseTo(2, 0);
    expect(b).toBeCloseTo(-1, 0);
  });
});
