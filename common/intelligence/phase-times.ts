/**
 * Where a run spends its time, by phase (ms, summed over the run's calls): the scoring engine's `phases` status, which
 * the benchmark prints. Resets at the start of a run.
 */
export class PhaseTimes {
  private phases: Record<string, number> = {};

  reset(phases: readonly string[]): void {
    this.phases = Object.fromEntries(phases.map((phase) => [phase, 0]));
  }

  set(phase: string, ms: number): void {
    this.phases[phase] = ms;
  }

  time<T>(phase: string, work: () => T): T {
    const start = performance.now();
    try {
      return work();
    } finally {
      this.add(phase, start);
    }
  }

  async timeAsync<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.add(phase, start);
    }
  }

  snapshot(): Record<string, number> {
    return { ...this.phases };
  }

  private add(phase: string, start: number): void {
    this.phases[phase] = (this.phases[phase] ?? 0) + performance.now() - start;
  }
}
