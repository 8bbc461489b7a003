import { createRow, getMemoOptions, memo, type Row, type RowData, type RowModel, type Table } from '@tanstack/react-table';

/** A row's own data, set when the row model is built; everything else (methods, caches) comes when first read. */
const ROW_DATA_KEYS = new Set(['id', 'index', 'original', 'depth', 'parentId', 'subRows']);

/**
 * A drop-in for TanStack's `getCoreRowModel` for flat rows (no sub-rows) whose rows cost almost nothing until used.
 * TanStack builds ~30 closures and memos per row (values, cells, selection, pinning, expanding…): ~6 µs a row, most of
 * the first render of a 10,000-account book, and all of it again for each new search result. Here a row holds its
 * data (id, index, original, depth, parentId, subRows); the first read of any other member builds TanStack's own row
 * for it (`createRow`, so every feature behaves as TanStack's) and makes that the row's prototype. The grid reads
 * `original` and `index` for every row (search, sort keys) and the full row only for the rows on screen.
 */
export function getLazyCoreRowModel<TData extends RowData>(): (table: Table<TData>) => () => RowModel<TData> {
  return (table) => {
    let prototype: object | undefined;
    return memo(
      () => [table.options.data],
      (data) => {
        const rows: Row<TData>[] = new Array(data.length);
        const rowsById: Record<string, Row<TData>> = {};
        if (data.length > 0) prototype ??= lazyRowPrototype(table, data[0]!);
        for (let index = 0; index < data.length; index++) {
          const original = data[index]!;
          const row = Object.create(prototype!) as Row<TData>;
          row.id = table._getRowId(original, index);
          row.index = index;
          row.original = original;
          row.depth = 0;
          row.parentId = undefined;
          row.subRows = [];
          rows[index] = row;
          rowsById[row.id] = row;
        }
        return { rows, flatRows: rows, rowsById };
      },
      getMemoOptions(table.options, 'debugTable', 'getRowModel', () => table._autoResetPageIndex()),
    );
  };
}

/**
 * The prototype of a table's lazy rows: an accessor for every member TanStack's `createRow` gives a row (learnt from
 * one row built for `sample`) that builds the full row on first read. Writes land on the row itself.
 */
function lazyRowPrototype<TData extends RowData>(table: Table<TData>, sample: TData): object {
  const materialize = (row: Row<TData>): Row<TData> => {
    const full = createRow(table, row.id, row.original, row.index, row.depth, row.subRows, row.parentId);
    Object.setPrototypeOf(row, full);
    return full;
  };
  const prototype = {};
  for (const key of Object.keys(createRow(table, table._getRowId(sample, 0), sample, 0, 0))) {
    if (ROW_DATA_KEYS.has(key)) continue;
    Object.defineProperty(prototype, key, {
      get(this: Row<TData>) {
        return (materialize(this) as unknown as Record<string, unknown>)[key];
      },
      set(this: Row<TData>, value: unknown) {
        Object.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true });
      },
      configurable: true,
    });
  }
  return prototype;
}
