import { describe, expect, it } from 'vitest';
import { editPermission, teamSettingsPermission } from './use-edit-permission';

const user = (role: 'admin' | 'cs-manager' | 'cs-rep' | 'viewer') => ({ id: `u-${role}`, role, teamId: 'team-1' });

describe('what the signed-in user may change (greyed out where the server would refuse)', () => {
  it("only an Admin or the team's CS Manager may change the scoring settings; anyone on the device's own book", () => {
    expect(teamSettingsPermission(null).allowed).toBe(true);
    expect(teamSettingsPermission(user('admin')).allowed).toBe(true);
    expect(teamSettingsPermission(user('cs-manager')).allowed).toBe(true);
    for (const role of ['cs-rep', 'viewer'] as const) {
      const permission = teamSettingsPermission(user(role));
      expect(permission.allowed).toBe(false);
      expect(permission.reason).toMatch(/only an Admin or the team's CS Manager/);
    }
  });

  it('a CS Rep may change their own accounts only; a Viewer nothing', () => {
    const own = { ownerId: 'u-cs-rep', teamId: 'team-1' };
    const colleagues = { ownerId: 'u-other', teamId: 'team-1' };
    expect(editPermission(user('cs-rep'), own).allowed).toBe(true);
    expect(editPermission(user('cs-rep'), colleagues)).toMatchObject({ allowed: false, reason: expect.stringMatching(/owner or their manager/) });
    expect(editPermission(user('viewer'), own)).toMatchObject({ allowed: false, reason: expect.stringMatching(/Viewers/) });
    expect(editPermission(null, colleagues).allowed).toBe(true);
  });
});
