import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import {
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnFiltersState,
  type ColumnOrderState,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import type { Account } from '../../../../../common/model';
import { useAccountsStore } from '../../stores/accounts-store';
import { bindGridViewsStore } from '../../stores/grid-views-store';
import { useDatabase } from '../../db/database-context';
import { getBridge } from '../../host/bridge';
import { ImportDialog } from '../import/ImportDialog';
import { searchAccounts } from '../../../../../common/book/grid-filters';
import { todayIsoDate } from '../../../../../common/book/derived-fields';
import type { SavedGridView } from '../../../../../common/book/grid-view';
import { ACCOUNT_COLUMNS, type AccountColumn } from './account-columns';
import { buildTableColumns } from './table-columns';
import { defaultGridTableState, fromGridViewState, toGridViewState } from './grid-view-state';
import { AccountsGrid } from './AccountsGrid';
import { ColumnChooser } from './ColumnChooser';
import { SavedViewsBar } from './SavedViewsBar';
import { accountsViewToCsv } from './export-view';
import './accounts-page.css';

export function AccountsPage() {
  const db = useDatabase();
  const { accounts, loaded } = useAccountsStore();
  useEffect(() => bindGridViewsStore(db), [db]);

  const initial = useMemo(() => defaultGridTableState(ACCOUNT_COLUMNS), []);
  const [search, setSearch] = useState(initial.search);
  const [sorting, setSorting] = useState<SortingState>(initial.sorting);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>(initial.columnFilters);
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>(initial.columnVisibility);
  const [columnOrder, setColumnOrder] = useState<ColumnOrderState>(initial.columnOrder);
  const [filterRevision, setFilterRevision] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [importOpen, setImportOpen] = useState(false);
  const [exportMessage, setExportMessage] = useState<{ error: boolean; text: string } | null>(null);

  const context = useMemo(() => ({ today: todayIsoDate() }), []);
  const tableColumns = useMemo(() => buildTableColumns(ACCOUNT_COLUMNS, context), [context]);
  const deferredSearch = useDeferredValue(search);
  const data = useMemo(() => searchAccounts(accounts, deferredSearch) as Account[], [accounts, deferredSearch]);

  const table = useReactTable<Account>({
    data,
    columns: tableColumns,
    state: { sorting, columnFilters, columnVisibility, columnOrder },
    onSortingChange: setSorting,
    onColumnFiltersChange: setColumnFilters,
    onColumnVisibilityChange: setColumnVisibility,
    onColumnOrderChange: setColumnOrder,
    getRowId: (account) => account.id,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
    enableMultiSort: true,
    sortDescFirst: false,
  });

  const rows = table.getRowModel().rows;
  const visibleColumns = useMemo(() => {
    const byId = new Map(ACCOUNT_COLUMNS.map((c) => [c.id, c]));
    return columnOrder
      .filter((id) => columnVisibility[id] !== false)
      .map((id) => byId.get(id))
      .filter((c): c is AccountColumn => c !== undefined);
  }, [columnOrder, columnVisibility]);

  const onToggleRow = useCallback((id: string) => {
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const onToggleAll = () => {
    const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.original.id));
    const next = new Set(selected);
    for (const row of rows) {
      if (allSelected) next.delete(row.original.id);
      else next.add(row.original.id);
    }
    setSelected(next);
  };

  const currentViewState = () => toGridViewState({ columnOrder, columnVisibility, sorting, columnFilters, search });

  const applyView = (view: SavedGridView) => {
    const state = fromGridViewState(view, ACCOUNT_COLUMNS);
    setColumnOrder(state.columnOrder);
    setColumnVisibility(state.columnVisibility);
    setSorting(state.sorting);
    setColumnFilters(state.columnFilters);
    setSearch(state.search);
    setFilterRevision((r) => r + 1);
  };

  const clearFilters = () => {
    setColumnFilters([]);
    setSearch('');
    setFilterRevision((r) => r + 1);
  };

  const exportCsv = async () => {
    try {
      const content = accountsViewToCsv(visibleColumns, rows.map((row) => row.original), context);
      const result = await getBridge().saveTextFile({
        suggestedName: `accounts-${todayIsoDate()}.csv`,
        content,
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      });
      setExportMessage(
        result.saved ? { error: false, text: `Exported ${rows.length.toLocaleString()} accounts${result.location ? ` to ${result.location}` : ''}.` } : null,
      );
    } catch (error) {
      setExportMessage({ error: true, text: `Export failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  const filtering = columnFilters.length > 0 || search.trim() !== '';

  return (
    <div className="page accounts-page">
      <header className="accounts-header">
        <h1>Accounts</h1>
        <span className="muted" data-testid="row-count" aria-live="polite">
          {rows.length.toLocaleString()} of {accounts.length.toLocaleString()} accounts
        </span>
        {selected.size > 0 && (
          <span className="selection-count" data-testid="selection-count">
            {selected.size.toLocaleString()} selected{' '}
            <button type="button" onClick={() => setSelected(new Set())}>
              Clear selection
            </button>
          </span>
        )}
      </header>
      <div className="accounts-toolbar" role="toolbar" aria-label="Accounts tools">
        <input
          type="search"
          className="accounts-search"
          aria-label="Search accounts"
          placeholder="Search accounts"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        {filtering && (
          <button type="button" onClick={clearFilters}>
            Clear filters
          </button>
        )}
        <ColumnChooser
          columns={ACCOUNT_COLUMNS}
          order={columnOrder}
          visibility={columnVisibility}
          onOrderChange={setColumnOrder}
          onVisibilityChange={setColumnVisibility}
        />
        <SavedViewsBar currentState={currentViewState} onApply={applyView} />
        <span className="toolbar-spacer" />
        <button type="button" onClick={() => setImportOpen(true)}>
          Import CSV
        </button>
        <button type="button" onClick={() => void exportCsv()} disabled={rows.length === 0}>
          Export CSV
        </button>
      </div>
      {exportMessage && (
        <p className={exportMessage.error ? 'error-text' : 'muted'} role="status">
          {exportMessage.text}
        </p>
      )}
      {loaded ? (
        <AccountsGrid
          table={table}
          rows={rows}
          columns={visibleColumns}
          selected={selected}
          onToggleRow={onToggleRow}
          onToggleAll={onToggleAll}
          filterRevision={filterRevision}
        />
      ) : (
        <p className="muted" aria-busy="true">
          Loading accounts…
        </p>
      )}
      {importOpen && <ImportDialog open onClose={() => setImportOpen(false)} />}
    </div>
  );
}
