import { getMemoOptions, memo, type Column, type FilterFn, type Row, type RowData, type RowModel, type Table } from '@tanstack/react-table';

/**
 * A drop-in for TanStack's `getFilteredRowModel` for flat rows (no sub-rows) and column filters (no global filter:
 * the grid's search narrows the data before the table). TanStack's reads each row through `row.getValue` and sets
 * per-row filter state, which makes every lazy row (`getLazyCoreRowModel`) build TanStack's full row: ~10,000 of
 * them for the first filter on a 10,000-account book. Here each filtered column's values are read once straight from
 * its accessor into an array by row index (kept per data array), and the column's own filter function is called with
 * a light row whose `getValue` reads that array, so the rows stay lazy and the filters behave exactly as TanStack's.
 */
export function getKeyedFilteredRowModel<TData extends RowData>(): (table: Table<TData>) => () => RowModel<TData> {
  return (table) => {
    let valuesFor: { data: unknown; byColumn: Map<string, unknown[]> } | undefined;

    const columnValues = (column: Column<TData, unknown>, rows: readonly Row<TData>[]): unknown[] => {
      const data = table.options.data;
      if (valuesFor?.data !== data) valuesFor = { data, byColumn: new Map() };
      let values = valuesFor.byColumn.get(column.id);
      if (!values) {
        values = [];
        const { accessorFn } = column;
        for (const row of rows) values[row.index] = accessorFn ? accessorFn(row.original, row.index) : row.getValue(column.id);
        valuesFor.byColumn.set(column.id, values);
      }
      return values;
    };

    return memo(
      () => [table.getPreFilteredRowModel(), table.getState().columnFilters],
      (rowModel, columnFilters) => {
        if (!rowModel.rows.length || !columnFilters?.length) return rowModel;
        const tests: { id: string; fn: FilterFn<TData>; value: unknown; row: { index: number; getValue(id: string): unknown } }[] = [];
        for (const filter of columnFilters) {
          const column = table.getColumn(filter.id);
          if (!column) continue;
          const fn = column.getFilterFn();
          if (!fn) continue;
          const values = columnValues(column, rowModel.rows);
          const row = { index: 0, getValue: () => values[row.index] };
          tests.push({ id: filter.id, fn, value: fn.resolveFilterValue?.(filter.value) ?? filter.value, row });
        }
        if (!tests.length) return rowModel;
        const noMeta = () => {};
        const rows = rowModel.rows.filter((candidate) => {
          for (const test of tests) {
            test.row.index = candidate.index;
            if (!test.fn(test.row as unknown as Row<TData>, test.id, test.value, noMeta)) return false;
          }
          return true;
        });
        const rowsById: Record<string, Row<TData>> = {};
        for (const row of rows) rowsById[row.id] = row;
        return { rows, flatRows: rows, rowsById };
      },
      getMemoOptions(table.options, 'debugTable', 'getFilteredRowModel', () => table._autoResetPageIndex()),
    );
  };
}
