// @vitest-environment happy-dom
import { act, Activity } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { Account } from '../../../../../common/model';
import { ACCOUNT_TIERS } from '../../../../../common/model';
import { GridEmptyState } from './GridEmptyState';
import { AccountsGrid } from './AccountsGrid';
import { useAccountsGrid } from './use-accounts-grid';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function makeBook(size: number): Account[] {
  return Array.from({ length: size }, (_, i) => ({
    id: `acc-${i}`, ownerId: 'u1', teamId: 't1', updatedAt: '', fieldStamps: {}, externalId: `SF-${i}`,
    name: `Account ${String(i).padStart(5, '0')}`, domain: `a${i}.example`, industry: 'Software', region: 'EMEA',
    tier: ACCOUNT_TIERS[i % 3]!, status: 'active', lifecycleStage: 'adoption', ownerName: 'Dana', plan: 'Pro',
    seatsPurchased: 100, seatsActive: i % 100, mrr: (i * 7919) % 20000, contractStart: '2025-01-01',
    renewalDate: '2027-01-01', createdAt: '2025-01-01T00:00:00.000Z',
  }));
}

function Harness({ accounts }: { accounts: Account[] }) {
  const grid = useAccountsGrid(accounts);
  return (
    <AccountsGrid
      table={grid.table}
      rows={grid.rows}
      columns={grid.visibleColumns}
      selected={grid.selected}
      onToggleRow={grid.toggleRow}
      onToggleAll={grid.toggleAllFiltered}
      filterRevision={grid.filterRevision}
      empty={<GridEmptyState bookSize={accounts.length} onClearFilters={grid.clearFilters} />}
    />
  );
}

let container: HTMLDivElement;
let root: Root;
let location: ReturnType<typeof memoryLocation>;
const realRect = Element.prototype.getBoundingClientRect;

beforeEach(() => {
  // happy-dom does no layout: give the grid a 600 x 400 viewport so the virtualizer has something to fill.
  Element.prototype.getBoundingClientRect = function () {
    return { x: 0, y: 0, top: 0, left: 0, width: 600, height: 400, right: 600, bottom: 400, toJSON() {} } as DOMRect;
  };
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  location = memoryLocation({ path: '/accounts', record: true });
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  Element.prototype.getBoundingClientRect = realRect;
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
});

function render(accounts: Account[]) {
  act(() => {
    root.render(
      <Router hook={location.hook}>
        <Harness accounts={accounts} />
      </Router>,
    );
  });
  return container.querySelector<HTMLElement>('[data-testid="accounts-grid"]')!;
}

const bodyRows = () => [...container.querySelectorAll<HTMLElement>('[role="row"][data-account-id]')];
const press = (target: HTMLElement, key: string) =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });

describe('AccountsGrid', () => {
  it('renders only the rows in view of a 10,000-account book', () => {
    const grid = render(makeBook(10_000));
    expect(grid.getAttribute('role')).toBe('grid');
    expect(grid.getAttribute('aria-rowcount')).toBe('10002');
    const rendered = bodyRows().length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
  });

  it('sorts by a header click, ascending then descending, and says so in aria-sort', () => {
    render(makeBook(300));
    const header = container.querySelector<HTMLElement>('[role="columnheader"][aria-label="MRR"]')!;
    expect(header.getAttribute('aria-sort')).toBe('none');
    act(() => header.querySelector('button')!.click());
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    act(() => header.querySelector('button')!.click());
    expect(header.getAttribute('aria-sort')).toBe('descending');
    const mrrs = bodyRows()
      .slice(0, 5)
      .map((row) => Number(row.querySelector('[data-column="mrr"]')!.textContent!.replace(/[^0-9]/g, '')));
    expect(mrrs).toEqual([...mrrs].sort((a, b) => b - a));
    expect(mrrs[0]).toBe(Math.max(...makeBook(300).map((a) => a.mrr)));
  });

  it('filters an enum column from its select', () => {
    render(makeBook(300));
    const select = container.querySelector<HTMLSelectElement>('select[aria-label="Filter Tier"]')!;
    act(() => {
      select.value = 'Enterprise';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(container.querySelector('[data-testid="accounts-grid"]')!.getAttribute('aria-rowcount')).toBe('102');
    const tiers = new Set(bodyRows().map((row) => row.querySelector('[data-column="tier"]')!.textContent));
    expect(tiers).toEqual(new Set(['Enterprise']));
  });

  it('an empty book says so and how to fill it, not that the search and filters match nothing', () => {
    render([]);
    const empty = container.querySelector('[data-testid="grid-empty"]')!;
    expect(empty.textContent).toContain('This book has no accounts yet');
    expect(empty.textContent).toContain('Import CSV');
    expect(empty.textContent).not.toContain('match the search');
  });

  it('moves the active row with the keyboard, toggles selection with Space and opens with Enter', () => {
    const book = makeBook(1000);
    const grid = render(book);
    act(() => grid.focus());
    press(grid, 'ArrowDown');
    press(grid, 'ArrowDown');
    const active = () => container.querySelector<HTMLElement>('[role="row"][data-active="true"]');
    expect(active()?.dataset['accountId']).toBe('acc-1');
    expect(grid.getAttribute('aria-activedescendant')).toBe(active()!.id);

    press(grid, ' ');
    expect(active()!.getAttribute('aria-selected')).toBe('true');
    press(grid, ' ');
    expect(active()!.getAttribute('aria-selected')).toBe('false');

    press(grid, 'End');
    act(() => grid.dispatchEvent(new Event('scroll')));
    expect(active()?.dataset['accountId']).toBe('acc-999');
    press(grid, 'Home');
    act(() => grid.dispatchEvent(new Event('scroll')));
    expect(active()?.dataset['accountId']).toBe('acc-0');

    press(grid, 'Enter');
    expect(location.history?.at(-1)).toBe('/accounts/acc-0');
  });

  it('selects all filtered rows from the header checkbox', () => {
    render(makeBook(50));
    const all = container.querySelector<HTMLInputElement>('input[aria-label="Select all filtered accounts"]')!;
    act(() => all.click());
    expect(bodyRows().every((row) => row.getAttribute('aria-selected') === 'true')).toBe(true);
    act(() => all.click());
    expect(bodyRows().some((row) => row.getAttribute('aria-selected') === 'true')).toBe(false);
  });
  it('shown again after being hidden (a kept page), the grid stays where the CSM left it instead of jumping to its active row', () => {
    const book = makeBook(1000);
    const show = (mode: 'visible' | 'hidden') =>
      act(() => {
        root.render(
          <Router hook={location.hook}>
            <Activity mode={mode}>
              <Harness accounts={book} />
            </Activity>
          </Router>,
        );
      });
    show('visible');
    const grid = container.querySelector<HTMLElement>('[data-testid="accounts-grid"]')!;
    act(() => grid.focus());
    press(grid, 'ArrowDown');
    press(grid, 'ArrowDown');
    // Then scrolls away with the wheel, leaving the active row out of view, and opens an account.
    act(() => {
      grid.scrollTop = 5000;
      grid.dispatchEvent(new Event('scroll'));
    });
    show('hidden');
    show('visible');
    expect(grid.scrollTop).toBe(5000);
  });
});
