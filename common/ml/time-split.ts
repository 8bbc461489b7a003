/** Something that happened on a date (ISO `YYYY-MM-DD…`): a renewal with its outcome. */
export interface Dated {
  readonly date: string;
}

export interface TimeSplit<T extends Dated> {
  /** The earliest outcomes: the model learns from these. */
  readonly train: T[];
  /** The next ones: the calibration is fitted on these (never seen by the trees). */
  readonly calibration: T[];
  /** The latest ones: every metric is measured here. */
  readonly test: T[];
  /** Dropped because their outcome date falls within the embargo after a boundary. */
  readonly embargoed: number;
}

export interface TimeSplitOptions {
  readonly calibrationShare: number;
  readonly testShare: number;
  /**
   * Days after each boundary whose rows are dropped: a row's features are measured `embargoDays` before its outcome,
   * so without the gap the first later rows' features would overlap the period whose outcomes trained the model.
   */
  readonly embargoDays: number;
}

const DAY = 86_400_000;

/**
 * A time-based holdout: sorted by outcome date, the earliest share trains, the next calibrates, the latest tests,
 * with an embargo after each boundary, so every calibration outcome is after every training outcome and every test
 * row's features were measured after the last outcome the model or its calibration saw. No shuffling: the future
 * never leaks into what the model learns from.
 */
export function timeSplit<T extends Dated>(rows: readonly T[], options: TimeSplitOptions): TimeSplit<T> {
  const { calibrationShare, testShare, embargoDays } = options;
  if (!(calibrationShare >= 0 && testShare > 0 && calibrationShare + testShare < 1)) {
    throw new Error(`timeSplit: shares must be ≥ 0 and leave rows to train on (calibration ${calibrationShare}, test ${testShare})`);
  }
  const sorted = [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const n = sorted.length;
  const trainEnd = Math.floor(n * (1 - calibrationShare - testShare));
  const calibrationEnd = Math.floor(n * (1 - testShare));
  const after = (boundary: string | undefined) => (boundary === undefined ? -Infinity : Date.parse(boundary.slice(0, 10)) + embargoDays * DAY);
  const train = sorted.slice(0, trainEnd);
  const lastTrain = train[train.length - 1]?.date;
  const calibrationRows = sorted.slice(trainEnd, calibrationEnd);
  const calibration = calibrationRows.filter((r) => Date.parse(r.date.slice(0, 10)) > after(lastTrain));
  const lastSeen = calibration[calibration.length - 1]?.date ?? lastTrain;
  const testRows = sorted.slice(calibrationEnd);
  const test = testRows.filter((r) => Date.parse(r.date.slice(0, 10)) > after(lastSeen));
  return { train, calibration, test, embargoed: calibrationRows.length - calibration.length + testRows.length - test.length };
}
