import { describe, expect, it } from 'vitest';
import { BatchStamps } from '../db/stamp-writes';
import { HybridLogicalClock } from '../clock/hlc';
import { FEATURE_COUNT } from './account-features';
import { nextAssessment } from './assessment';
import { stampAssessment } from './assessment-stamps';
import { healthScore } from './scorecard';

const features = Float64Array.from({ length: FEATURE_COUNT }, (_, i) => i * 3);
const assess = (churn: number, day = '2026-06-30') =>
  nextAssessment({
    account: { id: 'acct-1', ownerId: 'me', teamId: 't' },
    row: features,
    health: healthScore(features),
    now: new Date(`${day}T12:00:00Z`),
    model: { churn, expansion: 0.6, churnPoints: new Float32Array(FEATURE_COUNT).fill(2), expansionPoints: new Float32Array(FEATURE_COUNT).fill(-1), version: 'v' },
  });

describe('stampAssessment', () => {
  it('keeps every field of the assessment, stamps each of them when new, and adds the storage fields', () => {
    const next = assess(0.3);
    const stored = stampAssessment(undefined, next, new BatchStamps(new HybridLogicalClock('n1')));
    const { updatedAt, fieldStamps, _deleted, _meta, _rev, _attachments, ...fields } = stored;
    expect(fields).toEqual(next);
    expect(Object.keys(fieldStamps).sort()).toEqual(Object.keys(next).filter((k) => k !== 'id').sort());
    expect(new Set(Object.values(fieldStamps))).toEqual(new Set([updatedAt]));
    expect({ _deleted, _rev, _attachments }).toEqual({ _deleted: false, _rev: '', _attachments: {} });
    expect(_meta).toBeDefined();
  });

  it('stamps only the fields that changed when there is a stored version', () => {
    // The device clock, which stamps edits too: its stamps only grow.
    const first = stampAssessment(undefined, assess(0.3), new BatchStamps());
    const { _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...previous } = first;
    const second = stampAssessment(previous, assess(0.5));
    expect(second.risk).toBe(50);
    expect(second.updatedAt > first.updatedAt).toBe(true);
    for (const [field, stamp] of Object.entries(second.fieldStamps)) {
      const changed = ['risk', 'churnProbability', 'history'].includes(field);
      expect([field, stamp === second.updatedAt]).toEqual([field, changed]);
    }
  });
});
