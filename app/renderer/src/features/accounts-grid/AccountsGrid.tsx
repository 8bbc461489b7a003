import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Row, Table } from '@tanstack/react-table';
import { useLocation } from 'wouter';
import type { Account } from '../../../../../common/model';
import { formatAccountCell, type AccountColumn, type AccountColumnValue } from './account-columns';
import { GridFilterCell } from './GridFilterCell';
import { FROZEN_COLUMN_ID } from './grid-columns';
import { useFixedRowWindow } from './use-fixed-row-window';

const ROW_HEIGHT = 34;
const SELECT_COLUMN_WIDTH = 40;
const HEADER_ROWS = 2;
/** Rows rendered beyond each edge of the view, so a scroll shows rows already there. */
const OVERSCAN_ROWS = 6;

let interactiveMarked = false;

interface AccountsGridProps {
  table: Table<Account>;
  rows: readonly Row<Account>[];
  /** Visible columns in display order. */
  columns: readonly AccountColumn[];
  selected: ReadonlySet<string>;
  onToggleRow(id: string): void;
  onToggleAll(): void;
  /** Changes when a saved view is applied, so the uncontrolled filter inputs reset to the view's filters. */
  filterRevision: number;
  /** What to show when there are no rows: an empty book is not the same as filters that match nothing. */
  empty: ReactNode;
}

/** The book as a virtualized, keyboard-navigable grid: only the rows in view are in the DOM. */
export function AccountsGrid({ table, rows, columns, selected, onToggleRow, onToggleAll, filterRevision, empty }: AccountsGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [, navigate] = useLocation();

  // Every row is ROW_HEIGHT tall: the rows in view follow from the scroll position alone, nothing is measured.
  const rowWindow = useFixedRowWindow(scrollRef, rows.length, ROW_HEIGHT, OVERSCAN_ROWS);

  useEffect(() => {
    if (!interactiveMarked && rows.length > 0) {
      interactiveMarked = true;
      performance.mark('outpost:grid-interactive');
    }
  }, [rows.length]);

  useEffect(() => {
    setActiveIndex((index) => Math.min(index, rows.length - 1));
  }, [rows.length]);

  const templateColumns = [SELECT_COLUMN_WIDTH, ...columns.map((c) => c.width)].map((w) => `${w}px`).join(' ');
  const totalWidth = SELECT_COLUMN_WIDTH + columns.reduce((sum, c) => sum + c.width, 0);

  /** Scrolls so the row is fully visible below the sticky header. */
  const revealRow = useCallback((index: number) => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const headerHeight = headerRef.current?.offsetHeight ?? 0;
    const top = headerHeight + index * ROW_HEIGHT;
    const bottom = top + ROW_HEIGHT;
    if (top - headerHeight < scroller.scrollTop) scroller.scrollTop = top - headerHeight;
    else if (bottom > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = bottom - scroller.clientHeight;
  }, []);

  // Only when the active row changes: a kept page shown again re-creates its effects, and the grid must then stay
  // where the CSM left it (they may have scrolled away from the active row) rather than jump back to it.
  const revealedIndex = useRef(-1);
  useLayoutEffect(() => {
    if (activeIndex >= 0 && activeIndex !== revealedIndex.current) revealRow(activeIndex);
    revealedIndex.current = activeIndex;
  }, [activeIndex, revealRow]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || rows.length === 0) return;
    const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 0) - (headerRef.current?.offsetHeight ?? 0)) / ROW_HEIGHT) - 1);
    const last = rows.length - 1;
    const current = Math.max(activeIndex, 0);
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = activeIndex < 0 ? 0 : Math.min(last, current + 1);
        break;
      case 'ArrowUp':
        next = Math.max(0, current - 1);
        break;
      case 'PageDown':
        next = Math.min(last, current + page);
        break;
      case 'PageUp':
        next = Math.max(0, current - page);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      case 'Enter': {
        const row = rows[activeIndex];
        if (row) {
          event.preventDefault();
          navigate(`/accounts/${encodeURIComponent(row.original.id)}`);
        }
        return;
      }
      case ' ': {
        const row = rows[activeIndex];
        if (row) {
          event.preventDefault();
          onToggleRow(row.original.id);
        }
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    setActiveIndex(next);
  };

  const onRowClick = useCallback((index: number) => {
    setActiveIndex(index);
    scrollRef.current?.focus({ preventScroll: true });
  }, []);

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const headerById = new Map(headers.map((h) => [h.column.id, h]));
  const filteredIds = rows.length;
  const selectedInView = countSelected(rows, selected);
  const activeRow = rows[activeIndex];
  const activeRendered =
    activeRow !== undefined && activeIndex >= rowWindow.first && activeIndex <= rowWindow.last ? rowDomId(activeRow.original.id) : undefined;
  const windowRows: ReactNode[] = [];
  for (let index = rowWindow.first; index <= rowWindow.last; index++) {
    const row = rows[index];
    if (!row) continue;
    // Keyed by the row's slot in the window, not the account: a sort or filter then rewrites the text of the
    // rendered rows in place instead of unmounting and rebuilding every one of them.
    windowRows.push(
      <GridRow
        key={index - rowWindow.first}
        row={row}
        columns={columns}
        index={index}
        start={index * ROW_HEIGHT}
        active={index === activeIndex}
        selected={selected.has(row.original.id)}
        onRowClick={onRowClick}
        onToggleRow={onToggleRow}
      />,
    );
  }

  return (
    <div
      ref={scrollRef}
      className="accounts-grid"
      role="grid"
      aria-label="Accounts"
      aria-rowcount={rows.length + HEADER_ROWS}
      aria-colcount={columns.length + 1}
      aria-multiselectable="true"
      aria-activedescendant={activeRendered}
      data-testid="accounts-grid"
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={{ ['--grid-columns' as string]: templateColumns }}
    >
      <div ref={headerRef} className="grid-head" role="rowgroup" style={{ width: totalWidth }}>
        <div className="grid-row grid-header-row" role="row" aria-rowindex={1}>
          <div className="grid-cell grid-select-cell grid-frozen" role="columnheader" aria-label="Select" aria-colindex={1}>
            <input
              type="checkbox"
              aria-label="Select all filtered accounts"
              checked={filteredIds > 0 && selectedInView === filteredIds}
              ref={(el) => {
                if (el) el.indeterminate = selectedInView > 0 && selectedInView < filteredIds;
              }}
              onChange={onToggleAll}
              disabled={filteredIds === 0}
            />
          </div>
          {columns.map((column, i) => {
            const header = headerById.get(column.id);
            const sorted = header?.column.getIsSorted() ?? false;
            const sortIndex = header?.column.getSortIndex() ?? -1;
            const multi = table.getState().sorting.length > 1;
            return (
              <div
                key={column.id}
                className={`grid-cell grid-header-cell${column.align === 'end' ? ' align-end' : ''}${frozenClass(column)}`}
                role="columnheader"
                aria-label={column.label}
                aria-colindex={i + 2}
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                data-column={column.id}
              >
                <button
                  type="button"
                  className="grid-sort-button"
                  title={`Sort by ${column.label} (Shift+click to add to the sort)`}
                  onClick={header?.column.getToggleSortingHandler()}
                >
                  <span className="grid-header-label">{column.label}</span>
                  <span aria-hidden="true" className="grid-sort-indicator">
                    {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                    {sorted && multi ? sortIndex + 1 : ''}
                  </span>
                </button>
              </div>
            );
          })}
        </div>
        <div className="grid-row grid-filter-row" role="row" aria-rowindex={2} key={filterRevision}>
          <div className="grid-cell grid-select-cell grid-frozen" role="gridcell" aria-colindex={1} />
          {columns.map((column, i) => (
            <div key={column.id} className={`grid-cell grid-filter-cell${frozenClass(column)}`} role="gridcell" aria-colindex={i + 2} data-column={column.id}>
              <GridFilterCell column={column} tableColumn={table.getColumn(column.id)} />
            </div>
          ))}
        </div>
      </div>
      <div className="grid-body" role="rowgroup" style={{ height: rows.length * ROW_HEIGHT, width: totalWidth }}>
        {windowRows}
      </div>
      {rows.length === 0 && (
        <div className="grid-empty" data-testid="grid-empty">
          {empty}
        </div>
      )}
    </div>
  );
}

/** The name column stays at the left edge (after the selection column) while the grid scrolls sideways. */
function frozenClass(column: AccountColumn): string {
  return column.id === FROZEN_COLUMN_ID ? ' grid-frozen grid-frozen-name' : '';
}

function countSelected(rows: readonly Row<Account>[], selected: ReadonlySet<string>): number {
  if (selected.size === 0) return 0;
  let count = 0;
  for (const row of rows) if (selected.has(row.original.id)) count++;
  return count;
}

function rowDomId(accountId: string): string {
  return `account-row-${accountId}`;
}

interface GridRowProps {
  row: Row<Account>;
  columns: readonly AccountColumn[];
  index: number;
  start: number;
  active: boolean;
  selected: boolean;
  onRowClick(index: number): void;
  onToggleRow(id: string): void;
}

const GridRow = memo(function GridRow({ row, columns, index, start, active, selected, onRowClick, onToggleRow }: GridRowProps) {
  const account = row.original;
  return (
    <div
      id={rowDomId(account.id)}
      className={`grid-row grid-body-row${active ? ' active' : ''}${selected ? ' selected' : ''}`}
      role="row"
      aria-rowindex={index + HEADER_ROWS + 1}
      aria-selected={selected}
      data-active={active ? 'true' : undefined}
      data-account-id={account.id}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => onRowClick(index)}
    >
      <div className="grid-cell grid-select-cell grid-frozen" role="gridcell" aria-colindex={1}>
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select ${account.name}`}
          checked={selected}
          onChange={() => onToggleRow(account.id)}
        />
      </div>
      {columns.map((column, i) => {
        const value = row.getValue<AccountColumnValue>(column.id);
        const content: ReactNode = column.render ? column.render(value, account) : formatAccountCell(column, value, account);
        return (
          <div
            key={column.id}
            className={`grid-cell${column.align === 'end' ? ' align-end' : ''}${frozenClass(column)}`}
            role="gridcell"
            aria-colindex={i + 2}
            data-column={column.id}
          >
            {content}
          </div>
        );
      })}
    </div>
  );
});
