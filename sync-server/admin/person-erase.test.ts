import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, api, login, PASSWORD, startTestServer, type TestServer } from '../testing/test-server';
import { leveldbFolderText } from '../testing/leveldb-files';
import { UserDirectory } from '../auth/user-directory';
import { openDatabase } from '../storage/storage';

// Finding 7: erasing a person must leave no personal field of theirs anywhere in the server's storage, including the
// bytes of the data folder (a deleted document's id stays in PouchDB's revision tree for good, so an id may not hold
// the email address either).
let t: TestServer;
let stopped = false;
const EMAIL = 'ottoline.vexworth@erase.example';
const NAME = 'Ottoline Vexworth';

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  if (!stopped) await t.server.close();
  rmSync(t.dataDir, { recursive: true, force: true });
  rmSync(`${t.dataDir}.key`, { force: true });
});

describe('erasing a person', () => {
  it('leaves neither their email nor their name in the data folder, and the others are still found by address', async () => {
    const admin = (await login(t.server, ADMIN.email, ADMIN.password)).accessToken;
    const team = (await api(t.server, 'POST', '/admin/teams', { token: admin, body: { name: 'Erase' } })).body.id;
    const created = await api(t.server, 'POST', '/admin/users', { token: admin, body: { email: EMAIL, password: PASSWORD, name: NAME, role: 'viewer', teamId: team } });
    expect(created.status).toBe(201);
    await login(t.server, EMAIL, PASSWORD);
    // Someone else stays, and must still be found by their address after the erase (the claims still work).
    await api(t.server, 'POST', '/admin/users', { token: admin, body: { email: 'stays@erase.example', password: PASSWORD, name: 'Stays Here', role: 'viewer', teamId: team } });

    const erased = await api(t.server, 'POST', '/admin/privacy/erase', { token: admin, body: { subject: `person:${created.body.id}` } });
    expect(erased).toMatchObject({ status: 200, body: { erased: { person: 1 } } });
    expect((await api(t.server, 'POST', '/auth/login', { body: { email: EMAIL, password: PASSWORD } })).status).toBe(401);
    await login(t.server, 'stays@erase.example', PASSWORD);

    await t.server.close();
    stopped = true;
    const raw = leveldbFolderText(t.dataDir);
    expect(raw).toContain('stays@erase.example');
    expect([EMAIL, NAME].filter((value) => raw.includes(value))).toEqual([]);
  });
});

describe('email claims written before their ids were hashed', () => {
  it('still find their person, still keep the address unique, and go with their person', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outpost-claims-'));
    const db = openDatabase<any>({ dataDir: dir }, 'directory');
    try {
      const before = await new UserDirectory(db).createUser({ email: 'Legacy@Erase.example', password: PASSWORD, name: 'Legacy', role: 'admin', teamId: null });
      expect((await db.allDocs()).rows.map((row) => row.id)).toContain('email:legacy@erase.example');
      const now = new UserDirectory(db, new Uint8Array(32).fill(7));
      expect((await now.findByEmail('legacy@erase.example'))?.id).toBe(before.id);
      await expect(now.createUser({ email: 'legacy@erase.example', password: PASSWORD, name: 'Twin', role: 'admin', teamId: null })).rejects.toMatchObject({ status: 409 });
      const fresh = await now.createUser({ email: 'fresh@erase.example', password: PASSWORD, name: 'Fresh', role: 'admin', teamId: null });
      // A new claim's id does not hold the address.
      expect((await db.allDocs()).rows.map((row) => row.id).filter((id) => id.startsWith('email:'))).toEqual([expect.stringMatching(/^email:h:[A-Za-z0-9_-]{43}$/), 'email:legacy@erase.example']);
      expect(await now.findByEmail('fresh@erase.example')).toMatchObject({ id: fresh.id });
      // With another key (the key file replaced), people are still found by their address, and it stays unique.
      const rekeyed = new UserDirectory(db, new Uint8Array(32).fill(9));
      expect((await rekeyed.findByEmail('fresh@erase.example'))?.id).toBe(fresh.id);
      await expect(rekeyed.createUser({ email: 'fresh@erase.example', password: PASSWORD, name: 'Twin', role: 'admin', teamId: null })).rejects.toMatchObject({ status: 409 });
      await now.deleteUser(before.id);
      expect(await now.findByEmail('legacy@erase.example')).toBeNull();
      expect((await db.allDocs()).rows.map((row) => row.id)).not.toContain('email:legacy@erase.example');
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
