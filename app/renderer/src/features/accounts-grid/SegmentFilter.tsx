import { useState, type FormEvent } from 'react';
import { formatCount } from '../../../../../common/format/format';
import type { GridViewState } from '../../../../../common/book-views/grid-view';
import { gridFiltersAsCondition } from '../../../../../common/book-views/grid-view-segment';
import type { SegmentDefinition } from '../../../../../common/segments/segment-membership';
import { useDatabase } from '../../db/database-context';
import { NameForm } from './NameForm';
import { saveSegment } from '../segments/segments-store';

interface SegmentFilterProps {
  segments: readonly SegmentDefinition[];
  /** The segment the grid is filtered by ('' for none). */
  selectedId: string;
  onSelect(id: string): void;
  /** The grid's filters now (column filters and search). */
  currentState(): GridViewState;
  /** How many accounts the grid shows now (the new segment's members, said when it is saved). */
  shown: number;
}

/**
 * The grid filtered by a segment (its live members, joined with the column filters), and the grid's filters saved as
 * a new segment ("Save as segment"), refused with the reason when a filter cannot be said as a segment.
 */
export function SegmentFilter({ segments, selectedId, onSelect, currentState, shown }: SegmentFilterProps) {
  const db = useDatabase();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState('');
  const selected = segments.find((s) => s.id === selectedId);

  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    const result = gridFiltersAsCondition(currentState(), selected?.condition ?? null);
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    try {
      await saveSegment(db, { id: crypto.randomUUID(), name, condition: result.condition });
      setSaved(`Saved segment ${name.trim()} (${formatCount(shown)} accounts now)`);
      setProblems([]);
      setNaming(false);
    } catch (e) {
      setProblems([e instanceof Error ? e.message : String(e)]);
    }
  };

  return (
    <div className="saved-views segment-filter">
      <select aria-label="Segment filter" value={selected ? selectedId : ''} onChange={(event) => onSelect(event.target.value)}>
        <option value="">{segments.length ? 'All accounts' : 'No segments'}</option>
        {segments.map((segment) => (
          <option key={segment.id} value={segment.id}>
            {segment.name}
          </option>
        ))}
      </select>
      {naming ? (
        <NameForm label="Segment name" formLabel="Save as segment" submitText="Save segment" maxLength={200} name={name} onNameChange={setName} onSubmit={onSave} onCancel={() => setNaming(false)} />
      ) : (
        <button
          type="button"
          onClick={() => {
            setName('');
            setSaved('');
            setProblems([]);
            setNaming(true);
          }}
        >
          Save as segment
        </button>
      )}
      {problems.map((problem) => (
        <span key={problem} className="error-text" role="alert">
          {problem}
        </span>
      ))}
      {saved && (
        <span className="muted" role="status">
          {saved}
        </span>
      )}
    </div>
  );
}
