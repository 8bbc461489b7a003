import { describe, expect, it } from 'vitest';
import { canManageUser, canRead, canWrite, type AccessUser } from './access-policy';

const admin: AccessUser = { id: 'u-admin', role: 'admin', teamId: null };
const manager: AccessUser = { id: 'u-mgr', role: 'cs-manager', teamId: 'team-a' };
const rep: AccessUser = { id: 'u-rep', role: 'cs-rep', teamId: 'team-a', sharedOwnerIds: ['u-colleague'] };
const viewer: AccessUser = { id: 'u-view', role: 'viewer', teamId: 'team-a' };

const ownByRep = { ownerId: 'u-rep', teamId: 'team-a' };
const colleagues = { ownerId: 'u-colleague', teamId: 'team-a' };
const teammates = { ownerId: 'u-other', teamId: 'team-a' };
const otherTeam = { ownerId: 'u-rep', teamId: 'team-b' };

describe('canRead', () => {
  it('lets an admin read everything', () => {
    for (const doc of [ownByRep, teammates, otherTeam]) expect(canRead(admin, doc)).toBe(true);
  });

  it('lets managers and viewers read their whole team and nothing outside it', () => {
    for (const user of [manager, viewer]) {
      expect(canRead(user, teammates)).toBe(true);
      expect(canRead(user, otherTeam)).toBe(false);
    }
  });

  it('lets a rep read own documents and shared colleagues, not the rest of the team or another team', () => {
    expect(canRead(rep, ownByRep)).toBe(true);
    expect(canRead(rep, colleagues)).toBe(true);
    expect(canRead(rep, teammates)).toBe(false);
    expect(canRead(rep, otherTeam)).toBe(false);
  });

  it('lets the whole team (reps too) read its team settings, and nobody another team’s', () => {
    const settings = { ownerId: 'u-mgr', teamId: 'team-a' };
    for (const user of [admin, manager, rep, viewer]) expect(canRead(user, settings, 'teamsettings')).toBe(true);
    expect(canRead(rep, settings, 'accounts')).toBe(false);
    expect(canRead(rep, { ownerId: 'u-mgr', teamId: 'team-b' }, 'teamsettings')).toBe(false);
  });

  it('gives a teamless non-admin nothing', () => {
    expect(canRead({ id: 'x', role: 'cs-manager', teamId: null }, { ownerId: 'x', teamId: 'team-a' })).toBe(false);
  });
});

describe('canWrite', () => {
  it('lets a rep create and edit only own documents in their team', () => {
    expect(canWrite(rep, null, ownByRep)).toBe(true);
    expect(canWrite(rep, ownByRep, ownByRep)).toBe(true);
    expect(canWrite(rep, colleagues, colleagues)).toBe(false);
    expect(canWrite(rep, null, otherTeam)).toBe(false);
  });

  it('refuses moving a document out of or into a scope the user does not own', () => {
    expect(canWrite(rep, ownByRep, { ownerId: 'u-other', teamId: 'team-a' })).toBe(false);
    expect(canWrite(rep, teammates, ownByRep)).toBe(false);
    expect(canWrite(manager, teammates, { ownerId: 'u-other', teamId: 'team-b' })).toBe(false);
    expect(canWrite(manager, otherTeam, teammates)).toBe(false);
  });

  it('lets a manager write anything in their team, and an admin anything', () => {
    expect(canWrite(manager, teammates, { ownerId: 'u-rep', teamId: 'team-a' })).toBe(true);
    expect(canWrite(admin, otherTeam, teammates)).toBe(true);
  });

  it('never lets a viewer write, even in their own team', () => {
    expect(canWrite(viewer, null, { ownerId: 'u-view', teamId: 'team-a' })).toBe(false);
    expect(canWrite(viewer, teammates, teammates)).toBe(false);
  });
});

describe('canManageUser', () => {
  it('lets a manager add reps and viewers to their own team only', () => {
    expect(canManageUser(manager, { targetTeamId: null, role: 'cs-rep', teamId: 'team-a' })).toBe(true);
    expect(canManageUser(manager, { targetTeamId: null, role: 'cs-rep', teamId: 'team-b' })).toBe(false);
    expect(canManageUser(manager, { targetTeamId: null, role: 'admin', teamId: 'team-a' })).toBe(false);
    expect(canManageUser(manager, { targetTeamId: null, role: 'cs-manager', teamId: 'team-a' })).toBe(false);
  });

  it('refuses a manager demoting another manager or poaching from another team', () => {
    expect(
      canManageUser(manager, { targetTeamId: 'team-a', targetRole: 'cs-manager', role: 'viewer', teamId: 'team-a' }),
    ).toBe(false);
    expect(canManageUser(manager, { targetTeamId: 'team-b', targetRole: 'cs-rep', role: 'cs-rep', teamId: 'team-a' })).toBe(
      false,
    );
  });

  it('lets an admin do anything and reps and viewers nothing', () => {
    expect(canManageUser(admin, { targetTeamId: 'team-b', targetRole: 'cs-rep', role: 'admin', teamId: null })).toBe(true);
    expect(canManageUser(rep, { targetTeamId: null, role: 'viewer', teamId: 'team-a' })).toBe(false);
    expect(canManageUser(viewer, { targetTeamId: null, role: 'viewer', teamId: 'team-a' })).toBe(false);
  });
});

describe('playbooks (team-wide, like team settings)', () => {
  const playbook = { ownerId: 'u-mgr', teamId: 'team-a' };
  it('are read by the whole team and by no other team', () => {
    for (const user of [admin, manager, rep, viewer]) expect(canRead(user, playbook, 'playbooks')).toBe(true);
    expect(canRead(rep, { ownerId: 'u-mgr', teamId: 'team-b' }, 'playbooks')).toBe(false);
  });
  it('are written only by Admins and the team’s CS Managers', () => {
    expect(canWrite(manager, null, playbook, 'playbooks')).toBe(true);
    expect(canWrite(admin, null, playbook, 'playbooks')).toBe(true);
    expect(canWrite(rep, null, { ownerId: 'u-rep', teamId: 'team-a' }, 'playbooks')).toBe(false);
    expect(canWrite(viewer, null, playbook, 'playbooks')).toBe(false);
    expect(canWrite(manager, null, { ownerId: 'u-mgr', teamId: 'team-b' }, 'playbooks')).toBe(false);
  });
});
