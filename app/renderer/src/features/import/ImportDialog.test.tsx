// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedFile, OutpostBridge } from '../../../../../common/bridge/contract';
import { createOutpostDatabase, type OutpostDatabase } from '../../../../../common/db/create-database';
import { DatabaseContext } from '../../db/database-context';
import { ImportDialog } from './ImportDialog';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The host is the boundary: the dialog asks it for files, this one hands out whatever the test queued. */
const pickedFiles: OpenedFile[][] = [];
const host: Pick<OutpostBridge, 'openTextFiles'> = { openTextFiles: async () => pickedFiles.shift() ?? [] };
(window as unknown as { outpost: unknown }).outpost = host;

let db: OutpostDatabase;
let container: HTMLDivElement;
let root: Root;
let closed = 0;
let dbCounter = 0;

async function settle(ms = 20) {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

async function waitFor<T>(find: () => T | null | undefined, what: string): Promise<T> {
  for (let i = 0; i < 250; i += 1) {
    const found = find();
    if (found) return found;
    await settle();
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const byTestId = <T extends Element = HTMLElement>(id: string) => container.querySelector<T>(`[data-testid="${id}"]`);

async function click(id: string) {
  await act(async () => byTestId<HTMLButtonElement>(id)!.click());
  await settle();
}

async function pick(name: string, text: string) {
  pickedFiles.push([{ name, size: text.length, text }]);
  await click('import-choose-file');
}

beforeEach(async () => {
  dbCounter += 1;
  db = await createOutpostDatabase({ name: `importdialog${Date.now()}x${dbCounter}`, storage: getRxStorageMemory() });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  closed = 0;
  await act(async () =>
    root.render(
      <DatabaseContext.Provider value={db}>
        <ImportDialog open onClose={() => (closed += 1)} />
      </DatabaseContext.Provider>,
    ),
  );
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  await db.close();
});

describe('ImportDialog', () => {
  it('is a modal dialog with the kind chooser focused, and Escape closes it', async () => {
    const dialog = byTestId('import-dialog')!;
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(byTestId('import-kind'));
    await act(async () => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(closed).toBe(1);
  });

  it('shows why a file is refused', async () => {
    await pick('book.xlsx', 'PK\u0003\u0004\u0000binary');
    expect(byTestId('import-refusal')?.textContent).toMatch(/book\.xlsx is not a CSV file/);
    expect(byTestId('import-start')).toBeNull();
  });

  it('maps columns, imports with progress, and summarises inserted rows and row errors', async () => {
    await pick('accounts.csv', 'Account ID,Account Name,Licenses Purchased\nA-1,Acme,10\nA-2,Globex,ten\nA-3,Initech,5\n');
    expect(byTestId<HTMLSelectElement>('import-map-externalId')?.value).toBe('Account ID');
    expect(byTestId('import-preview')?.textContent).toContain('Globex');
    const start = byTestId<HTMLButtonElement>('import-start')!;
    expect(start.textContent).toBe('Import 3 rows');
    await click('import-start');
    const summary = await waitFor(() => byTestId('import-summary'), 'the summary');
    expect(summary.querySelector('[data-testid="import-inserted"]')?.textContent).toBe('2');
    expect(summary.querySelector('[data-testid="import-error-count"]')?.textContent).toBe('1');
    const cells = [...byTestId('import-errors')!.querySelectorAll('tbody td')].map((td) => td.textContent);
    expect(cells).toEqual(['accounts.csv', '3', 'Licenses Purchased', 'Seats purchased: "ten" is not a whole number']);
    expect(await db.accounts.count().exec()).toBe(2);
  });

  it('counts rows with errors, not errors: two bad cells on one row are one row', async () => {
    await pick('accounts.csv', 'Account ID,Account Name,Licenses Purchased,MRR\nA-1,Acme,ten,lots\nA-2,Globex,3,x\nA-3,Initech,5,100\n');
    await click('import-start');
    const summary = await waitFor(() => byTestId('import-summary'), 'the summary');
    expect(summary.querySelector('[data-testid="import-error-count"]')?.textContent).toBe('2');
    expect(summary.textContent).toContain('2 rows with errors (3 errors)');
  });

  it('refuses a file without a required column until one is mapped', async () => {
    await pick('contacts.csv', 'Record ID,Email,Company\n1,a@b.example,C-9\n');
    await act(async () => {
      const kind = byTestId<HTMLSelectElement>('import-kind')!;
      kind.value = 'contacts';
      kind.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(byTestId('import-refusal')?.textContent).toContain('no column for "Account ID", "Full name (or First name + Last name)"');
    expect(byTestId<HTMLButtonElement>('import-start')?.disabled).toBe(true);
    await act(async () => {
      const select = byTestId<HTMLSelectElement>('import-map-accountExternalId')!;
      select.value = 'Company';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(byTestId('import-refusal')?.textContent).not.toContain('"Account ID"');
  });
});
