import { describe, expect, it } from 'vitest';
import type { AccessUser } from './access-policy';
import { computesForAccount, keepsLocal, pushesAnything } from './push-policy';

const rep: AccessUser = { id: 'u-rep', role: 'cs-rep', teamId: 'team-a', sharedOwnerIds: ['u-colleague'] };
const manager: AccessUser = { id: 'u-mgr', role: 'cs-manager', teamId: 'team-a' };
const own = { ownerId: 'u-rep', teamId: 'team-a' };
const colleagues = { ownerId: 'u-colleague', teamId: 'team-a' };

describe('push policy', () => {
  it('lets every role but a Viewer push', () => {
    expect(pushesAnything({ id: 'v', role: 'viewer', teamId: 'team-a' })).toBe(false);
    expect(pushesAnything(rep)).toBe(true);
    expect(pushesAnything(manager)).toBe(true);
  });

  it('keeps scores and alerts computed for a colleague’s shared account on the device', () => {
    for (const collection of ['riskassessments', 'alerts']) {
      expect(keepsLocal(rep, collection, { assumedMasterState: null, newDocumentState: colleagues })).toBe(true);
      expect(keepsLocal(rep, collection, { assumedMasterState: colleagues, newDocumentState: colleagues })).toBe(true);
      expect(keepsLocal(rep, collection, { assumedMasterState: null, newDocumentState: own })).toBe(false);
      expect(keepsLocal(manager, collection, { newDocumentState: colleagues })).toBe(false);
    }
    // An account that moved away from the rep: its score follows the new owner.
    expect(keepsLocal(rep, 'riskassessments', { assumedMasterState: own, newDocumentState: colleagues })).toBe(true);
  });

  it('always pushes what people edit, so a refusal is rolled back and reported', () => {
    for (const collection of ['accounts', 'contacts', 'activities', 'teamsettings']) {
      expect(keepsLocal(rep, collection, { newDocumentState: colleagues })).toBe(false);
    }
  });

  it("computes an account's assessment on its owner's device only (every account on a signed-out device)", () => {
    expect(computesForAccount(rep, own)).toBe(true);
    expect(computesForAccount(rep, colleagues)).toBe(false);
    expect(computesForAccount(manager, colleagues)).toBe(false);
    expect(computesForAccount({ id: 'v', role: 'viewer', teamId: 'team-a' }, colleagues)).toBe(false);
    expect(computesForAccount(null, colleagues)).toBe(true);
  });
});
