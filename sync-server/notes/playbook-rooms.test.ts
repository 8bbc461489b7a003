import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { withTokenHandshake } from '../../common/sync/notes-handshake';
import { PLAYBOOK_TEMPLATES } from '../../common/playbooks/playbook-templates';
import { readPlaybookFromDoc, writePlaybookToDoc } from '../../common/playbooks/playbook-ydoc';
import { validatePlaybook } from '../../common/playbooks/validate-playbook';
import { startSyncServer, type SyncServer } from '../server';
import { ADMIN, seedTeams, type Member } from '../testing/test-server';

let dataDir: string;
let server: SyncServer;
let team: Awaited<ReturnType<typeof seedTeams>>;
const providers: WebsocketProvider[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'outpost-yjs-playbooks-'));
  server = await startSyncServer({ dataDir, admin: ADMIN });
  team = await seedTeams(server);
});
afterEach(() => {
  for (const provider of providers.splice(0)) provider.destroy();
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function open(member: Member, playbookId = 'shared') {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/yjs/playbooks`, playbookId, doc, {
    WebSocketPolyfill: withTokenHandshake(WebSocket, () => member.token) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  providers.push(provider);
  return { doc, provider };
}

function until(predicate: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > 10_000) return reject(new Error(`Timed out waiting for ${what}`));
      setTimeout(check, 10);
    };
    check();
  });
}

const synced = (p: WebsocketProvider) => until(() => p.synced, 'the provider to sync');

describe('playbook rooms on the sync server', () => {
  it('two clients editing one playbook at the same time (one of them offline) converge', async () => {
    const a = open(team.managerA);
    const b = open(team.managerA);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    writePlaybookToDoc(a.doc, PLAYBOOK_TEMPLATES.find((t) => t.key === 'renewal-120')!.build('shared'));
    await until(() => readPlaybookFromDoc(b.doc)?.name === '120-day renewal', 'the playbook to reach the second client');

    b.provider.disconnect();
    const fromA = readPlaybookFromDoc(a.doc)!;
    writePlaybookToDoc(a.doc, { ...fromA, name: 'Renewal (120 days)' });
    const fromB = readPlaybookFromDoc(b.doc)!;
    writePlaybookToDoc(b.doc, { ...fromB, steps: fromB.steps.map((s) => (s.id === 'wait-30' ? { ...s, wait: { days: 21 } } : s)) });
    b.provider.connect();
    await until(() => JSON.stringify(readPlaybookFromDoc(a.doc)) === JSON.stringify(readPlaybookFromDoc(b.doc)) && readPlaybookFromDoc(a.doc)!.name === 'Renewal (120 days)' && JSON.stringify(readPlaybookFromDoc(a.doc)).includes('"days":21'), 'both edits on both clients');
    expect(validatePlaybook(readPlaybookFromDoc(b.doc)).ok).toBe(true);
  });

  it('a rep joins read-only, and another team’s playbook of the same id is another room', async () => {
    const manager = open(team.managerA, 'ro');
    const rep = open(team.repA, 'ro');
    const other = open(team.repB, 'ro');
    await Promise.all([synced(manager.provider), synced(rep.provider), synced(other.provider)]);
    writePlaybookToDoc(manager.doc, PLAYBOOK_TEMPLATES[0]!.build('ro'));
    await until(() => readPlaybookFromDoc(rep.doc) !== null, 'the rep to see it');
    writePlaybookToDoc(rep.doc, { ...readPlaybookFromDoc(rep.doc)!, name: 'Rep was here' });
    // The rep's edit is dropped by the server: the manager's copy keeps its name (checked after a later manager edit arrives).
    writePlaybookToDoc(manager.doc, { ...readPlaybookFromDoc(manager.doc)!, description: 'after' });
    await until(() => readPlaybookFromDoc(rep.doc)?.description === 'after', 'the manager’s later edit to reach the rep');
    expect(readPlaybookFromDoc(manager.doc)!.name).toBe('Onboarding (first 90 days)');
    expect(readPlaybookFromDoc(other.doc)).toBeNull();
  });
});
