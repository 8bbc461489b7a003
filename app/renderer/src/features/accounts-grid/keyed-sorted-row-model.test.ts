import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createTable,
  getCoreRowModel,
  getSortedRowModel,
  type ColumnDef,
  type SortingState,
  type TableOptionsResolved,
} from '@tanstack/react-table';
import { compareBasic, getKeyedSortedRowModel } from './keyed-sorted-row-model';

interface Item {
  id: string;
  name: string;
  amount: number | undefined;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const columns: ColumnDef<Item, unknown>[] = [
  {
    id: 'name',
    accessorFn: (item) => item.name,
    sortingFn: (a, b, id) => collator.compare(String(a.getValue(id)), String(b.getValue(id))),
    meta: { compareValues: (a, b) => collator.compare(String(a), String(b)) },
    sortUndefined: 'last',
  },
  { id: 'amount', accessorFn: (item) => item.amount, sortingFn: 'basic', meta: { compareValues: compareBasic }, sortUndefined: 'last' },
];

function sortedIds(data: Item[], sorting: SortingState, keyed: boolean): string[] {
  const options: TableOptionsResolved<Item> = {
    data,
    columns,
    state: { sorting },
    onStateChange: () => {},
    renderFallbackValue: null,
    getRowId: (item) => item.id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: keyed ? getKeyedSortedRowModel() : getSortedRowModel(),
  };
  const table = createTable(options);
  table.setOptions((previous) => ({ ...previous, state: { ...table.initialState, sorting } }));
  return table.getRowModel().rows.map((row) => row.original.id);
}

const names = ['alpha', 'Alpha', 'beta', 'Item 2', 'Item 10', 'item 9', 'éclair', 'zeta'];

describe('keyed sorted row model', () => {
  it('orders rows exactly as TanStack sorting does, for any data and any one- or two-column sort', () => {
    const item = fc.record({ name: fc.constantFrom(...names), amount: fc.integer({ min: -5, max: 5 }) });
    const sort = fc.record({ id: fc.constantFrom('name', 'amount'), desc: fc.boolean() });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), fc.uniqueArray(sort, { minLength: 1, maxLength: 2, selector: (s) => s.id }), (items, sorting) => {
        const data = items.map((it, i) => ({ ...it, id: `r${i}` }));
        expect(sortedIds(data, sorting, true)).toEqual(sortedIds(data, sorting, false));
      }),
    );
  });

  it('puts rows without a value last in both directions, in data order', () => {
    const data: Item[] = [
      { id: 'a', name: 'a', amount: 2 },
      { id: 'b', name: 'b', amount: undefined },
      { id: 'c', name: 'c', amount: 1 },
      { id: 'd', name: 'd', amount: undefined },
      { id: 'e', name: 'e', amount: 3 },
    ];
    expect(sortedIds(data, [{ id: 'amount', desc: false }], true)).toEqual(['c', 'a', 'e', 'b', 'd']);
    expect(sortedIds(data, [{ id: 'amount', desc: true }], true)).toEqual(['e', 'a', 'c', 'b', 'd']);
  });

  it('re-ranks when the data changes', () => {
    const first: Item[] = [
      { id: 'a', name: 'a', amount: 2 },
      { id: 'b', name: 'b', amount: 1 },
    ];
    const options: TableOptionsResolved<Item> = {
      data: first,
      columns,
      state: { sorting: [{ id: 'amount', desc: false }] },
      onStateChange: () => {},
      renderFallbackValue: null,
      getRowId: (item) => item.id,
      getCoreRowModel: getCoreRowModel(),
      getSortedRowModel: getKeyedSortedRowModel(),
    };
    const table = createTable(options);
    table.setOptions((previous) => ({ ...previous, state: { ...table.initialState, sorting: [{ id: 'amount', desc: false }] } }));
    expect(table.getRowModel().rows.map((r) => r.id)).toEqual(['b', 'a']);
    table.setOptions((previous) => ({ ...previous, data: [{ id: 'a', name: 'a', amount: 0 }, first[1]!] }));
    expect(table.getRowModel().rows.map((r) => r.id)).toEqual(['a', 'b']);
  });
});
