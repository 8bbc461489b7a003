import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../clock/hlc';
import {
  FIELD_HISTORY_CAP,
  historyEntriesFor,
  historyOfField,
  isRestorable,
  mergeFieldHistory,
  restoreFieldPatch,
  type FieldHistoryEntry,
} from './field-history';
import { mergeFields, type StampedDocument } from './merge-fields';

const T1 = '1767225600000-0000-nodeA';
const T2 = '1767225600000-0001-nodeA';
const T3 = '1767225600000-0001-nodeB';
const AT = '2026-01-01T00:00:00.000Z';

function doc(fields: Record<string, unknown>, updatedAt: string, fieldStamps: Record<string, string>): StampedDocument {
  return { id: 'acc-1', ...fields, updatedAt, fieldStamps };
}

function entry(field: string, stamp: string, supersededBy: string, value: FieldHistoryEntry['value'] = 1): FieldHistoryEntry {
  return { field, value, stamp, supersededBy, recordedAt: AT };
}

describe('historyEntriesFor', () => {
  it('records a concurrent edit of the same field that lost, with who wrote it', () => {
    const base = doc({ mrr: 100, name: 'Acme' }, T1, { mrr: T1, name: T1 });
    const ann = doc({ mrr: 200, name: 'Acme' }, T2, { mrr: T2, name: T1 });
    const bob = doc({ mrr: 300, name: 'Acme' }, T3, { mrr: T3, name: T1 });
    const { merged, losers } = mergeFields(bob, ann);
    const entries = historyEntriesFor(losers, merged, { recordedAt: AT, base, userOf: () => 'u-ann' });
    expect(merged['mrr']).toBe(300);
    expect(entries).toEqual([{ field: 'mrr', value: 200, stamp: T2, supersededBy: T3, recordedAt: AT, userId: 'u-ann' }]);
  });

  it('does not record the value an edit knowingly replaced', () => {
    const base = doc({ mrr: 100, name: 'Acme' }, T1, { mrr: T1, name: T1 });
    const server = doc({ mrr: 100, name: 'Acme Corp' }, T2, { mrr: T1, name: T2 });
    const client = doc({ mrr: 250, name: 'Acme' }, T3, { mrr: T3, name: T1 });
    const { merged, losers } = mergeFields(server, client);
    expect(losers.length).toBe(2);
    expect(historyEntriesFor(losers, merged, { recordedAt: AT, base })).toEqual([]);
    expect(merged).toMatchObject({ mrr: 250, name: 'Acme Corp' });
  });
});

describe('mergeFieldHistory', () => {
  const arbitraryEntry = fc.record({
    field: fc.constantFrom('mrr', 'name', 'tier'),
    value: fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.constant(null)),
    stamp: fc.integer({ min: 0, max: 40 }).map((n) => `17672256000${String(n).padStart(2, '0')}-0000-n`),
    supersededBy: fc.integer({ min: 0, max: 40 }).map((n) => `17672256001${String(n).padStart(2, '0')}-0000-n`),
    recordedAt: fc.constantFrom(AT, '2026-01-02T00:00:00.000Z'),
  });
  const history = fc.array(arbitraryEntry, { maxLength: 12 });

  it('is a union: commutative, associative and idempotent, so replicas converge', () => {
    fc.assert(
      fc.property(history, history, history, (a, b, c) => {
        const cap = 8;
        expect(mergeFieldHistory(a, b, cap)).toEqual(mergeFieldHistory(b, a, cap));
        expect(mergeFieldHistory(mergeFieldHistory(a, b, cap), c, cap)).toEqual(mergeFieldHistory(a, mergeFieldHistory(b, c, cap), cap));
        const ab = mergeFieldHistory(a, b, cap);
        expect(mergeFieldHistory(ab, ab, cap)).toEqual(ab);
      }),
      { seed: 3, numRuns: 200 },
    );
  });

  it('keeps one entry per field and stamp, newest loss first, at most the cap', () => {
    const many = Array.from({ length: FIELD_HISTORY_CAP + 5 }, (_, i) =>
      entry('mrr', `1767225600000-${i.toString(36).padStart(4, '0')}-a`, `1767225700000-${i.toString(36).padStart(4, '0')}-b`),
    );
    const merged = mergeFieldHistory(many, [many[3]!]);
    expect(merged.length).toBe(FIELD_HISTORY_CAP);
    expect(merged[0]).toEqual(many.at(-1));
    expect(merged.map((e) => e.stamp)).not.toContain(many[0]!.stamp);
  });

  it('survives a per-field merge of two documents as the union of both', () => {
    const a = doc({ mrr: 1, fieldHistory: [entry('mrr', T1, T2)] }, T2, { mrr: T2 });
    const b = doc({ mrr: 2, fieldHistory: [entry('name', T1, T3)] }, T3, { mrr: T3 });
    const { merged, losers } = mergeFields(a, b);
    expect(merged['fieldHistory']).toEqual([entry('name', T1, T3), entry('mrr', T1, T2)]);
    expect(losers.map((l) => l.field)).toEqual(['mrr']);
  });
});

describe('restoreFieldPatch', () => {
  it('produces a stamped edit that wins the next merge', () => {
    const clock = new HybridLogicalClock('restorer', () => 1767225700000);
    const current = doc({ mrr: 300 }, T3, { mrr: T3, name: T1 });
    const lost = entry('mrr', T2, T3, 200);
    const patch = restoreFieldPatch(current, lost, clock);
    expect(patch).toMatchObject({ mrr: 200, fieldStamps: { mrr: patch.updatedAt, name: T1 } });
    expect(patch.updatedAt > T3).toBe(true);
    const restored = { ...current, ...patch } as StampedDocument;
    expect(mergeFields(current, restored).merged['mrr']).toBe(200);
  });

  it('restores one custom field (customFields.<name>) without touching the others', () => {
    const clock = new HybridLogicalClock('restorer', () => 1767225700000);
    const current = doc({ customFields: { Region: 'LATAM', Segment: 'Enterprise' } }, T3, { customFields: T1, 'customFields.Region': T3 });
    const lost = entry('customFields.Region', T2, T3, 'APAC');
    expect(isRestorable(lost)).toBe(true);
    const patch = restoreFieldPatch(current, lost, clock);
    expect(patch['customFields']).toEqual({ Region: 'APAC', Segment: 'Enterprise' });
    expect(patch.fieldStamps).toEqual({ customFields: T1, 'customFields.Region': patch.updatedAt });
    // A colleague's concurrent edit of another custom field survives the restore.
    const colleague = doc({ customFields: { Region: 'LATAM', Segment: 'SMB' } }, T3, { customFields: T1, 'customFields.Region': T3, 'customFields.Segment': '1767225800000-0000-nodeC' });
    expect(mergeFields({ ...current, ...patch } as StampedDocument, colleague).merged['customFields']).toEqual({ Region: 'APAC', Segment: 'SMB' });
  });

  it('records a custom field that lost a concurrent edit under its own name', () => {
    const base = doc({ customFields: { Region: 'EMEA' } }, T1, { customFields: T1 });
    const ann = doc({ customFields: { Region: 'APAC' } }, T2, { customFields: T1, 'customFields.Region': T2 });
    const bob = doc({ customFields: { Region: 'LATAM' } }, T3, { customFields: T1, 'customFields.Region': T3 });
    const { merged, losers } = mergeFields(bob, ann);
    expect(historyEntriesFor(losers, merged, { recordedAt: AT, base })).toEqual([
      { field: 'customFields.Region', value: 'APAC', stamp: T2, supersededBy: T3, recordedAt: AT },
    ]);
  });

  it('refuses fields a person cannot edit and values that were absent', () => {
    expect(isRestorable(entry('ownerId', T1, T2, 'u-1'))).toBe(false);
    expect(isRestorable(entry('mrr', T1, T2, null))).toBe(false);
    expect(() => restoreFieldPatch(doc({}, T1, {}), entry('ownerId', T1, T2, 'u-1'))).toThrow(/not a field a person can edit/);
    expect(() => restoreFieldPatch(doc({}, T1, {}), entry('mrr', T1, T2, null))).toThrow(/had no value/);
  });

  it('lists one field\'s losses newest first', () => {
    const history = [entry('mrr', T1, T2), entry('name', T1, T3), entry('mrr', T2, T3)];
    expect(historyOfField(history, 'mrr').map((e) => e.stamp)).toEqual([T2, T1]);
  });
});
