import type { ColumnMapping, ImportKind } from '../../../../../common/import';
import { importKindSpec } from '../../../../../common/import';

interface Props {
  kind: ImportKind;
  headers: readonly string[];
  mapping: ColumnMapping;
  onChange(mapping: ColumnMapping): void;
}

/** One row per target field: which of the file's columns fills it (auto-detected, editable). */
export function ColumnMappingTable({ kind, headers, mapping, onChange }: Props) {
  const spec = importKindSpec(kind);
  return (
    <table className="data-table import-table" data-testid="import-mapping">
      <caption>Columns</caption>
      <thead>
        <tr>
          <th scope="col">Outpost field</th>
          <th scope="col">Column in the file</th>
          <th scope="col">When absent</th>
        </tr>
      </thead>
      <tbody>
        {spec.fields.map((field) => {
          const id = `import-map-${field.key}`;
          return (
            <tr key={field.key}>
              <th scope="row">
                <label htmlFor={id}>
                  {field.label}
                  {field.required && (
                    <span className="import-required" aria-label="required">
                      {' '}
                      *
                    </span>
                  )}
                </label>
              </th>
              <td>
                <select
                  id={id}
                  data-testid={id}
                  value={mapping[field.key] ?? ''}
                  onChange={(event) => onChange({ ...mapping, [field.key]: event.target.value || null })}
                >
                  <option value="">— not imported —</option>
                  {headers.map((header) => (
                    <option key={header} value={header}>
                      {header}
                    </option>
                  ))}
                </select>
              </td>
              <td className="muted">{field.required ? 'required' : (field.fallback ?? 'left empty')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
