import { formatCount } from '../../../../../common/format/format';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useAccountsStore } from '../../stores/accounts-store';
import { bindGridViewsStore } from './grid-views-store';
import { useDatabase } from '../../db/database-context';
import { getBridge } from '../../bridge/bridge';
import { useEditPermission } from '../../session/use-edit-permission';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import { useAccountsGrid } from './use-accounts-grid';
import { AccountsGrid } from './AccountsGrid';
import { ColumnChooser } from './ColumnChooser';
import { SavedViewsBar } from './SavedViewsBar';
import { GridEmptyState } from './GridEmptyState';
import { useGridLayoutPersistence } from './use-grid-layout';
import { useSegments } from '../segments/segments-store';
import { SegmentFilter } from './SegmentFilter';
import { useSegmentTest } from './segment-members';
import './accounts-page.css';

// CSV parsing and the import schemas load when a person opens the dialog, not with the grid.
const ImportDialog = lazy(() => import('../import/ImportDialog').then((m) => ({ default: m.ImportDialog })));

export function AccountsPage() {
  const db = useDatabase();
  const { accounts, loaded } = useAccountsStore();
  useEffect(() => bindGridViewsStore(db), [db]);
  const segments = useSegments()?.segments ?? [];
  const [segmentId, setSegmentId] = useState('');
  const segment = segments.find((s) => s.id === segmentId) ?? null;
  const grid = useAccountsGrid(accounts, useSegmentTest(segment?.condition ?? null));
  useGridLayoutPersistence(db, grid);
  const { rows, selected } = grid;
  const [importOpen, setImportOpen] = useState(false);
  const importPermission = useEditPermission();
  const [exportMessage, setExportMessage] = useState<{ error: boolean; text: string } | null>(null);

  const exportCsv = async () => {
    try {
      const { accountsViewToCsv } = await import('./export-view'); // CSV writing loads on first export
      const content = accountsViewToCsv(grid.visibleColumns, rows.map((row) => row.original), grid.context);
      const result = await getBridge().saveTextFile({
        suggestedName: `accounts-${todayIsoDate()}.csv`,
        content,
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      });
      setExportMessage(
        result.saved
          ? { error: false, text: `Exported ${formatCount(rows.length)} accounts${result.location ? ` to ${result.location}` : ''}.` }
          : null,
      );
    } catch (error) {
      setExportMessage({ error: true, text: `Export failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <div className="page accounts-page">
      <header className="accounts-header">
        <h1>Accounts</h1>
        <span className="muted" data-testid="row-count" aria-live="polite">
          {formatCount(rows.length)} of {formatCount(accounts.length)} accounts
        </span>
        {selected.size > 0 && (
          <span className="selection-count" data-testid="selection-count">
            {formatCount(selected.size)} selected{' '}
            <button type="button" onClick={grid.clearSelection}>
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
          value={grid.search}
          onChange={(event) => grid.setSearch(event.target.value)}
        />
        {(grid.isFiltering || segment) && (
          <button
            type="button"
            onClick={() => {
              grid.clearFilters();
              setSegmentId('');
            }}
          >
            Clear filters
          </button>
        )}
        <ColumnChooser
          columns={grid.allColumns}
          order={grid.columnOrder}
          visibility={grid.columnVisibility}
          onOrderChange={grid.setColumnOrder}
          onVisibilityChange={grid.setColumnVisibility}
        />
        <SegmentFilter segments={segments} selectedId={segmentId} onSelect={setSegmentId} currentState={grid.viewState} shown={rows.length} />
        <SavedViewsBar currentState={grid.viewState} onApply={grid.applyView} selectedId={grid.activeViewId} onSelect={grid.setActiveViewId} />
        <span className="toolbar-spacer" />
        <button type="button" onClick={() => setImportOpen(true)} disabled={!importPermission.allowed} title={importPermission.reason}>
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
          table={grid.table}
          rows={rows}
          columns={grid.visibleColumns}
          selected={selected}
          onToggleRow={grid.toggleRow}
          onToggleAll={grid.toggleAllFiltered}
          filterRevision={grid.filterRevision}
          empty={
            <GridEmptyState
              bookSize={accounts.length}
              onClearFilters={() => {
                grid.clearFilters();
                setSegmentId('');
              }}
            />
          }
        />
      ) : (
        <p className="muted" aria-busy="true">
          Loading accounts…
        </p>
      )}
      {importOpen && (
        <Suspense fallback={null}>
          <ImportDialog open onClose={() => setImportOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}
