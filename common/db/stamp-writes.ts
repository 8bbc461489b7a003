import { HybridLogicalClock } from '../clock/hlc';
import type { SyncFields } from '../model';

let deviceClock: HybridLogicalClock | undefined;

/** This replica's clock. The node id is random per process; a sync session may later pin it to the device id. */
export function getDeviceClock(): HybridLogicalClock {
  deviceClock ??= new HybridLogicalClock(`d${Math.random().toString(36).slice(2, 10)}`);
  return deviceClock;
}

type Stamped = Pick<SyncFields, 'updatedAt' | 'fieldStamps'>;

/** Stamps a new document: every field gets the same HLC stamp. */
export function stampNew<T extends object>(fields: T, clock: HybridLogicalClock = getDeviceClock()): T & Stamped {
  const stamp = clock.now();
  const fieldStamps: Record<string, string> = {};
  for (const key of Object.keys(fields)) if (key !== 'id') fieldStamps[key] = stamp;
  return { ...fields, updatedAt: stamp, fieldStamps };
}

/**
 * The patch for an edit: the changed fields plus a new `updatedAt` and their per-field stamps merged into the
 * document's existing ones (so a later per-field merge knows which replica changed which field last).
 */
export function stampChanges<T extends object>(
  previousStamps: Record<string, string>,
  changes: T,
  clock: HybridLogicalClock = getDeviceClock(),
): T & Stamped {
  const stamp = clock.now();
  const fieldStamps = { ...previousStamps };
  for (const key of Object.keys(changes)) fieldStamps[key] = stamp;
  return { ...changes, updatedAt: stamp, fieldStamps };
}
