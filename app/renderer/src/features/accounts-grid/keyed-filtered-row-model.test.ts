import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createTable,
  getCoreRowModel,
  getFilteredRowModel,
  type ColumnDef,
  type ColumnFiltersState,
  type FilterFn,
  type TableOptionsResolved,
} from '@tanstack/react-table';
import { getKeyedFilteredRowModel } from './keyed-filtered-row-model';
import { getLazyCoreRowModel } from './lazy-core-row-model';

interface Item {
  id: string;
  tier: string | undefined;
  amount: number;
}

const equals: FilterFn<Item> = (row, id, value: string) => row.getValue(id) === value;
const atLeast: FilterFn<Item> = (row, id, min: number) => (row.getValue<number>(id) ?? -Infinity) >= min;
const columns: ColumnDef<Item, unknown>[] = [
  { id: 'tier', accessorFn: (item) => item.tier, filterFn: equals },
  { id: 'amount', accessorFn: (item) => item.amount, filterFn: atLeast },
];

function table(data: Item[], columnFilters: ColumnFiltersState, keyed: boolean, lazy = false) {
  const options: TableOptionsResolved<Item> = {
    data,
    columns,
    state: { columnFilters },
    onStateChange: () => {},
    renderFallbackValue: null,
    getRowId: (item) => item.id,
    getCoreRowModel: lazy ? getLazyCoreRowModel() : getCoreRowModel(),
    getFilteredRowModel: keyed ? getKeyedFilteredRowModel() : getFilteredRowModel(),
  };
  const t = createTable(options);
  t.setOptions((previous) => ({ ...previous, state: { ...t.initialState, columnFilters } }));
  return t;
}

const filteredIds = (data: Item[], columnFilters: ColumnFiltersState, keyed: boolean) => table(data, columnFilters, keyed).getRowModel().rows.map((row) => row.id);

describe('keyed filtered row model', () => {
  it('keeps exactly the rows TanStack filtering keeps, for any data and one or two column filters', () => {
    const item = fc.record({ tier: fc.constantFrom('Enterprise', 'SMB', 'Mid-market', undefined), amount: fc.integer({ min: -5, max: 5 }) });
    const filter = fc.oneof(
      fc.record({ id: fc.constant('tier'), value: fc.constantFrom('Enterprise', 'SMB', 'Nope') }),
      fc.record({ id: fc.constant('amount'), value: fc.integer({ min: -6, max: 6 }) }),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), fc.uniqueArray(filter, { maxLength: 2, selector: (f) => f.id }), (items, filters) => {
        const data = items.map((it, i) => ({ ...it, id: `r${i}` }));
        expect(filteredIds(data, filters, true)).toEqual(filteredIds(data, filters, false));
      }),
    );
  });

  it('leaves lazy rows lazy: no row is built into a full TanStack row to be filtered (TanStack\'s own builds them all)', () => {
    const data: Item[] = Array.from({ length: 50 }, (_, i) => ({ id: `r${i}`, tier: i % 2 ? 'SMB' : 'Enterprise', amount: i }));
    // A lazy row's other members are getters on its prototype until first read, then its prototype is the full row.
    const lazyRows = (keyed: boolean) => {
      const t = table(data, [{ id: 'tier', value: 'SMB' }], keyed, true);
      expect(t.getRowModel().rows).toHaveLength(25);
      return t.getCoreRowModel().rows.filter((row) => Object.getOwnPropertyDescriptor(Object.getPrototypeOf(row), 'getValue')?.get !== undefined).length;
    };
    expect(lazyRows(true)).toBe(50);
    expect(lazyRows(false)).toBe(0);
  });

  it('filters again on the new data when the data changes', () => {
    const first: Item[] = [
      { id: 'a', tier: 'SMB', amount: 1 },
      { id: 'b', tier: 'Enterprise', amount: 2 },
    ];
    const t = table(first, [{ id: 'tier', value: 'SMB' }], true);
    expect(t.getRowModel().rows.map((r) => r.id)).toEqual(['a']);
    t.setOptions((previous) => ({ ...previous, data: [{ id: 'a', tier: 'Enterprise', amount: 1 }, first[1]!] }));
    expect(t.getRowModel().rows.map((r) => r.id)).toEqual([]);
  });
});
