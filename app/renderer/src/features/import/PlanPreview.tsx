import type { FieldChange, ImportPlan } from '../../../../../common/import/plan-import';
import { rowsWithErrors } from '../../../../../common/import/import-summary';
import { CAP_REASON } from '../../../../../common/import/plan-usage';

const SHOWN_ERRORS = 200;

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function ChangesTable({ changes, caption, testId }: { changes: readonly FieldChange[]; caption: string; testId: string }) {
  return (
    <table className="data-table import-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Record</th>
          <th scope="col">Field</th>
          <th scope="col">Now</th>
          <th scope="col">After the import</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c, i) => (
          <tr key={`${c.id}:${c.field}:${i}`} className={c.flagged ? 'import-flagged-row' : undefined}>
            <td>{c.label}</td>
            <td>{c.flagged ? <strong className="error-text">{c.field} (name or key)</strong> : c.field}</td>
            <td>{show(c.before)}</td>
            <td>{show(c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the import would do, per file, before anything is written. */
export function PlanPreview({ plan }: { plan: ImportPlan }) {
  const errors = plan.files.flatMap((f) => f.errors);
  return (
    <div className="import-plan" data-testid="import-plan">
      <table className="data-table import-table" data-testid="import-plan-counts">
        <caption>Preview: nothing is written until you commit</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">New</th>
            <th scope="col">Updated</th>
            <th scope="col">Unchanged</th>
            <th scope="col">Rejected</th>
          </tr>
        </thead>
        <tbody>
          {plan.files.map((f, i) => (
            <tr key={f.file} data-testid={`import-plan-file-${i}`}>
              <th scope="row">
                {f.file} <span className="muted">({f.kind})</span>
                {f.refusal && <div className="error-text">{f.refusal}</div>}
              </th>
              <td data-testid="count-new">{f.new}</td>
              <td data-testid="count-updated">{f.updated}</td>
              <td data-testid="count-unchanged">{f.unchanged}</td>
              <td data-testid="count-rejected" className={f.rejected > 0 ? 'error-text' : undefined}>
                {f.rejected}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.files.some((f) => f.flaggedCount > 0) && (
        <div role="alert" className="import-refusal" data-testid="import-flagged">
          {plan.files
            .filter((f) => f.flaggedCount > 0)
            .map((f) => `${f.file}: ${f.flaggedCount} change(s) to a name or key field. Check the mapping before you commit.`)
            .join(' ')}
          <ChangesTable changes={plan.files.flatMap((f) => f.flagged).slice(0, 50)} caption="Name and key changes" testId="import-flagged-changes" />
        </div>
      )}
      {plan.files.some((f) => f.diffs.length > 0) && (
        <ChangesTable changes={plan.files.flatMap((f) => f.diffs)} caption="Sample of the changes to existing records" testId="import-diffs" />
      )}
      {plan.reviews.length > 0 && (
        <section data-testid="import-reviews">
          <h4>Renewals to review ({plan.reviews.length})</h4>
          <ul>
            {plan.reviews.slice(0, 50).map((r) => (
              <li key={r.accountId}>
                {r.name} ({r.externalId}): {r.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
      {plan.features.length > 0 && (
        <table className="data-table import-table" data-testid="import-features">
          <caption>Features found in the events</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Events</th>
              <th scope="col">Counted as</th>
            </tr>
          </thead>
          <tbody>
            {plan.features.map((f) => (
              <tr key={`${f.file}:${f.name}`}>
                <td>{f.name}</td>
                <td>{f.events.toLocaleString()}</td>
                <td>
                  {f.storedAs === null ? (
                    <span className="muted">{f.reason ?? 'not stored'} (recode it in the file's value map)</span>
                  ) : f.own ? (
                    <>
                      {f.storedAs} <span className="muted">(your own feature)</span>
                    </>
                  ) : (
                    f.storedAs
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.featuresDropped.map((d) => (
        <p key={d.file} role="status" data-testid="import-features-dropped">
          {d.file}: {d.events.toLocaleString()} events of {d.names.length} event {d.names.length === 1 ? 'name' : 'names'} will not be stored ({d.names.join(', ')}):{' '}
          {CAP_REASON}.
        </p>
      ))}
      {plan.files.some((f) => f.defaults.length > 0) && (
        <details data-testid="import-defaults">
          <summary>Defaults that will be filled in</summary>
          <ul>
            {plan.files.flatMap((f) =>
              f.defaults.map((d) => (
                <li key={`${f.file}:${d.field}`}>
                  {f.file}: {d.label} → {d.fallback} ({d.rows} rows)
                </li>
              )),
            )}
          </ul>
        </details>
      )}
      {errors.length > 0 && (
        <div className="import-errors-scroll">
          <table className="data-table import-table" data-testid="import-plan-errors">
            <caption>
              Rejected: {rowsWithErrors(errors)} rows ({errors.length} errors)
              {errors.length > SHOWN_ERRORS ? `, first ${SHOWN_ERRORS} shown` : ''}
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
              {errors.slice(0, SHOWN_ERRORS).map((e, i) => (
                <tr key={`${e.file}:${e.line}:${e.column}:${i}`}>
                  <td>{e.file}</td>
                  <td>{e.line}</td>
                  <td>{e.column}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
