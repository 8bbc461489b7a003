import { describe, expect, it } from 'vitest';
import {
  BRIDGE_CHANNEL_PREFIX,
  BRIDGE_CHANNELS,
  desktopNotificationSchema,
  openFilesRequestSchema,
  saveFileRequestSchema,
  syncSessionSchema,
} from './contract';

function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
}

describe('bridge contract', () => {
  it('every channel is namespaced with the one prefix the main process accepts', () => {
    for (const channel of Object.values(BRIDGE_CHANNELS)) expect(channel.startsWith(BRIDGE_CHANNEL_PREFIX)).toBe(true);
    expect(new Set(Object.values(BRIDGE_CHANNELS)).size).toBe(Object.keys(BRIDGE_CHANNELS).length);
  });

  it('fills defaults for an open request', () => {
    expect(openFilesRequestSchema.parse({})).toEqual({ filters: [], multiple: false });
  });

  it('names the offending field of a bad open request', () => {
    const result = openFilesRequestSchema.safeParse({ filters: [{ name: 'CSV', extensions: ['.csv'] }], multiple: 'yes' });
    expect(result.success).toBe(false);
    expect(issuePaths(result)).toEqual(expect.arrayContaining(['filters.0.extensions.0', 'multiple']));
  });

  it('refuses a save request whose name is a path', () => {
    const result = saveFileRequestSchema.safeParse({ suggestedName: '../../etc/passwd', content: 'x' });
    expect(result.success).toBe(false);
    expect(issuePaths(result)).toEqual(['suggestedName']);
  });

  it('refuses a notification without a title', () => {
    const result = desktopNotificationSchema.safeParse({ body: 'hello' });
    expect(issuePaths(result)).toEqual(['title']);
  });

  it('accepts a sync session only with an http(s) server and a known role', () => {
    const session = {
      serverUrl: 'https://sync.example.com',
      user: { id: 'u', email: 'a@b.c', name: 'A', role: 'cs-manager', teamId: 't' },
      refreshToken: 'r',
      accessToken: 'a',
      accessExpiresAt: 0,
    };
    expect(syncSessionSchema.parse(session)).toEqual(session);
    expect(issuePaths(syncSessionSchema.safeParse({ ...session, serverUrl: 'file:///etc/passwd' }))).toEqual(['serverUrl']);
    expect(issuePaths(syncSessionSchema.safeParse({ ...session, user: { ...session.user, role: 'owner' } }))).toEqual(['user.role']);
  });
});
