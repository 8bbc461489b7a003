import type { ImportBatch } from '../../../../../common/import/import-batches';

interface Props {
  batches: readonly ImportBatch[];
  busy: boolean;
  onUndo(batchId: string): void;
}

/** Every import on this device: who, when, which files, counts; a committed one can be undone in full. */
export function ImportHistory({ batches, busy, onUndo }: Props) {
  if (batches.length === 0) return <p className="muted">No imports yet on this device.</p>;
  return (
    <table className="data-table import-table" data-testid="import-history">
      <caption>Import history</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">Files</th>
          <th scope="col">New / updated / rejected</th>
          <th scope="col">Status</th>
          <th scope="col">Undo</th>
        </tr>
      </thead>
      <tbody>
        {batches.map((b) => (
          <tr key={b.id} data-testid={`import-batch-${b.id}`}>
            <td>{new Date(b.at).toLocaleString()}</td>
            <td>{b.who}</td>
            <td>{b.files.join(', ')}</td>
            <td>
              {b.counts.new} / {b.counts.updated} / {b.counts.rejected}
            </td>
            <td data-testid="import-batch-status">
              {b.status}
              {b.skippedOnUndo ? ` (${b.skippedOnUndo} changed since, kept)` : ''}
            </td>
            <td>
              {b.status === 'committed' && (
                <button type="button" disabled={busy} data-testid="import-undo" onClick={() => onUndo(b.id)}>
                  Undo import
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
