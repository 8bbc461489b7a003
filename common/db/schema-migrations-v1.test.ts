import 'fake-indexeddb/auto';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { RiskAssessment } from '../model';
import { createOutpostDatabase, type OutpostDatabase } from './create-database';
import { riskAssessmentSchema } from './schemas/risk-assessment-schema';
import { teamSettingSchema } from './schemas/team-setting-schema';
import { stampNew } from './stamp-writes';

const open: OutpostDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.remove()));
});

const v0Assessment = (): RiskAssessment =>
  stampNew({
    id: 'acc-1',
    accountId: 'acc-1',
    ownerId: 'u-ann',
    teamId: 'team-east',
    scoredAt: '2026-06-30T12:00:00.000Z',
    health: 61,
    healthBand: 'yellow' as const,
    measures: [{ id: 'usage', score: 55 }],
    churnProbability: 0.21,
    risk: 21,
    expansion: 30,
    riskFactors: [],
    expansionFactors: [],
    modelVersion: 'churn-2026-06-30-s7 · expansion-2026-06-30-s7',
    predictedAt: '2026-06-30T12:00:00.000Z',
    history: [{ date: '2026-06-30', health: 61, risk: 21, expansion: 30 }],
  });

describe('risk assessment migration v0 -> v1', () => {
  it('keeps assessments written by v0 as they were (no "not enough recent data" state), and v1 stores the state', async () => {
    const name = `migrate-ra${process.pid}${Date.now()}`;
    const { dataState: _dataState, ...v0Properties } = riskAssessmentSchema.properties as Record<string, unknown>;
    const old = await createRxDatabase({ name, storage: getRxStorageDexie() });
    await old.addCollections({ riskassessments: { schema: { ...riskAssessmentSchema, version: 0, properties: v0Properties } as never } });
    const doc = v0Assessment();
    await old.collections['riskassessments']!.insert(doc);
    await old.close();

    const db = await createOutpostDatabase({ name, storage: getRxStorageDexie() });
    open.push(db);
    const migrated = (await db.riskassessments.findOne('acc-1').exec())!.toJSON();
    expect(migrated).toMatchObject(doc);
    expect(migrated.dataState).toBeUndefined();

    await db.riskassessments.insert({ ...v0Assessment(), id: 'acc-2', accountId: 'acc-2', risk: null, expansion: null, churnProbability: null, dataState: 'not-enough-recent-data' });
    expect((await db.riskassessments.findOne('acc-2').exec())!.dataState).toBe('not-enough-recent-data');
    await expect(db.riskassessments.insert({ ...v0Assessment(), id: 'acc-3', accountId: 'acc-3', dataState: 'stale' as never })).rejects.toThrow();
  });
});

describe('team setting migration v0 -> v1', () => {
  it('keeps the settings written by v0 and accepts the new kind "model"', async () => {
    const name = `migrate-ts${process.pid}${Date.now()}`;
    const kind = { type: 'string', enum: ['scorecard', 'alert-rules'] };
    const old = await createRxDatabase({ name, storage: getRxStorageDexie() });
    await old.addCollections({ teamsettings: { schema: { ...teamSettingSchema, version: 0, properties: { ...teamSettingSchema.properties, kind } } as never } });
    const setting = stampNew({ id: 'team-east:scorecard', ownerId: 'u-ann', teamId: 'team-east', kind: 'scorecard' as const, value: { bands: { red: 40 } }, updatedBy: 'Ann' });
    await old.collections['teamsettings']!.insert(setting);
    await old.close();

    const db = await createOutpostDatabase({ name, storage: getRxStorageDexie() });
    open.push(db);
    expect((await db.teamsettings.findOne('team-east:scorecard').exec())!.toJSON()).toMatchObject(setting);
    await db.teamsettings.insert(stampNew({ id: 'team-east:model', ownerId: 'u-ann', teamId: 'team-east', kind: 'model' as const, value: { version: 'v' }, updatedBy: 'Ann' }));
    expect((await db.teamsettings.findOne('team-east:model').exec())!.kind).toBe('model');
  });
});
