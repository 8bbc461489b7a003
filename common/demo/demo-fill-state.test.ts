import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../db/testing/test-database';
import type { OutpostDatabase } from '../db/create-database';
import { DEMO_FILL_ID, readDemoFillState, type DemoFillState } from './demo-fill-state';

let db: OutpostDatabase;
beforeEach(async () => {
  db = await openTestDatabase('fill-state');
});
afterEach(async () => {
  await db.remove();
});

const state: DemoFillState = { seed: 1, accounts: 250, asOf: '2026-06-01', accountsWritten: true, historyWritten: 120 };

describe('readDemoFillState', () => {
  it('reads what the fill stored, nothing when there is none, and nothing once it is deleted', async () => {
    expect(await readDemoFillState(db)).toBeUndefined();
    const doc = await db.preferences.insert({ id: DEMO_FILL_ID, kind: 'setting', value: { ...state }, updatedAt: new Date().toISOString() });
    expect(await readDemoFillState(db)).toEqual(state);
    await doc.remove();
    expect(await readDemoFillState(db)).toBeUndefined();
  });
});
