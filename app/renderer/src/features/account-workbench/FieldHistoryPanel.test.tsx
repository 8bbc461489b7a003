// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutpostDatabase, type OutpostDatabase } from '../../../../../common/db/create-database';
import { stampNew } from '../../../../../common/db/stamp-writes';
import { DatabaseContext } from '../../db/database-context';
import { useUndoStore } from '../../stores/undo-store';
import { useSyncSession } from '../../session/session-store';
import { useAccountDocument } from './account-data';
import { FieldHistoryPanel } from './FieldHistoryPanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const account = {
  id: 'acc-h',
  externalId: 'SF-H',
  name: 'Hooli',
  domain: 'hooli.com',
  industry: 'Software',
  region: 'NA',
  tier: 'Enterprise' as const,
  status: 'active' as const,
  lifecycleStage: 'mature' as const,
  ownerName: 'Gavin',
  plan: 'Scale',
  seatsPurchased: 100,
  seatsActive: 90,
  mrr: 9000,
  contractStart: '2024-01-01',
  renewalDate: '2027-01-01',
  createdAt: '2024-01-01T00:00:00.000Z',
  ownerId: 'u1',
  teamId: 't1',
};
const lost = {
  field: 'plan',
  value: 'Enterprise',
  stamp: '1767225600000-0000-laptop',
  supersededBy: '1767225600001-0000-desktop',
  recordedAt: '2026-01-01T00:00:01.000Z',
  userId: 'u2',
};

let db: OutpostDatabase;
let container: HTMLDivElement;
let root: Root;
let counter = 0;

function Harness() {
  const doc = useAccountDocument('acc-h');
  return doc ? <FieldHistoryPanel doc={doc} /> : null;
}

async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
}

async function until<T>(find: () => T | null | undefined, what: string): Promise<T> {
  for (let i = 0; i < 150; i += 1) {
    const found = find();
    if (found) return found;
    await settle();
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const restoreButton = () => container.querySelector<HTMLButtonElement>('button[aria-label="Restore Plan to Enterprise"]');

beforeEach(async () => {
  counter += 1;
  db = await createOutpostDatabase({ name: `history${process.pid}x${counter}x${Date.now()}`, storage: getRxStorageMemory() });
  await db.accounts.insert({ ...stampNew(account), fieldHistory: [lost] });
  useUndoStore.getState().clear();
  useSyncSession.setState({ phase: 'signed-out', session: null });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => {
    root.render(
      <DatabaseContext.Provider value={db}>
        <Harness />
      </DatabaseContext.Provider>,
    );
  });
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  await db.close();
});

describe('field history panel', () => {
  it('lists the overwritten value and restores it as a new, undoable edit', async () => {
    const button = await until(restoreButton, 'the restore button');
    expect(container.textContent).toContain('Plan: “Enterprise”');
    expect(container.textContent).toContain('written by a teammate');
    await act(async () => button.click());
    await until(() => restoreButton()?.disabled, 'the button to show the value is current');
    const restored = (await db.accounts.findOne('acc-h').exec())!;
    expect(restored.plan).toBe('Enterprise');
    expect(restored.fieldStamps['plan']! > lost.supersededBy).toBe(true);
    expect(restored.fieldHistory).toEqual([lost]);

    await act(async () => useUndoStore.getState().undoLast());
    expect((await db.accounts.findOne('acc-h').exec())!.plan).toBe('Scale');
  });

  it('disables Restore for a Viewer, with the reason', async () => {
    await act(async () =>
      useSyncSession.setState({
        phase: 'signed-in',
        session: {
          serverUrl: 'https://sync.example.com',
          user: { id: 'v1', email: 'v@x.y', name: 'V', role: 'viewer', teamId: 't1' },
          refreshToken: 'r',
          accessToken: 'a',
          accessExpiresAt: 0,
        },
      }),
    );
    const button = await until(restoreButton, 'the restore button');
    expect(button.disabled).toBe(true);
    expect(button.title).toMatch(/Viewers cannot change/);
  });
});
