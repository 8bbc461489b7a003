import { describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../common/clock/hlc';
import { collectionDefinitions } from '../../common/db/collections';
import { createSchemaValidator } from '../../common/db/schema-validator';
import { accountFixture, activityFixture, contactFixture } from '../testing/test-replicas';
import { redactedTombstone } from '../../common/sync/redaction';

const owner = { id: 'user-1', teamId: 'team-1' };
const clock = new HybridLogicalClock('redact');

describe('redacted tombstones', () => {
  it.each([
    ['accounts', accountFixture('acc-r', owner, clock, { name: 'Acme Secret', fieldHistory: [] } as never)],
    ['contacts', contactFixture('con-r', 'acc-r', owner, clock)],
    ['activities', activityFixture('act-r', 'acc-r', owner, clock)],
  ] as const)('drops the personal fields of %s and stays valid for the replicas', (collection, doc) => {
    const schema = collectionDefinitions[collection].schema;
    const tombstone = redactedTombstone({ ...doc, _deleted: false } as never, schema as never);
    const { _deleted, ...rest } = tombstone;
    expect(_deleted).toBe(true);
    expect(createSchemaValidator(schema)(rest)).toEqual([]);
    const text = JSON.stringify(tombstone);
    for (const secret of ['Acme Secret', 'Dana Champion', 'dana@acme.example', 'Discussed rollout', 'Kick-off']) expect(text).not.toContain(secret);
    expect(tombstone).toMatchObject({ id: doc.id, ownerId: owner.id, teamId: owner.teamId });
  });
});
