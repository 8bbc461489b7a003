import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { ColumnOrderState, VisibilityState } from '@tanstack/react-table';
import type { AccountColumn } from './account-columns';
import { moveColumn } from './grid-view-state';
import { isCustomColumnId } from '../../../../../common/book-views/custom-field-columns';

interface ColumnChooserProps {
  columns: readonly AccountColumn[];
  order: ColumnOrderState;
  visibility: VisibilityState;
  onOrderChange(order: ColumnOrderState): void;
  onVisibilityChange(visibility: VisibilityState): void;
}

/** Show, hide and reorder columns with checkboxes and move buttons (fully keyboard-operable). */
export function ColumnChooser({ columns, order, visibility, onOrderChange, onVisibilityChange }: ColumnChooserProps) {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const ordered = order.map((id) => byId.get(id)).filter((c): c is AccountColumn => c !== undefined);
  const visibleCount = ordered.filter((c) => visibility[c.id] !== false).length;

  const detailsRef = useRef<HTMLDetailsElement>(null);
  // A popover closes on Escape (focus back on its button) and on a click outside it.
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const details = detailsRef.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, []);
  const onKeyDown = (event: KeyboardEvent<HTMLDetailsElement>) => {
    const details = detailsRef.current;
    if (event.key !== 'Escape' || !details?.open) return;
    event.preventDefault();
    event.stopPropagation();
    details.open = false;
    details.querySelector('summary')?.focus();
  };

  return (
    <details className="column-chooser" ref={detailsRef} onKeyDown={onKeyDown}>
      <summary>Columns</summary>
      <ol className="column-chooser-list" aria-label="Columns, in display order">
        {ordered.map((column, i) => {
          const visible = visibility[column.id] !== false;
          return (
            <li key={column.id}>
              <label>
                <input
                  type="checkbox"
                  aria-label={`Show ${column.label}`}
                  checked={visible}
                  disabled={visible && visibleCount === 1}
                  onChange={() => onVisibilityChange({ ...visibility, [column.id]: !visible })}
                />
                {column.label}
                {isCustomColumnId(column.id) && <span className="muted column-chooser-tag"> · custom field</span>}
              </label>
              <button
                type="button"
                aria-label={`Move ${column.label} left`}
                disabled={i === 0}
                onClick={() => onOrderChange(moveColumn(order, column.id, -1))}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move ${column.label} right`}
                disabled={i === ordered.length - 1}
                onClick={() => onOrderChange(moveColumn(order, column.id, 1))}
              >
                ↓
              </button>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
