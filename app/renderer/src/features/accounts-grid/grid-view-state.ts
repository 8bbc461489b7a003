import type { ColumnFiltersState, ColumnOrderState, SortingState, VisibilityState } from '@tanstack/react-table';
import type { GridViewState } from '../../../../../common/book-views/grid-view';

/** The grid state a saved view captures, in the table's own shapes. */
export interface GridTableState {
  columnOrder: ColumnOrderState;
  columnVisibility: VisibilityState;
  sorting: SortingState;
  columnFilters: ColumnFiltersState;
  search: string;
}

export function defaultGridTableState(columns: readonly { id: string; hiddenByDefault?: boolean }[]): GridTableState {
  return {
    columnOrder: columns.map((c) => c.id),
    columnVisibility: Object.fromEntries(columns.filter((c) => c.hiddenByDefault).map((c) => [c.id, false])),
    sorting: [],
    columnFilters: [],
    search: '',
  };
}

export function toGridViewState(state: GridTableState): GridViewState {
  return {
    columnOrder: [...state.columnOrder],
    hiddenColumns: Object.entries(state.columnVisibility)
      .filter(([, visible]) => !visible)
      .map(([id]) => id),
    sorting: state.sorting.map(({ id, desc }) => ({ id, desc })),
    filters: state.columnFilters.map(({ id, value }) => ({ id, value: value as GridViewState['filters'][number]['value'] })),
    search: state.search,
  };
}

/**
 * Restores a saved view against today's columns: ids of columns that no longer exist are dropped, and columns added
 * since the view was saved are appended (visible, unless hidden by default).
 */
export function fromGridViewState(
  view: GridViewState,
  columns: readonly { id: string; hiddenByDefault?: boolean }[],
): GridTableState {
  const known = new Set(columns.map((c) => c.id));
  const ordered = view.columnOrder.filter((id, i, all) => known.has(id) && all.indexOf(id) === i);
  const orderedSet = new Set(ordered);
  const added = columns.filter((c) => !orderedSet.has(c.id));
  const hidden = new Set(view.hiddenColumns.filter((id) => known.has(id)));
  for (const column of added) if (column.hiddenByDefault) hidden.add(column.id);
  return {
    columnOrder: [...ordered, ...added.map((c) => c.id)],
    columnVisibility: Object.fromEntries([...hidden].map((id) => [id, false])),
    sorting: view.sorting.filter((s) => known.has(s.id)),
    columnFilters: view.filters.filter((f) => known.has(f.id)),
    search: view.search,
  };
}

/** Moves `id` one place left (-1) or right (+1) in the order; a no-op at either end. */
export function moveColumn(order: ColumnOrderState, id: string, by: -1 | 1): ColumnOrderState {
  const from = order.indexOf(id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= order.length) return order;
  const next = [...order];
  next[from] = order[to]!;
  next[to] = id;
  return next;
}
