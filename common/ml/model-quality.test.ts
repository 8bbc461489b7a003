import { describe, expect, it } from 'vitest';
import { applyPlatt, fitPlatt, foldPlattIntoTrees } from './calibration';
import { featureCoverage } from './coverage';
import { featureDrift, populationStabilityIndex, referenceBins } from './drift';
import { predictRaw, trainGradientBoostedTrees } from './gradient-boosted-trees';
import { expectedCalibrationError, reliabilityBins, topDecileLift } from './metrics';
import { timeSplit } from './time-split';
import { createRandom } from '../random/seeded-random';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

describe('timeSplit', () => {
  const rows = Array.from({ length: 365 }, (_, i) => ({ date: day((i * 7919) % 365), i }));

  it('trains on the earliest outcomes, calibrates on the next and tests on the latest, with no row in two parts', () => {
    const split = timeSplit(rows, { calibrationShare: 0.2, testShare: 0.2, embargoDays: 0 });
    const maxOf = (r: { date: string }[]) => r.map((x) => x.date).sort().at(-1)!;
    const minOf = (r: { date: string }[]) => r.map((x) => x.date).sort()[0]!;
    expect(minOf(split.calibration) > maxOf(split.train)).toBe(true);
    expect(minOf(split.test) > maxOf(split.calibration)).toBe(true);
    expect(split.train.length + split.calibration.length + split.test.length).toBe(365);
  });

  it('drops the rows within the embargo after each boundary: no test row was measured before an outcome the model saw', () => {
    const split = timeSplit(rows, { calibrationShare: 0.2, testShare: 0.2, embargoDays: 30 });
    const lastSeen = Date.parse(split.calibration.at(-1)!.date);
    for (const row of split.test) expect(Date.parse(row.date) - 30 * 86_400_000).toBeGreaterThan(lastSeen);
    expect(split.embargoed).toBe(60);
  });

  it('refuses shares that leave nothing to train on', () => {
    expect(() => timeSplit(rows, { calibrationShare: 0.5, testShare: 0.5, embargoDays: 0 })).toThrow(/leave rows to train on/);
  });
});

describe('calibration (Platt scaling on its own split)', () => {
  it('recovers a known distortion, and folded into the trees gives the same probabilities', () => {
    const random = createRandom(5);
    const margins: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const m = random() * 8 - 4;
      margins.push(m);
      // The true probability is sigmoid(0.5 m − 1): the raw margin is overconfident and off-centre.
      labels.push(random() < 1 / (1 + Math.exp(-(0.5 * m - 1))) ? 1 : 0);
    }
    const scaling = fitPlatt(margins, labels);
    expect(scaling.a).toBeCloseTo(0.5, 1);
    expect(scaling.b).toBeCloseTo(-1, 1);
    const before = expectedCalibrationError(margins.map((m) => 1 / (1 + Math.exp(-m))), labels);
    const after = expectedCalibrationError(margins.map((m) => applyPlatt(scaling, m)), labels);
    expect(after).toBeLessThan(0.02);
    expect(before).toBeGreaterThan(0.1);

    const rows = Array.from({ length: 400 }, () => [random(), random() < 0.2 ? Number.NaN : random()]);
    const model = trainGradientBoostedTrees({ featureNames: ['a', 'b'], rows, labels: rows.map((r) => (r[0]! > 0.5 ? 1 : 0)) }, { trees: 10 });
    const folded = foldPlattIntoTrees(model, scaling);
    for (const row of rows.slice(0, 50)) expect(predictRaw(folded, row)).toBeCloseTo(scaling.a * predictRaw(model, row) + scaling.b, 9);
  });

  it('rejects mismatched inputs with a message', () => {
    expect(() => fitPlatt([1, 2], [1])).toThrow(/2 margins but 1 labels/);
    expect(() => fitPlatt([], [])).toThrow(/no rows/);
  });
});

describe('lift and reliability', () => {
  it('top-decile lift: the positive rate of the highest-scored tenth over the overall rate', () => {
    const scores = Array.from({ length: 100 }, (_, i) => i);
    const labels = scores.map((s) => (s >= 90 || s % 10 === 0 ? 1 : 0)); // 10 at the top, 9 elsewhere: rate 0.19
    expect(topDecileLift(scores, labels)).toBeCloseTo(1 / 0.19, 6);
    expect(topDecileLift([0.1, 0.2], [0, 0])).toBeNaN();
  });

  it('reliability bins: mean predicted vs observed per bin; empty bins are NaN', () => {
    const bins = reliabilityBins([0.05, 0.05, 0.95, 0.95], [0, 1, 1, 1]);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toMatchObject({ count: 2, predicted: 0.05, observed: 0.5 });
    expect(bins[9]).toMatchObject({ count: 2, observed: 1 });
    expect(bins[5]!.observed).toBeNaN();
  });
});

describe('drift (population stability index)', () => {
  const random = createRandom(9);
  const normal = (shift: number) => Array.from({ length: 5000 }, () => shift + Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random()));

  it('is near zero for the same distribution and large for a shifted one or one that stopped being reported', () => {
    const reference = referenceBins(normal(0));
    expect(populationStabilityIndex(reference, normal(0))).toBeLessThan(0.02);
    expect(populationStabilityIndex(reference, normal(1))).toBeGreaterThan(0.25);
    expect(populationStabilityIndex(reference, new Array(100).fill(Number.NaN))).toBeGreaterThan(1);
  });

  it('per feature, by name, flags the drifted ones', () => {
    const same = normal(0);
    const ref = { a: referenceBins(same), b: referenceBins(same) };
    const other = normal(2);
    const live = normal(0).map((v, i) => [v, other[i]!]);
    const drift = featureDrift(['a', 'b'], ref, live.slice(0, 1000));
    expect(drift.map((d) => [d.feature, d.drifted])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });
});

describe('feature coverage', () => {
  it('is the share of rows where a feature was measured (NaN is missing; zero is a value)', () => {
    expect(featureCoverage(['x', 'y'], [[0, Number.NaN], [1, Number.NaN], [Number.NaN, 0], [2, Number.NaN]])).toEqual([
      { feature: 'x', coverage: 0.75 },
      { feature: 'y', coverage: 0.25 },
    ]);
  });
});
