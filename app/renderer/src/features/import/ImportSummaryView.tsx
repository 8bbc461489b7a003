import { useState } from 'react';
import { toCsv } from '../../../../../common/export/to-csv';
import type { ImportSummary, RowError } from '../../../../../common/import';
import { rowsWithErrors } from '../../../../../common/import/import-summary';
import { getBridge } from '../../bridge/bridge';

/** Rendering tens of thousands of error rows would freeze the dialog; the rest are in the downloadable CSV. */
const SHOWN_ERRORS = 500;

const ERROR_COLUMNS = [
  { header: 'File', value: (e: RowError) => e.file },
  { header: 'Line', value: (e: RowError) => e.line },
  { header: 'Column', value: (e: RowError) => e.column },
  { header: 'Reason', value: (e: RowError) => e.reason },
];

export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const [saveMessage, setSaveMessage] = useState('');
  const errors = summary.errors;
  const badRows = rowsWithErrors(errors);

  async function saveErrors() {
    const first = errors[0];
    const base = first ? first.file.replace(/\.[^.]*$/, '') : 'import';
    const result = await getBridge().saveTextFile({
      suggestedName: `${base}-errors.csv`,
      content: toCsv(ERROR_COLUMNS, errors),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    setSaveMessage(result.saved ? `Saved${result.location ? ` to ${result.location}` : ''}.` : '');
  }

  return (
    <section data-testid="import-summary" aria-live="polite">
      <p className="import-counts">
        <strong data-testid="import-inserted">{summary.inserted.toLocaleString()}</strong> inserted ·{' '}
        <strong data-testid="import-updated">{summary.updated.toLocaleString()}</strong> updated ·{' '}
        <strong>{summary.unchanged.toLocaleString()}</strong> unchanged ·{' '}
        <strong data-testid="import-error-count" className={badRows > 0 ? 'error-text' : undefined}>
          {badRows.toLocaleString()}
        </strong>{' '}
        {badRows === 1 ? 'row' : 'rows'} with errors
        {errors.length > badRows ? ` (${errors.length.toLocaleString()} errors)` : ''}
      </p>
      {errors.length > 0 && (
        <>
          <div className="import-errors-scroll">
            <table className="data-table import-table" data-testid="import-errors">
              <caption>
                Rows not imported
                {errors.length > SHOWN_ERRORS ? ` (first ${SHOWN_ERRORS} of ${errors.length.toLocaleString()})` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Line</th>
                  <th scope="col">Column</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {errors.slice(0, SHOWN_ERRORS).map((error, i) => (
                  <tr key={`${error.line}:${error.column}:${i}`}>
                    <td>{error.file}</td>
                    <td>{error.line}</td>
                    <td>{error.column}</td>
                    <td>{error.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <button type="button" onClick={() => void saveErrors()}>
              Save all errors as CSV…
            </button>{' '}
            <span className="muted">{saveMessage}</span>
          </p>
        </>
      )}
    </section>
  );
}
