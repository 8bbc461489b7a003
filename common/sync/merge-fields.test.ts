import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../json/json-equality';
import { mergeFields, type StampedDocument } from './merge-fields';

const T1 = '1767225600000-0000-nodeA';
const T2 = '1767225600000-0001-nodeA';
const T3 = '1767225600000-0001-nodeB';

function doc(fields: Record<string, unknown>, updatedAt: string, fieldStamps: Record<string, string>): StampedDocument {
  return { id: 'acc-1', ...fields, updatedAt, fieldStamps };
}

describe('mergeFields', () => {
  it('keeps each field from the version that changed it last and reports the losing values', () => {
    const base = { name: 'Acme', mrr: 100, tier: 'SMB' };
    const local = doc({ ...base, name: 'Acme Corp' }, T2, { name: T2, mrr: T1, tier: T1 });
    const remote = doc({ ...base, mrr: 250 }, T3, { name: T1, mrr: T3, tier: T1 });

    const { merged, losers } = mergeFields(local, remote);

    expect(merged).toEqual({
      id: 'acc-1',
      name: 'Acme Corp',
      mrr: 250,
      tier: 'SMB',
      updatedAt: T3,
      fieldStamps: { name: T2, mrr: T3, tier: T1 },
    });
    expect(losers).toEqual([
      { field: 'mrr', value: 100, stamp: T1 },
      { field: 'name', value: 'Acme', stamp: T1 },
    ]);
  });

  it('breaks a same-time edit by the node id inside the HLC string', () => {
    const a = doc({ name: 'From A' }, T2, { name: T2 });
    const b = doc({ name: 'From B' }, T3, { name: T3 });
    expect(mergeFields(a, b).merged['name']).toBe('From B');
    expect(mergeFields(b, a).merged['name']).toBe('From B');
  });

  it('falls back to updatedAt for fields without a stamp (documents migrated from v0)', () => {
    const migrated = doc({ name: 'Old' }, T1, {});
    const edited = doc({ name: 'New' }, T2, { name: T2 });
    expect(mergeFields(migrated, edited).merged['name']).toBe('New');
    expect(mergeFields(migrated, edited).merged.fieldStamps).toEqual({ name: T2 });
  });

  it('refuses to merge two different documents', () => {
    expect(() => mergeFields(doc({}, T1, {}), { ...doc({}, T1, {}), id: 'acc-2' })).toThrow(/different documents/);
  });

  it('prints equal values identically regardless of key order', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(canonicalJson({ a: [1, { c: 3, d: 2 }], b: 1 }));
  });
});

describe('mergeFields on custom fields (merged per custom field)', () => {
  it('keeps two concurrent edits of different custom fields', () => {
    const base = { customFields: { Region: 'EMEA', Segment: 'Mid' } };
    const stamps = { customFields: T1 };
    const laptop = doc({ customFields: { Region: 'APAC', Segment: 'Mid' } }, T2, { ...stamps, 'customFields.Region': T2 });
    const desktop = doc({ customFields: { Region: 'EMEA', Segment: 'Enterprise', Champion: 'Dana' } }, T3, {
      ...stamps,
      'customFields.Segment': T3,
      'customFields.Champion': T3,
    });
    for (const [a, b] of [[laptop, desktop], [desktop, laptop]] as const) {
      const { merged, losers } = mergeFields(a, b);
      expect(merged['customFields']).toEqual({ Region: 'APAC', Segment: 'Enterprise', Champion: 'Dana' });
      expect(merged.fieldStamps).toEqual({ customFields: T1, 'customFields.Champion': T3, 'customFields.Region': T2, 'customFields.Segment': T3 });
      // Each side's untouched values "lost" to the other's edit, which history leaves out as the common base.
      expect(losers.map((loser) => loser.field).sort()).toEqual(['customFields.Champion', 'customFields.Region', 'customFields.Segment']);
    }
    expect(mergeFields(doc(base, T1, stamps), doc(base, T1, stamps)).losers).toEqual([]);
  });

  it('reports the loser of one custom field edited on both sides under its own name', () => {
    const a = doc({ customFields: { Region: 'APAC' } }, T2, { customFields: T1, 'customFields.Region': T2 });
    const b = doc({ customFields: { Region: 'LATAM' } }, T3, { customFields: T1, 'customFields.Region': T3 });
    const { merged, losers } = mergeFields(a, b);
    expect(merged['customFields']).toEqual({ Region: 'LATAM' });
    expect(losers).toEqual([{ field: 'customFields.Region', value: 'APAC', stamp: T2 }]);
  });

  it('keeps a removal stamped later than the value, and lets a whole-object write override older keys', () => {
    const removed = doc({ customFields: {} }, T3, { customFields: T1, 'customFields.Region': T3 });
    const older = doc({ customFields: { Region: 'EMEA' } }, T2, { customFields: T1, 'customFields.Region': T2 });
    expect(mergeFields(older, removed).merged['customFields']).toEqual({});
    // A writer that replaced the whole object at T3 (one stamp for `customFields`) wins over a key written at T2.
    const replaced = doc({ customFields: { Tier: 'Gold' } }, T3, { customFields: T3 });
    expect(mergeFields(older, replaced).merged['customFields']).toEqual({ Tier: 'Gold' });
  });

  it('treats a document without custom field stamps (stored before them) as written at its customFields stamp', () => {
    const legacy = doc({ customFields: { Region: 'EMEA', Segment: 'Mid' } }, T1, { customFields: T1 });
    const edited = doc({ customFields: { Region: 'EMEA', Segment: 'Enterprise' } }, T2, { customFields: T1, 'customFields.Segment': T2 });
    expect(mergeFields(legacy, edited).merged['customFields']).toEqual({ Region: 'EMEA', Segment: 'Enterprise' });
  });
});

describe('mergeFields properties', () => {
  const stamp = fc.constantFrom(T1, T2, T3, '1767225600001-0000-nodeA');
  const fieldName = fc.constantFrom('name', 'mrr', 'tier', 'notes');
  const value = fc.oneof(fc.constantFrom('a', 'b', 1, 2, null), fc.record({ x: fc.constantFrom(1, 2) }));
  const customKey = fc.constantFrom('Region', 'Segment', 'a.b');
  const customFields = fc.option(fc.dictionary(customKey, fc.constantFrom('x', 'y', '')), { nil: undefined });
  const customStamps = fc.dictionary(
    fc.oneof(fc.constant('customFields'), customKey.map((key) => `customFields.${key}`)),
    stamp,
  );
  const arbDoc = fc
    .tuple(fc.dictionary(fieldName, value), fc.dictionary(fieldName, stamp), stamp, customFields, customStamps)
    .map(([fields, fieldStamps, updatedAt, custom, stamps]) =>
      doc(custom === undefined ? fields : { ...fields, customFields: custom }, updatedAt, { ...fieldStamps, ...stamps }),
    );

  it('is commutative', () => {
    fc.assert(
      fc.property(arbDoc, arbDoc, (a, b) => {
        expect(mergeFields(a, b).merged).toEqual(mergeFields(b, a).merged);
      }),
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(arbDoc, arbDoc, arbDoc, (a, b, c) => {
        const left = mergeFields(mergeFields(a, b).merged, c).merged;
        const right = mergeFields(a, mergeFields(b, c).merged).merged;
        expect(left).toEqual(right);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(arbDoc, arbDoc, (a, b) => {
        const once = mergeFields(a, b).merged;
        expect(mergeFields(once, once).merged).toEqual(once);
        expect(mergeFields(once, once).losers).toEqual([]);
        expect(mergeFields(mergeFields(a, a).merged, a).merged).toEqual(mergeFields(a, a).merged);
      }),
    );
  });
});
