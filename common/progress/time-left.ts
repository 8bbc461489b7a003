/** Progress of a long job as this window has seen it: `done` of `total`, and where it stood when the window began. */
export interface CountedProgress {
  done: number;
  total: number;
  /** When this window started (or resumed) the job (epoch ms), and `done` then. */
  startedAt: number;
  startedDone: number;
}

/** Seconds left at the rate this window has seen so far, or null until there is a rate. */
export function secondsLeft(progress: CountedProgress, now: number): number | null {
  const done = progress.done - progress.startedDone;
  const elapsed = (now - progress.startedAt) / 1000;
  if (done <= 0 || elapsed <= 0) return null;
  return Math.ceil((Math.max(0, progress.total - progress.done) * elapsed) / done);
}

/** ", about 40 s left" / ", about 3 min left", or nothing while there is no rate yet. */
export function timeLeftText(seconds: number | null): string {
  if (seconds === null) return '';
  return `, about ${seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`} left`;
}
