import { describe, expect, it } from 'vitest';
import {
  createTable,
  getCoreRowModel,
  getFilteredRowModel,
  type ColumnDef,
  type ColumnFiltersState,
  type RowSelectionState,
  type Table,
  type TableOptionsResolved,
} from '@tanstack/react-table';
import { getKeyedSortedRowModel } from './keyed-sorted-row-model';
import { getLazyCoreRowModel } from './lazy-core-row-model';

interface Item {
  id: string;
  name: string;
  amount: number;
}

const columns: ColumnDef<Item, unknown>[] = [
  { id: 'name', accessorFn: (item) => item.name, filterFn: 'includesString' },
  { id: 'amount', accessorFn: (item) => item.amount * 2, filterFn: 'inNumberRange' },
];

const data: Item[] = Array.from({ length: 40 }, (_, i) => ({ id: `item-${i}`, name: i % 3 === 0 ? `Tech ${i}` : `Shop ${i}`, amount: i }));

function table(lazy: boolean, state: { columnFilters?: ColumnFiltersState; rowSelection?: RowSelectionState } = {}): Table<Item> {
  let current = { ...state };
  const options: TableOptionsResolved<Item> = {
    data,
    columns,
    state: current,
    onStateChange: (updater) => {
      current = typeof updater === 'function' ? updater(current as never) : updater;
      t.setOptions((previous) => ({ ...previous, state: current }));
    },
    renderFallbackValue: null,
    getRowId: (item) => item.id,
    getCoreRowModel: lazy ? getLazyCoreRowModel() : getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getKeyedSortedRowModel(),
  };
  const t = createTable(options);
  t.setOptions((previous) => ({ ...previous, state: { ...t.initialState, ...current } }));
  return t;
}

/** What a person can see of the rows: ids, originals, indexes, cell values, selection. */
function visible(t: Table<Item>) {
  return t.getRowModel().rows.map((row) => ({
    id: row.id,
    index: row.index,
    original: row.original,
    values: row.getVisibleCells().map((cell) => cell.getValue()),
    name: row.getValue('name'),
    selected: row.getIsSelected(),
    canExpand: row.getCanExpand(),
  }));
}

describe('lazy core row model', () => {
  it('gives the same rows, values and selection as TanStack’s core row model', () => {
    const state = { rowSelection: { 'item-4': true, 'item-9': true } };
    expect(visible(table(true, state))).toEqual(visible(table(false, state)));
    expect(table(true).getRow('item-7').original).toBe(data[7]);
  });

  it('filters by column like TanStack’s core row model', () => {
    const columnFilters = [
      { id: 'name', value: 'tech' },
      { id: 'amount', value: [10, 60] },
    ];
    const lazy = visible(table(true, { columnFilters }));
    expect(lazy.map((row) => row.id)).toEqual(['item-6', 'item-9', 'item-12', 'item-15', 'item-18', 'item-21', 'item-24', 'item-27', 'item-30']);
    expect(lazy).toEqual(visible(table(false, { columnFilters })));
  });

  it('selects and deselects rows through the row’s own methods', () => {
    const t = table(true);
    const rows = t.getRowModel().rows;
    rows[3]!.toggleSelected(true);
    rows[5]!.getToggleSelectedHandler()({ target: { checked: true } });
    expect(t.getState().rowSelection).toEqual({ 'item-3': true, 'item-5': true });
    expect(t.getRowModel().rows.filter((row) => row.getIsSelected()).map((row) => row.id)).toEqual(['item-3', 'item-5']);
    rows[3]!.toggleSelected(false);
    expect(t.getSelectedRowModel().rows.map((row) => row.id)).toEqual(['item-5']);
  });

  it('has no rows for no data, and rebuilds them when the data changes', () => {
    const t = table(true);
    t.setOptions((previous) => ({ ...previous, data: [] }));
    expect(t.getRowModel().rows).toEqual([]);
    t.setOptions((previous) => ({ ...previous, data: data.slice(0, 2) }));
    expect(t.getRowModel().rows.map((row) => [row.id, row.getValue('amount')])).toEqual([
      ['item-0', 0],
      ['item-1', 2],
    ]);
  });
});
