import { useState, type FormEvent } from 'react';
import { useDatabase } from '../../db/database-context';
import { NameForm } from './NameForm';
import { deleteGridView, saveGridView, useGridViewsStore } from './grid-views-store';
import type { GridViewState, SavedGridView } from '../../../../../common/book-views/grid-view';

interface SavedViewsBarProps {
  currentState(): GridViewState;
  onApply(view: SavedGridView): void;
  /** The view shown (kept by the grid, so it survives a reload with the view's column choices). */
  selectedId: string | null;
  onSelect(id: string | null): void;
}

/** Pick, save and delete named grid views; broken stored views are reported and can be deleted. */
export function SavedViewsBar({ currentState, onApply, selectedId: activeId, onSelect }: SavedViewsBarProps) {
  const db = useDatabase();
  const { views, broken } = useGridViewsStore();
  const selectedId = activeId ?? '';
  const setSelectedId = (id: string) => onSelect(id === '' ? null : id);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const selected = views.find((v) => v.id === selectedId);

  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const id = await saveGridView(db, name, currentState());
      setSelectedId(id);
      setNaming(false);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const onDelete = async (id: string) => {
    try {
      await deleteGridView(db, id);
      if (id === selectedId) setSelectedId('');
    } catch (e) {
      setError(`Could not delete the view: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <div className="saved-views">
      <select
        aria-label="Saved view"
        value={selected ? selectedId : ''}
        onChange={(event) => {
          setSelectedId(event.target.value);
          const view = views.find((v) => v.id === event.target.value);
          if (view) onApply(view);
        }}
      >
        <option value="">{views.length ? 'Saved views…' : 'No saved views'}</option>
        {views.map((view) => (
          <option key={view.id} value={view.id}>
            {view.name}
          </option>
        ))}
      </select>
      {naming ? (
        <NameForm label="View name" submitText="Save" maxLength={100} name={name} onNameChange={setName} onSubmit={onSave} onCancel={() => setNaming(false)} />
      ) : (
        <button
          type="button"
          onClick={() => {
            setName(selected?.name ?? '');
            setNaming(true);
          }}
        >
          Save view
        </button>
      )}
      {selected && !naming && (
        <button type="button" onClick={() => void onDelete(selected.id)}>
          Delete view
        </button>
      )}
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
      {broken.length > 0 && (
        <details className="broken-views">
          <summary className="error-text">
            {broken.length} saved {broken.length === 1 ? 'view' : 'views'} could not be read
          </summary>
          <ul>
            {broken.map((b) => (
              <li key={b.id}>
                <code>{b.id}</code>: {b.problem}{' '}
                <button type="button" onClick={() => void onDelete(b.id)}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
