import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { ImportRefusal } from '../../../../../common/import';
import {
  commitPlan,
  ImportCancelled,
  listImportBatches,
  recoverInterruptedImports,
  undoImportBatch,
  type ImportBatch,
} from '../../../../../common/import/import-batches';
import { loadBookSnapshot } from '../../../../../common/import/load-book';
import type { FileSetup } from '../../../../../common/import/plan-context';
import { planImport, type ImportPlan } from '../../../../../common/import/plan-import';
import { readSources } from '../../../../../common/import/read-sources';
import { suggestSetup } from '../../../../../common/import/suggest-setup';
import { applyTemplate, matchingTemplates, templateFromSetup, type SavedImportTemplate } from '../../../../../common/import/saved-templates';
import { deleteTemplate, loadSavedTemplates, saveTemplate } from '../../../../../common/import/saved-templates-store';
import { SavedTemplateBar } from './SavedTemplateBar';
import { useDatabase } from '../../db/database-context';
import { LOCAL_USER } from '../../session/local-user';
import { useActingUser } from '../../session/use-edit-permission';
import { FileSetupCard } from './FileSetupCard';
import { ImportHistory } from './ImportHistory';
import { pickedFiles } from './picked-files';
import { PlanPreview } from './PlanPreview';
import './import-dialog.css';

type Phase =
  | { name: 'setup' }
  | { name: 'working'; what: string }
  | { name: 'preview'; plan: ImportPlan }
  | { name: 'committing'; plan: ImportPlan; done: number; total: number }
  | { name: 'done'; batch: ImportBatch | null; plan: ImportPlan };

/**
 * The import wizard: drop several exports (CSV, TSV, XLSX, zip), check what each holds and how its columns and values
 * map, preview what would change, commit as one batch with progress and cancel, and undo any batch later.
 */
export function ImportPage() {
  const db = useDatabase();
  const owner = useActingUser() ?? LOCAL_USER;
  const [setups, setSetups] = useState<FileSetup[]>([]);
  const [refusals, setRefusals] = useState<ImportRefusal[]>([]);
  const [phase, setPhase] = useState<Phase>({ name: 'setup' });
  const [history, setHistory] = useState<ImportBatch[]>([]);
  const [templates, setTemplates] = useState<SavedImportTemplate[]>([]);
  const [message, setMessage] = useState('');
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const busy = phase.name === 'working' || phase.name === 'committing';

  const refreshHistory = useCallback(async () => setHistory(await listImportBatches(db)), [db]);
  useEffect(() => {
    void (async () => {
      const recovered = await recoverInterruptedImports(db);
      if (recovered.length > 0) setMessage(`An import cut off before it finished was rolled back (${recovered.length}).`);
      await refreshHistory();
    })();
  }, [db, refreshHistory]);

  async function addFiles(files: FileList | readonly File[]) {
    if (files.length === 0) return;
    setPhase({ name: 'working', what: 'Reading the files…' });
    const read = await readSources(pickedFiles(files));
    // A file with the headers of a saved template is set up from the newest such template (the person can go back
    // to Outpost's own guess).
    const saved = await loadSavedTemplates(db).catch(() => [] as SavedImportTemplate[]);
    setTemplates(saved);
    const setUp = (table: (typeof read.tables)[number]): FileSetup => {
      const guess = suggestSetup(table);
      const match = matchingTemplates(saved, table.headers)[0];
      return (match && applyTemplate(guess, match)) || guess;
    };
    setSetups((current) => [...current, ...read.tables.map(setUp)]);
    setRefusals((current) => [...current, ...read.refusals]);
    setPhase({ name: 'setup' });
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void addFiles([...event.dataTransfer.files]);
  }

  async function preview() {
    setPhase({ name: 'working', what: 'Preparing the preview…' });
    try {
      const snapshot = await loadBookSnapshot(db, setups);
      setPhase({ name: 'preview', plan: planImport(snapshot, setups, { ...owner, now: new Date() }) });
    } catch (error) {
      setMessage(`The preview failed: ${error instanceof Error ? error.message : String(error)}`);
      setPhase({ name: 'setup' });
    }
  }

  async function commit(plan: ImportPlan) {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ name: 'committing', plan, done: 0, total: plan.docs.length });
    try {
      const batch = await commitPlan(db, plan, {
        who: owner.ownerName,
        files: setups.map((s) => s.table.fileName),
        signal: controller.signal,
        onProgress: ({ done, total }) => setPhase({ name: 'committing', plan, done, total }),
      });
      setPhase({ name: 'done', batch, plan });
      setMessage(batch ? '' : 'Nothing to change: the book already holds everything in these files.');
    } catch (error) {
      setMessage(error instanceof ImportCancelled ? 'Import cancelled: nothing was written.' : `The import stopped: ${error instanceof Error ? error.message : String(error)}`);
      setPhase({ name: 'preview', plan });
    }
    abort.current = null;
    await refreshHistory();
  }

  async function undo(batchId: string) {
    setPhase({ name: 'working', what: 'Undoing the import…' });
    try {
      const undone = await undoImportBatch(db, batchId);
      setMessage(`Import undone${undone.skippedOnUndo ? `; ${undone.skippedOnUndo} record(s) changed since were kept as they are` : ''}.`);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
    await refreshHistory();
    setPhase({ name: 'setup' });
  }

  const updateSetup = (i: number, next: FileSetup) => setSetups((all) => all.map((s, k) => (k === i ? next : s)));

  async function saveSetupAsTemplate(i: number, name: string): Promise<string | null> {
    const setup = setups[i];
    if (!setup) return 'The file is no longer in the import.';
    const result = await saveTemplate(db, templateFromSetup(setup, name, newTemplateId(), new Date()));
    if (!result.ok) return result.reason;
    setTemplates(result.templates);
    updateSetup(i, { ...setup, savedTemplateId: result.saved.id, template: { label: `your template “${result.saved.name}”` } });
    return null;
  }

  async function removeTemplate(template: SavedImportTemplate) {
    setTemplates(await deleteTemplate(db, template.id));
    setSetups((all) => all.map((s) => (s.savedTemplateId === template.id ? { ...s, savedTemplateId: undefined, template: null } : s)));
  }

  function startOver() {
    setSetups([]);
    setRefusals([]);
    setMessage('');
    setPhase({ name: 'setup' });
  }

  return (
    <div className="page import-page" data-testid="import-page">
      <h1 id="import-title">Import</h1>
      {message && (
        <p role="status" className="import-message" data-testid="import-message">
          {message}
        </p>
      )}

      {phase.name === 'setup' && (
        <>
          <div
            className={`import-drop${dragging ? ' import-drop-active' : ''}`}
            data-testid="import-drop"
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <p>Drop your exports here: accounts, contacts, subscriptions, invoices and outcomes, usage or product events, tickets (CSV, TSV, XLSX or a zip of them).</p>
            <button type="button" onClick={() => input.current?.click()}>
              Choose files…
            </button>
            <input
              ref={input}
              type="file"
              multiple
              hidden
              accept=".csv,.tsv,.txt,.xlsx,.zip"
              data-testid="import-file-input"
              onChange={(e) => {
                if (e.target.files) void addFiles([...e.target.files]);
                e.target.value = '';
              }}
            />
          </div>
          {refusals.map((r, i) => (
            <p key={`${r.fileName}:${i}`} className="import-refusal" role="alert" data-testid="import-refusal">
              {r.message}
            </p>
          ))}
          {setups.map((setup, i) => (
            <FileSetupCard key={`${setup.table.fileName}:${i}`} index={i} setup={setup} onChange={(next) => updateSetup(i, next)}>
              <SavedTemplateBar
                prefix={`import-${i}`}
                matches={matchingTemplates(templates, setup.table.headers)}
                appliedId={setup.savedTemplateId}
                onApply={(template) => updateSetup(i, (template && applyTemplate(setup, template)) || suggestSetup(setup.table))}
                onSave={(name) => saveSetupAsTemplate(i, name)}
                onDelete={(template) => void removeTemplate(template)}
              />
            </FileSetupCard>
          ))}
          {setups.length > 0 && (
            <div className="import-footer">
              <button type="button" onClick={startOver}>
                Start over
              </button>
              <button type="button" className="primary" data-testid="import-preview" onClick={() => void preview()}>
                Preview {setups.length} {setups.length === 1 ? 'file' : 'files'}
              </button>
            </div>
          )}
        </>
      )}

      {phase.name === 'working' && (
        <p role="status" aria-busy="true">
          {phase.what}
        </p>
      )}

      {phase.name === 'preview' && (
        <>
          <PlanPreview plan={phase.plan} />
          <div className="import-footer">
            <button type="button" data-testid="import-back" onClick={() => setPhase({ name: 'setup' })}>
              Back to the mapping
            </button>
            <button type="button" className="primary" data-testid="import-commit" disabled={phase.plan.docs.length === 0} onClick={() => void commit(phase.plan)}>
              {phase.plan.docs.length === 0 ? 'Nothing to change' : `Commit: write ${phase.plan.docs.length.toLocaleString()} records`}
            </button>
          </div>
        </>
      )}

      {phase.name === 'committing' && (
        <div className="import-committing">
          <label>
            Writing…{' '}
            <progress data-testid="import-commit-progress" value={phase.done} max={Math.max(phase.total, 1)} /> {phase.done.toLocaleString()} /{' '}
            {phase.total.toLocaleString()}
          </label>{' '}
          <button type="button" data-testid="import-cancel" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        </div>
      )}

      {phase.name === 'done' && (
        <section data-testid="import-done" aria-live="polite">
          <p>
            Imported: {phase.plan.totals.new} new, {phase.plan.totals.updated} updated, {phase.plan.totals.unchanged} unchanged, {phase.plan.totals.rejected} rejected
            rows{phase.batch ? '.' : ' (nothing changed).'}
          </p>
          {phase.batch && (
            <button type="button" data-testid="import-undo-last" onClick={() => void undo(phase.batch!.id)}>
              Undo this import
            </button>
          )}{' '}
          <button type="button" onClick={startOver}>
            Import more files
          </button>
        </section>
      )}

      <ImportHistory batches={history} busy={busy} onUndo={(id) => void undo(id)} />
    </div>
  );
}

function newTemplateId(): string {
  return typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? `template:${crypto.randomUUID()}`
    : `template:${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
