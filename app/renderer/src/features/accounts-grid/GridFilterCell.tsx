import type { Column } from '@tanstack/react-table';
import type { Account } from '../../../../../common/model';
import { parseBound, type DateRange, type NumberRange } from '../../../../../common/book-views/grid-filters';
import type { AccountColumn } from './account-columns';

/**
 * The filter control for one column: "contains" text, a select for enums, min/max for numbers, from/to for dates.
 * Inputs are uncontrolled; the grid remounts them (new key) when a saved view replaces the filters.
 * The first control is labelled "Filter <label>", the upper bound "Maximum <label>".
 */
export function GridFilterCell({ column, tableColumn }: { column: AccountColumn; tableColumn: Column<Account> | undefined }) {
  if (!tableColumn) return null;
  const current = tableColumn.getFilterValue();
  const label = `Filter ${column.label}`;

  switch (column.kind) {
    case 'enum':
      return (
        <select
          aria-label={label}
          defaultValue={typeof current === 'string' ? current : ''}
          onChange={(event) => tableColumn.setFilterValue(event.target.value)}
        >
          <option value="">All</option>
          {(column.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
    case 'number': {
      const range = (current as NumberRange | undefined) ?? { min: null, max: null };
      const update = (patch: Partial<NumberRange>) => {
        const previous = (tableColumn.getFilterValue() as NumberRange | undefined) ?? { min: null, max: null };
        tableColumn.setFilterValue({ ...previous, ...patch });
      };
      return (
        <span className="grid-range-filter">
          <input
            type="number"
            aria-label={label}
            placeholder="min"
            defaultValue={range.min ?? ''}
            onChange={(event) => update({ min: parseBound(event.target.value) })}
          />
          <input
            type="number"
            aria-label={`Maximum ${column.label}`}
            placeholder="max"
            defaultValue={range.max ?? ''}
            onChange={(event) => update({ max: parseBound(event.target.value) })}
          />
        </span>
      );
    }
    case 'date': {
      const range = (current as DateRange | undefined) ?? { from: null, to: null };
      const update = (patch: Partial<DateRange>) => {
        const previous = (tableColumn.getFilterValue() as DateRange | undefined) ?? { from: null, to: null };
        tableColumn.setFilterValue({ ...previous, ...patch });
      };
      return (
        <span className="grid-range-filter date-range">
          <input
            type="date"
            aria-label={label}
            title="On or after"
            defaultValue={range.from ?? ''}
            onChange={(event) => update({ from: event.target.value || null })}
          />
          <input
            type="date"
            aria-label={`Maximum ${column.label}`}
            title="On or before"
            defaultValue={range.to ?? ''}
            onChange={(event) => update({ to: event.target.value || null })}
          />
        </span>
      );
    }
    default:
      return (
        <input
          type="search"
          aria-label={label}
          placeholder="contains"
          defaultValue={typeof current === 'string' ? current : ''}
          onChange={(event) => tableColumn.setFilterValue(event.target.value)}
        />
      );
  }
}
