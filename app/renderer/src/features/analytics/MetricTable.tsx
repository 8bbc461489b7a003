import { useState, type ReactNode } from 'react';
import { getBridge } from '../../bridge/bridge';
import { toCsv } from '../../../../../common/export/to-csv';
import { todayIsoDate } from '../../../../../common/model/derived-fields';
import { usePrintMode } from './print-mode';

export interface MetricColumn<T> {
  header: string;
  /** The exact value, as the CSV export writes it. */
  value: (row: T) => string | number | null;
  /** What the table shows, when it differs from `value` (formatted money, a link). */
  display?: (row: T) => ReactNode;
  num?: boolean;
}

export interface MetricTableProps<T> {
  caption: string;
  columns: readonly MetricColumn<T>[];
  rows: readonly T[];
  /** The CSV file's name, without date or extension: `renewal-forecast` → `renewal-forecast-2026-06-01.csv`. */
  fileName: string;
  rowKey: (row: T, index: number) => string;
  testId?: string;
  empty?: string;
  /** Rows shown at first on screen (the rest behind "Show all"); the print layout and the CSV always have all of them. */
  pageSize?: number;
}

/** Rows a table shows before "Show all": a quarter's renewals on a 10,000-account book are thousands. */
const PAGE_SIZE = 100;

/** One of the app's tables with an "Export CSV" of exactly its rows and columns (exact values, not the formatted ones). */
export function MetricTable<T>({ caption, columns, rows, fileName, rowKey, testId, empty, pageSize = PAGE_SIZE }: MetricTableProps<T>) {
  const [message, setMessage] = useState<string | null>(null);
  const printing = usePrintMode();
  const [showAll, setShowAll] = useState(false);
  const shown = printing || showAll || rows.length <= pageSize ? rows : rows.slice(0, pageSize);
  const exportCsv = async () => {
    try {
      const result = await getBridge().saveTextFile({
        suggestedName: `${fileName}-${todayIsoDate()}.csv`,
        content: toCsv(columns.map((c) => ({ header: c.header, value: c.value })), rows),
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      });
      setMessage(result.saved ? `Exported ${rows.length} rows.` : null);
    } catch (error) {
      setMessage(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <div className="metric-table" data-testid={testId}>
      <div className="metric-table-tools no-print">
        <button type="button" onClick={() => void exportCsv()} aria-label={`Export CSV of ${caption}`}>
          Export CSV
        </button>
        {message && <span className="muted" role="status">{message}</span>}
      </div>
      {rows.length === 0 ? (
        <p className="muted">{empty ?? 'Nothing to show for this selection.'}</p>
      ) : (
        <table className="data-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col" className={c.num ? 'num' : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, i) => (
              <tr key={rowKey(row, i)}>
                {columns.map((c) => (
                  <td key={c.header} className={c.num ? 'num' : undefined}>
                    {c.display ? c.display(row) : c.value(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown.length < rows.length && (
        <p className="metric-table-more no-print">
          <span className="muted">
            {shown.length} of {rows.length} rows shown.{' '}
          </span>
          <button type="button" onClick={() => setShowAll(true)}>
            Show all {rows.length}
          </button>
        </p>
      )}
    </div>
  );
}
