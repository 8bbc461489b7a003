import type { CsvTable } from '../../../../../common/import';

const PREVIEW_ROWS = 5;

/** The first rows of the file as it was read, so the person can check the columns line up. */
export function ImportPreview({ table }: { table: CsvTable }) {
  return (
    <div className="import-preview">
      <table className="data-table import-table" data-testid="import-preview">
        <caption>
          First {Math.min(PREVIEW_ROWS, table.rows.length)} of {table.rows.length.toLocaleString()} rows
        </caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            {table.headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.slice(0, PREVIEW_ROWS).map((row, i) => (
            <tr key={table.lines[i]}>
              <td className="muted">{table.lines[i]}</td>
              {table.headers.map((header, c) => (
                <td key={header}>{row[c]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
