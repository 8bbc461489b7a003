import { describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../clock/hlc';
import { BatchStamps, stampChanges, stampNew } from './stamp-writes';

describe('BatchStamps', () => {
  it('gives the new documents of a batch what stampNew would, with one stamp and one shared fieldStamps object', () => {
    const batch = new BatchStamps(new HybridLogicalClock('dtest'));
    const a = batch.forNew({ id: 'a', name: 'Acme', seats: 3 });
    const b = batch.forNew({ id: 'b', name: 'Beta', seats: 5 });
    expect(b).toBe(a);
    expect(Object.isFrozen(a.fieldStamps)).toBe(true);
    expect(a.fieldStamps).toEqual({ name: a.updatedAt, seats: a.updatedAt });
    expect(Object.keys(a.fieldStamps)).toEqual(Object.keys(stampNew({ id: 'a', name: 'Acme', seats: 3 }).fieldStamps));
  });

  it('gives a document with other fields its own stamps, at the batch stamp', () => {
    const batch = new BatchStamps(new HybridLogicalClock('dtest'));
    const first = batch.forNew({ id: 'a', name: 'Acme', seats: 3 });
    const fewer = batch.forNew({ id: 'b', name: 'Beta' });
    const other = batch.forNew({ id: 'c', name: 'Core', plan: 'gold' });
    const more = batch.forNew({ id: 'd', name: 'Dyn', seats: 1, plan: 'gold' });
    const reordered = batch.forNew({ id: 'e', seats: 2, name: 'Eon' });
    expect(reordered.fieldStamps).toEqual({ name: first.updatedAt, seats: first.updatedAt });
    expect(fewer.fieldStamps).toEqual({ name: first.updatedAt });
    expect(other.fieldStamps).toEqual({ name: first.updatedAt, plan: first.updatedAt });
    expect(more.fieldStamps).toEqual({ name: first.updatedAt, seats: first.updatedAt, plan: first.updatedAt });
    expect(first.fieldStamps).toEqual({ name: first.updatedAt, seats: first.updatedAt });
  });

  it('leaves the shared stamps alone when one of the documents is edited later', () => {
    const clock = new HybridLogicalClock('dtest');
    const shared = new BatchStamps(clock).forNew({ id: 'a', name: 'Acme', seats: 3 });
    const edit = stampChanges(shared.fieldStamps, { seats: 4 }, clock);
    expect(edit.fieldStamps['seats']).not.toBe(shared.updatedAt);
    expect(shared.fieldStamps).toEqual({ name: shared.updatedAt, seats: shared.updatedAt });
  });
});
