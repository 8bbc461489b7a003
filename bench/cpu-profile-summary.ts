/**
 * Where a CDP `Profiler` profile's main-thread time went: self and inclusive time per function (name, file, line),
 * from the samples and their time deltas. Used by the interactions bench's profiling round.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface FunctionTime {
  name: string;
  ms: number;
}

export interface ProfileSummary {
  /** Sampled time in JavaScript and in the engine's own work (GC, "(program)"), ms; idle left out. */
  busyMs: number;
  gcMs: number;
  self: FunctionTime[];
  inclusive: FunctionTime[];
}

const IDLE = new Set(['(idle)', '(root)']);

function label(frame: CallFrame): string {
  const file = frame.url.slice(frame.url.lastIndexOf('/') + 1) || '(native)';
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

/** Self and inclusive time per function of `profile`, the `top` largest of each. */
export function summarizeProfile(profile: CpuProfile, top = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busyMs = 0;
  let gcMs = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // A sample's time is the delta to the next sample.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const node = byId.get(samples[i]!);
    if (!node || IDLE.has(node.callFrame.functionName)) continue;
    busyMs += ms;
    if (node.callFrame.functionName === '(garbage collector)') gcMs += ms;
    const own = label(node.callFrame);
    self.set(own, (self.get(own) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      if (IDLE.has(frame.functionName)) continue;
      const key = label(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
  const largest = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms * 10) / 10 }));
  return { busyMs: Math.round(busyMs * 10) / 10, gcMs: Math.round(gcMs * 10) / 10, self: largest(self), inclusive: largest(inclusive) };
}
