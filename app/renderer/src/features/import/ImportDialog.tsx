import { useId, useMemo, useRef, useState } from 'react';
import {
  applyImport,
  autoMapColumns,
  IMPORT_KIND_SPECS,
  IMPORT_KINDS,
  missingColumnsRefusal,
  parseCsv,
  validateRows,
  type ColumnMapping,
  type CsvTable,
  type ImportKind,
  type ImportSummary,
} from '../../../../../common/import';
import { useDatabase } from '../../db/database-context';
import { getBridge } from '../../bridge/bridge';
import { ColumnMappingTable } from './ColumnMappingTable';
import { ImportPreview } from './ImportPreview';
import { ImportSummaryView } from './ImportSummaryView';
import { LOCAL_USER } from '../../session/local-user';
import { useActingUser } from '../../session/use-edit-permission';
import { useFocusTrap } from '../../components/use-focus-trap';
import './import-dialog.css';

type Phase =
  | { name: 'choose' }
  | { name: 'refused'; message: string }
  | { name: 'mapping'; table: CsvTable }
  | { name: 'running'; table: CsvTable; done: number; total: number }
  | { name: 'done'; table: CsvTable; summary: ImportSummary }
  | { name: 'failed'; table: CsvTable; message: string };

export interface ImportDialogProps {
  open: boolean;
  onClose(): void;
}

/** Imports accounts, contacts, usage or activities from a CSV export: pick, map columns, preview, import, summary. */
export function ImportDialog({ open, onClose }: ImportDialogProps) {
  const db = useDatabase();
  // Signed in to a team: imported accounts without an owner column belong to the signed-in user.
  const actingUser = useActingUser();
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const [kind, setKind] = useState<ImportKind>('accounts');
  const [phase, setPhase] = useState<Phase>({ name: 'choose' });
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const running = phase.name === 'running';
  useFocusTrap(dialogRef, open, () => {
    if (!running) onClose();
  });

  const table = 'table' in phase ? phase.table : null;
  const missing = useMemo(
    () => (table && phase.name === 'mapping' ? missingColumnsRefusal(kind, table, mapping) : null),
    [kind, table, mapping, phase.name],
  );

  if (!open) return null;

  function changeKind(next: ImportKind) {
    setKind(next);
    if (table) {
      setMapping(autoMapColumns(next, table.headers));
      setPhase({ name: 'mapping', table });
    }
  }

  async function chooseFile() {
    const [file] = await getBridge().openTextFiles({ title: 'Import CSV', filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }] });
    if (!file) return;
    const parsed = parseCsv(file.name, file.text);
    if (!parsed.ok) {
      setPhase({ name: 'refused', message: parsed.refusal.message });
      return;
    }
    setMapping(autoMapColumns(kind, parsed.table.headers));
    setPhase({ name: 'mapping', table: parsed.table });
  }

  async function startImport(source: CsvTable) {
    const total = source.rows.length;
    setPhase({ name: 'running', table: source, done: 0, total });
    try {
      const { records, errors } = validateRows(kind, source, mapping);
      const summary = await applyImport(db, kind, records, {
        ...(actingUser ?? LOCAL_USER),
        onProgress: ({ done }) => setPhase({ name: 'running', table: source, done: errors.length + done, total }),
      });
      const allErrors = [...errors, ...summary.errors].sort((a, b) => a.line - b.line);
      setPhase({ name: 'done', table: source, summary: { ...summary, errors: allErrors } });
    } catch (error) {
      setPhase({ name: 'failed', table: source, message: error instanceof Error ? error.message : String(error) });
    }
  }

  const refusal = phase.name === 'refused' ? phase.message : (missing?.message ?? null);

  return (
    <div className="import-backdrop">
      <div
        ref={dialogRef}
        className="import-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="import-dialog"
      >
        <header className="import-header">
          <h2 id={titleId}>Import from CSV</h2>
          <button type="button" onClick={onClose} disabled={running} aria-label="Close">
            ×
          </button>
        </header>

        <div className="import-controls">
          <label>
            What the file holds{' '}
            <select
              data-testid="import-kind"
              value={kind}
              disabled={running}
              onChange={(event) => changeKind(event.target.value as ImportKind)}
            >
              {IMPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {IMPORT_KIND_SPECS[k].label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" data-testid="import-choose-file" disabled={running} onClick={() => void chooseFile()}>
            Choose file…
          </button>
          {table && <span className="muted">{table.fileName}</span>}
        </div>

        {refusal && (
          <p className="import-refusal" role="alert" data-testid="import-refusal">
            {refusal}
          </p>
        )}

        {phase.name === 'mapping' && (
          <div className="import-body">
            <ColumnMappingTable kind={kind} headers={phase.table.headers} mapping={mapping} onChange={setMapping} />
            <ImportPreview table={phase.table} />
          </div>
        )}

        {phase.name === 'running' && (
          <div className="import-body">
            <label>
              Importing {phase.table.fileName}…{' '}
              <progress data-testid="import-progress" value={phase.done} max={phase.total} />{' '}
              {phase.done.toLocaleString()} / {phase.total.toLocaleString()}
            </label>
          </div>
        )}

        {phase.name === 'done' && (
          <div className="import-body">
            <ImportSummaryView summary={phase.summary} />
          </div>
        )}

        {phase.name === 'failed' && (
          <p className="import-refusal" role="alert">
            The import stopped: {phase.message}
          </p>
        )}

        <footer className="import-footer">
          {phase.name === 'mapping' && (
            <button
              type="button"
              className="primary"
              data-testid="import-start"
              disabled={missing !== null}
              onClick={() => void startImport(phase.table)}
            >
              Import {phase.table.rows.length.toLocaleString()} {phase.table.rows.length === 1 ? 'row' : 'rows'}
            </button>
          )}
          <button type="button" onClick={onClose} disabled={running}>
            {phase.name === 'done' ? 'Done' : 'Cancel'}
          </button>
        </footer>
      </div>
    </div>
  );
}
