// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOutpostDatabase, type OutpostDatabase } from '../../../../../common/db/create-database';
import { stampNew } from '../../../../../common/db/stamp-writes';
import { DatabaseContext } from '../../db/database-context';
import { useUndoStore } from '../../stores/undo-store';
import { useAccountsStore } from '../../stores/accounts-store';
import { AccountWorkbench } from './AccountWorkbench';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const account = {
  id: 'acc-1',
  externalId: 'SF-1',
  name: 'Acme Corporation',
  domain: 'acme.com',
  industry: 'Manufacturing',
  region: 'EMEA',
  tier: 'Enterprise' as const,
  status: 'active' as const,
  lifecycleStage: 'mature' as const,
  ownerName: 'Dana Scully',
  plan: 'Scale',
  seatsPurchased: 500,
  seatsActive: 410,
  mrr: 45000,
  contractStart: '2024-01-01',
  renewalDate: '2027-01-01',
  createdAt: '2024-01-01T00:00:00.000Z',
  ownerId: 'u1',
  teamId: 't1',
};

let db: OutpostDatabase;
let container: HTMLDivElement;
let root: Root;
let dbCounter = 0;

async function settle(ms = 20) {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

async function waitFor<T>(find: () => T | null | undefined, what: string): Promise<T> {
  for (let i = 0; i < 150; i += 1) {
    const found = find();
    if (found) return found;
    await settle();
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const byLabel = <T extends Element>(label: string) => container.querySelector<T>(`[aria-label="${label}"], button[aria-label^="${label}: "]`);

function labelled<T extends HTMLElement>(text: string): T | null {
  const label = [...container.querySelectorAll('label')].find((l) => l.textContent === text);
  return label ? (container.querySelector<T>(`#${CSS.escape(label.htmlFor)}`) ?? null) : null;
}

function buttonNamed(name: string): HTMLButtonElement | undefined {
  return [...container.querySelectorAll('button')].find((b) => b.textContent === name);
}

async function type(element: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const prototype = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function press(element: Element, key: string) {
  await act(async () => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

async function click(element: HTMLElement) {
  await act(async () => {
    element.click();
  });
}

async function storedMrr() {
  return (await db.accounts.findOne('acc-1').exec())?.mrr;
}

beforeEach(async () => {
  dbCounter += 1;
  db = await createOutpostDatabase({ name: `workbench${process.pid}x${dbCounter}x${Date.now()}`, storage: getRxStorageMemory() });
  await db.accounts.insert(stampNew(account));
  await db.activities.insert(
    stampNew({
      id: 'act-1',
      externalId: 'X1',
      accountId: 'acc-1',
      type: 'support_ticket' as const,
      occurredAt: '2026-01-10T10:00:00.000Z',
      subject: 'SSO login fails',
      body: '',
      actorName: 'Support',
      result: 'Escalated',
      ticket: { severity: 'high' as const, status: 'open' as const },
      ownerId: 'u1',
      teamId: 't1',
    }),
  );
  await db.contacts.insert(
    stampNew({
      id: 'c-1',
      externalId: '',
      accountId: 'acc-1',
      name: 'Pat Champion',
      email: 'pat@acme.com',
      title: 'VP Ops',
      role: 'champion' as const,
      status: 'departed' as const,
      departedOn: '2026-02-01',
      ownerId: 'u1',
      teamId: 't1',
    }),
  );
  useUndoStore.getState().clear();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => {
    root.render(
      <DatabaseContext.Provider value={db}>
        <AccountWorkbench accountId="acc-1" />
      </DatabaseContext.Provider>,
    );
  });
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  await db.remove();
});

describe('AccountWorkbench', () => {
  it('shows the account, its contacts and its timeline', async () => {
    const header = await waitFor(() => container.querySelector('[data-testid="account-header"]'), 'the header');
    expect(header.querySelector('h1')?.textContent).toBe('Acme Corporation');
    expect(header.textContent).toContain('$540,000');
    const contacts = await waitFor(() => container.querySelector('[data-testid="contacts-panel"] li'), 'a contact');
    expect(contacts.textContent).toContain('Champion');
    expect(contacts.textContent).toContain('Departed');
    const entry = await waitFor(() => container.querySelector('[data-testid="timeline-entry"]'), 'a timeline entry');
    expect(entry.textContent).toContain('SSO login fails');
    expect(entry.textContent).toContain('High');
  });

  it('rejects an invalid MRR without writing, saves a valid one, and undoes it', async () => {
    await click(await waitFor(() => byLabel<HTMLButtonElement>('Edit MRR'), 'the MRR button'));
    const input = await waitFor(() => container.querySelector<HTMLInputElement>('input[aria-label="Edit MRR"]'), 'the MRR input');

    await type(input, '-5');
    await press(input, 'Enter');
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('MRR must be a number ≥ 0');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(await storedMrr()).toBe(45000);

    await type(input, '50,000');
    await press(input, 'Enter');
    expect(await storedMrr()).toBe(50000);
    const toast = await waitFor(() => container.querySelector('[data-testid="undo-toast"]'), 'the toast');
    expect(toast.textContent).toContain('Saved MRR');

    await click(buttonNamed('Undo')!);
    await settle(50);
    expect(await storedMrr()).toBe(45000);
    const doc = await db.accounts.findOne('acc-1').exec();
    expect(doc?.fieldStamps['mrr']).toBe(doc?.updatedAt);
  });

  it('cancels an edit with Escape', async () => {
    await click(await waitFor(() => byLabel<HTMLButtonElement>('Edit Name'), 'the name button'));
    const input = await waitFor(() => container.querySelector<HTMLInputElement>('input[aria-label="Edit Name"]'), 'the name input');
    await type(input, 'Something else');
    await press(input, 'Escape');
    expect(container.querySelector('input[aria-label="Edit Name"]')).toBeNull();
    expect((await db.accounts.findOne('acc-1').exec())?.name).toBe('Acme Corporation');
  });

  it('adds a note, requires a subject, and undoes the add with Ctrl+Z', async () => {
    const submit = await waitFor(() => buttonNamed('Add note'), 'the Add note button');
    await click(submit);
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Subject is required');
    expect(await db.activities.count().exec()).toBe(1);

    await type(labelled<HTMLInputElement>('Subject')!, 'Kick-off recap');
    await type(labelled<HTMLTextAreaElement>('Note')!, 'Agreed on a training plan.');
    await click(submit);
    await waitFor(
      () => [...container.querySelectorAll('[data-testid="timeline-entry"]')].find((e) => e.textContent?.includes('Kick-off recap')),
      'the new note on the timeline',
    );
    const saved = await db.activities.find({ selector: { subject: 'Kick-off recap' } }).exec();
    expect(saved[0]).toMatchObject({ type: 'note', actorName: 'You', body: 'Agreed on a training plan.', ownerId: 'u1', teamId: 't1' });

    await act(async () => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true }));
    });
    await waitFor(
      () => ![...container.querySelectorAll('[data-testid="timeline-entry"]')].some((e) => e.textContent?.includes('Kick-off recap')),
      'the note to disappear',
    );
    expect(await db.activities.count().exec()).toBe(1);
  });

  it("shows the account's header from the book in memory before its documents have loaded, then its panels", async () => {
    // An account no query has asked for yet (the page mounted before each test shows acc-1, whose live queries would
    // answer a second subscriber at once). The accounts store holds the whole book, loaded with the grid.
    const second = { ...account, id: 'acc-2', name: 'Globex Holdings', ownerName: 'Fox Mulder' };
    await db.accounts.insert(stampNew(second));
    await db.contacts.insert(
      stampNew({
        id: 'c-2', externalId: '', accountId: 'acc-2', name: 'Sam Sponsor', email: 'sam@globex.com', title: 'CFO',
        role: 'executive_sponsor' as const, status: 'active' as const, ownerId: 'u1', teamId: 't1',
      }),
    );
    act(() => useAccountsStore.setState({ accounts: [{ ...second, updatedAt: '', fieldStamps: {} }], loaded: true }));
    const other = document.createElement('div');
    document.body.append(other);
    const page = createRoot(other);
    try {
      // A synchronous act: the first render and its effects, and no promise settles before the checks below, so
      // RxDB's findOne (and the other queries) have not answered yet.
      act(() => {
        page.render(
          <DatabaseContext.Provider value={db}>
            <AccountWorkbench accountId="acc-2" />
          </DatabaseContext.Provider>,
        );
      });
      const header = other.querySelector('[data-testid="account-header"]');
      expect(header?.querySelector('h1')?.textContent).toBe('Globex Holdings');
      expect(header?.textContent).toContain('Fox Mulder');
      expect(other.querySelector('[data-testid="contacts-panel"]')).toBeNull();
      expect(other.querySelector('[aria-busy="true"]')).not.toBeNull(); // the panels' skeleton

      const contact = await waitFor(() => other.querySelector('[data-testid="contacts-panel"] li'), 'the contacts once loaded');
      expect(contact.textContent).toContain('Sam Sponsor');
      await waitFor(() => other.querySelector('[data-testid="activity-timeline"]'), 'the timeline once loaded');
      await waitFor(() => other.querySelector('button[aria-label^="Edit MRR"]'), 'the editable details once loaded');
      // The heavier panels follow, each in a task of its own: no skeleton is left.
      await waitFor(() => other.querySelector('.workbench-grid[aria-busy="true"], [aria-label$=", loading"]') === null, 'no skeleton left');
      expect(other.querySelector('#revenue-heading, [aria-labelledby="revenue-heading"]')).not.toBeNull();
    } finally {
      await act(async () => page.unmount());
      other.remove();
      act(() => useAccountsStore.setState({ accounts: [], loaded: false }));
    }
  });

  it('says when the account does not exist', async () => {
    await act(async () => {
      root.render(
        <DatabaseContext.Provider value={db}>
          <AccountWorkbench accountId="missing" />
        </DatabaseContext.Provider>,
      );
    });
    await waitFor(
      () => [...container.querySelectorAll('h1')].find((h) => h.textContent === 'Account not found'),
      'the not-found heading',
    );
    expect([...container.querySelectorAll('a')].some((a) => a.textContent === 'Back to accounts')).toBe(true);
  });
});
