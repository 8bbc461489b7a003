import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import {
  useReactTable,
  type ColumnFiltersState,
  type ColumnOrderState,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import type { Account } from '../../../../../common/model';
import { searchAccounts } from '../../../../../common/book-views/grid-filters';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import type { GridViewState } from '../../../../../common/book-views/grid-view';
import { customFieldSpecs, customFieldSpecsKey } from '../../../../../common/book-views/custom-field-columns';
import { customColumns } from './custom-columns';
import type { AccountColumn, AccountColumnContext } from './account-columns';
import { ACCOUNT_COLUMNS } from './grid-columns';
import { buildTableColumns } from './table-columns';
import { useAssessmentsStore } from '../../stores/assessments-store';
import { getKeyedSortedRowModel } from './keyed-sorted-row-model';
import { getLazyCoreRowModel } from './lazy-core-row-model';
import { getKeyedFilteredRowModel } from './keyed-filtered-row-model';
import { RecentResults } from '../../../../../common/memo/recent-results';

/**
 * The grid's data for the last book version, search and segment: the same array when the grid opens again on an
 * unchanged book, so the sort keys kept per data array (keyed sorted row model) are found again instead of rebuilt.
 */
const recentData = new RecentResults<Account[]>(1);
import { defaultGridTableState, fromGridViewState, toGridViewState } from './grid-view-state';

/**
 * All state of the Accounts grid (view, selection) over the live book; the book itself is never copied.
 * `keep` narrows the book before the column filters (a segment chosen as the grid's filter).
 */
export function useAccountsGrid(accounts: readonly Account[], keep: ((account: Account) => boolean) | null = null) {
  const initial = useMemo(() => defaultGridTableState(ACCOUNT_COLUMNS), []);
  const [search, setSearch] = useState(initial.search);
  const [sorting, setSorting] = useState<SortingState>(initial.sorting);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>(initial.columnFilters);
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>(initial.columnVisibility);
  const [columnOrder, setColumnOrder] = useState<ColumnOrderState>(initial.columnOrder);
  const [filterRevision, setFilterRevision] = useState(0);
  /** The saved view the grid shows (null: none); its column choices follow the grid's. */
  const [activeViewId, setActiveViewId] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());

  const context = useMemo<AccountColumnContext>(() => ({ today: todayIsoDate() }), []);
  // The grid's own columns, then one per custom field in the book (kept columns of imports), rebuilt only when the
  // set of custom fields changes, not on every edit.
  const specs = useMemo(() => customFieldSpecs(accounts), [accounts]);
  const specsKey = customFieldSpecsKey(specs);
  const specsRef = useRef(specs);
  specsRef.current = specs;
  const allColumns = useMemo<readonly AccountColumn[]>(
    () => (specsKey === '' ? ACCOUNT_COLUMNS : [...ACCOUNT_COLUMNS, ...customColumns(specsRef.current)]),
    [specsKey],
  );
  const tableColumns = useMemo(() => buildTableColumns(allColumns, context), [allColumns, context]);
  const deferredSearch = useDeferredValue(search);
  // Score columns (health / risk / expansion) read the scores store: a new scores revision gives the table a new data
  // array, because TanStack caches each row's values until its data changes.
  const scoresRevision = useAssessmentsStore((s) => s.revision);
  const data = useMemo(
    () =>
      recentData.get([accounts, deferredSearch, scoresRevision, keep, context.today], () => {
        const found = searchAccounts(accounts, deferredSearch) as Account[];
        if (keep) return found.filter(keep);
        return scoresRevision > 0 ? found.slice() : found;
      }),
    [accounts, deferredSearch, scoresRevision, keep, context.today],
  );

  // Custom fields that appear (an import) join the column list hidden; ones gone (an undo) leave it, with their
  // sorting and filters.
  const stateRef = useRef({ columnOrder, columnVisibility, sorting, columnFilters, search });
  stateRef.current = { columnOrder, columnVisibility, sorting, columnFilters, search };
  useEffect(() => {
    const current = stateRef.current;
    const next = fromGridViewState(toGridViewState(current), allColumns);
    if (!sameIds(next.columnOrder, current.columnOrder)) {
      setColumnOrder(next.columnOrder);
      setColumnVisibility(next.columnVisibility);
    }
    if (next.sorting.length !== current.sorting.length) setSorting(next.sorting);
    if (next.columnFilters.length !== current.columnFilters.length) {
      setColumnFilters(next.columnFilters);
      setFilterRevision((r) => r + 1);
    }
  }, [allColumns]);

  const table = useReactTable<Account>({
    data,
    columns: tableColumns,
    state: { sorting, columnFilters, columnVisibility, columnOrder },
    onSortingChange: setSorting,
    onColumnFiltersChange: setColumnFilters,
    onColumnVisibilityChange: setColumnVisibility,
    onColumnOrderChange: setColumnOrder,
    getRowId: (account) => account.id,
    getCoreRowModel: getLazyCoreRowModel(),
    getFilteredRowModel: getKeyedFilteredRowModel(),
    getSortedRowModel: getKeyedSortedRowModel(),
    enableMultiSort: true,
    sortDescFirst: false,
  });
  const rows = table.getRowModel().rows;

  const visibleColumns = useMemo(() => {
    const byId = new Map(allColumns.map((c) => [c.id, c]));
    return columnOrder
      .filter((id) => columnVisibility[id] !== false)
      .map((id) => byId.get(id))
      .filter((c): c is AccountColumn => c !== undefined);
  }, [allColumns, columnOrder, columnVisibility]);

  const toggleRow = useCallback((id: string) => {
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  /** Selects every filtered row, or clears them when all are already selected. */
  const toggleAllFiltered = () => {
    const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.original.id));
    const next = new Set(selected);
    for (const row of rows) {
      if (allSelected) next.delete(row.original.id);
      else next.add(row.original.id);
    }
    setSelected(next);
  };

  const viewState = (): GridViewState => toGridViewState({ columnOrder, columnVisibility, sorting, columnFilters, search });

  const applyView = (view: GridViewState) => {
    const state = fromGridViewState(view, allColumns);
    setColumnOrder(state.columnOrder);
    setColumnVisibility(state.columnVisibility);
    setSorting(state.sorting);
    setColumnFilters(state.columnFilters);
    setSearch(state.search);
    setFilterRevision((r) => r + 1);
  };

  /** Restores column choices (order, hidden) against today's columns, as a saved view's are. */
  const applyColumns = (columns: Pick<GridViewState, 'columnOrder' | 'hiddenColumns'>) => {
    const state = fromGridViewState({ ...toGridViewState(defaultGridTableState(allColumns)), ...columns }, allColumns);
    setColumnOrder(state.columnOrder);
    setColumnVisibility(state.columnVisibility);
  };

  const clearFilters = () => {
    setColumnFilters([]);
    setSearch('');
    setFilterRevision((r) => r + 1);
  };

  return {
    table,
    rows,
    visibleColumns,
    /** Every column a person can show: the grid's own, then the book's custom fields. */
    allColumns,
    context,
    search,
    setSearch,
    isFiltering: columnFilters.length > 0 || search.trim() !== '',
    columnOrder,
    setColumnOrder,
    columnVisibility,
    setColumnVisibility,
    filterRevision,
    selected,
    toggleRow,
    toggleAllFiltered,
    clearSelection: () => setSelected(new Set()),
    viewState,
    applyView,
    applyColumns,
    activeViewId,
    setActiveViewId,
    clearFilters,
  };
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);
