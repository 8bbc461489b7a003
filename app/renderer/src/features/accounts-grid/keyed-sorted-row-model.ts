import { getMemoOptions, memo, type Column, type Row, type RowData, type RowModel, type Table } from '@tanstack/react-table';

/** How a column orders two defined values (`undefined` never reaches it); set as `columnDef.meta.compareValues`. */
export type CompareValues = (a: unknown, b: unknown) => number;

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Orders two defined values of this column; the keyed sorted row model ranks each column's values with it once. */
    compareValues?: CompareValues;
  }
}

/** `a` before `b` when a < b; strings and numbers alike. */
export const compareBasic: CompareValues = (a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);

/**
 * Sort keys per data array and column id, shared by every table over that array: a grid opened again on the same data
 * (the same array) sorts without ranking a column again. A column id must stand for the same values over one array.
 */
const RANKS = new WeakMap<object, Map<string, Float64Array>>();

/**
 * A drop-in for TanStack's `getSortedRowModel` for flat rows (no sub-rows) that sorts on precomputed keys. The first
 * time a column is sorted, each of its values gets a rank (equal values the same rank) from `compareValues`, held in a
 * Float64Array indexed by the row's index in the data; every sort of the book is then a full sort of the rows
 * comparing numbers, not a call to `row.getValue` and a collator per comparison. Ranks are kept per data array (across
 * tables, see RANKS), so they are rebuilt only when the book itself changes. Like TanStack's: `sortUndefined` 'first'/'last' holds in either
 * direction (other columns put undefined last), ties fall to the next sort column, then to the data order.
 */
export function getKeyedSortedRowModel<TData extends RowData>(): (table: Table<TData>) => () => RowModel<TData> {
  return (table) => {
    const columnRanks = (columnId: string): Float64Array => {
      const data = table.options.data as object;
      let byColumn = RANKS.get(data);
      if (!byColumn) RANKS.set(data, (byColumn = new Map()));
      let ranks = byColumn.get(columnId);
      if (!ranks) {
        const column = table.getColumn(columnId)!;
        ranks = rankValues(table.getCoreRowModel().rows, column, column.columnDef.meta?.compareValues ?? compareBasic);
        byColumn.set(columnId, ranks);
      }
      return ranks;
    };

    return memo(
      () => [table.getState().sorting, table.getPreSortedRowModel()],
      (sorting, rowModel) => {
        if (!rowModel.rows.length || !sorting?.length) return rowModel;
        const keys = sorting
          .filter((sort) => table.getColumn(sort.id)?.getCanSort())
          .map((sort) => {
            const def = table.getColumn(sort.id)!.columnDef;
            const flip = (sort.desc ? -1 : 1) * (def.invertSorting ? -1 : 1);
            return { ranks: columnRanks(sort.id), flip, undefinedFirst: def.sortUndefined === 'first' };
          });
        const rows = rowModel.rows.slice();
        rows.sort((rowA, rowB) => {
          for (let k = 0; k < keys.length; k++) {
            const { ranks, flip, undefinedFirst } = keys[k]!;
            const a = ranks[rowA.index]!;
            const b = ranks[rowB.index]!;
            if (a === b) continue;
            // NaN is "no value": placed by sortUndefined whatever the direction.
            if (a !== a) {
              if (b !== b) continue;
              return undefinedFirst ? -1 : 1;
            }
            if (b !== b) return undefinedFirst ? 1 : -1;
            return (a - b) * flip;
          }
          return rowA.index - rowB.index;
        });
        return { rows, flatRows: rows, rowsById: rowModel.rowsById };
      },
      getMemoOptions(table.options, 'debugTable', 'getSortedRowModel', () => table._autoResetPageIndex()),
    );
  };
}

/**
 * Sort key of each row's value, indexed by `row.index`: the number itself for a column of numbers, else its rank among
 * the column's values by `compare` (equal values share a rank); NaN for undefined. Values come straight from the
 * column's accessor (no per-row cache lookups).
 */
export function rankValues<TData>(
  rows: readonly Row<TData>[],
  column: Column<TData, unknown>,
  compare: CompareValues,
): Float64Array {
  let size = 0;
  for (const row of rows) size = Math.max(size, row.index + 1);
  const keys = new Float64Array(size).fill(NaN);
  const { accessorFn } = column;
  const valueOf = accessorFn ? (row: Row<TData>) => accessorFn(row.original, row.index) : (row: Row<TData>) => row.getValue(column.id);
  const defined: { index: number; value: unknown }[] = [];
  let allNumbers = compare === compareBasic;
  for (const row of rows) {
    const value = valueOf(row);
    if (value === undefined) continue;
    if (typeof value !== 'number' || Number.isNaN(value)) allNumbers = false;
    defined.push({ index: row.index, value });
  }
  if (allNumbers) {
    for (const { index, value } of defined) keys[index] = value as number;
    return keys;
  }
  defined.sort((a, b) => compare(a.value, b.value));
  let rank = 0;
  for (let i = 0; i < defined.length; i++) {
    if (i > 0 && compare(defined[i - 1]!.value, defined[i]!.value) !== 0) rank++;
    keys[defined[i]!.index] = rank;
  }
  return keys;
}
