import type { ReactNode } from 'react';
import { IMPORT_KIND_SPECS, IMPORT_KINDS, type ImportKind } from '../../../../../common/import';
import { missingRequiredColumns } from '../../../../../common/import/column-mapping';
import type { FileSetup } from '../../../../../common/import/plan-context';
import { valueReadings, withKind } from '../../../../../common/import/suggest-setup';
import type { ColumnFormat } from '../../../../../common/import/validate-rows';
import { looseKey } from '../../../../../common/import/field-parsers';

interface Props {
  index: number;
  setup: FileSetup;
  onChange(setup: FileSetup): void;
  /** The saved-template controls of this file. */
  children?: ReactNode;
}

/** One file of the import: what it holds, which column fills which field, value maps, formats, kept columns. */
export function FileSetupCard({ index, setup, onChange, children }: Props) {
  const spec = IMPORT_KIND_SPECS[setup.kind];
  const missing = missingRequiredColumns(setup.kind, setup.mapping);
  const mapped = new Set(Object.values(setup.mapping).filter(Boolean));
  const unmapped = setup.table.headers.filter((h) => !mapped.has(h));
  const valueMaps = setup.options?.valueMaps ?? {};
  const formats = setup.options?.formats ?? {};
  const prefix = `import-${index}`;

  function setValue(fieldKey: string, value: string, target: string) {
    const current = { ...(valueMaps[fieldKey] ?? {}) };
    if (target === '') delete current[looseKey(value)];
    else current[looseKey(value)] = target === '(blank)' ? '' : target;
    onChange({ ...setup, options: { ...setup.options, valueMaps: { ...valueMaps, [fieldKey]: current } } });
  }

  function setFormat(fieldKey: string, format: ColumnFormat) {
    onChange({ ...setup, options: { ...setup.options, formats: { ...formats, [fieldKey]: format } } });
  }

  const categorical = spec.fields.filter((f) => f.values && setup.mapping[f.key]);
  const dated = spec.fields.filter((f) => formats[f.key]?.dates && setup.mapping[f.key]);

  return (
    <section className="panel import-file" data-testid={`import-file-${index}`} aria-labelledby={`${prefix}-title`}>
      <header className="import-file-header">
        <h3 id={`${prefix}-title`}>{setup.table.fileName}</h3>
        <span className="muted">
          {setup.table.rows.length.toLocaleString()} rows{setup.template ? ` · recognised: ${setup.template.label}` : ''}
        </span>
        <label>
          Holds{' '}
          <select data-testid={`${prefix}-kind`} value={setup.kind} onChange={(e) => onChange(withKind(setup, e.target.value as ImportKind))}>
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {IMPORT_KIND_SPECS[k].label}
              </option>
            ))}
          </select>
        </label>
      </header>
      {children}
      {missing.length > 0 && (
        <p className="import-refusal" role="alert" data-testid={`${prefix}-missing`}>
          No column for {missing.map((m) => `"${m}"`).join(', ')}: map one below.
        </p>
      )}
      <details open>
        <summary>Columns</summary>
        <table className="data-table import-table">
          <thead>
            <tr>
              <th scope="col">Outpost field</th>
              <th scope="col">Column in the file</th>
              <th scope="col">When absent or blank</th>
            </tr>
          </thead>
          <tbody>
            {spec.fields.map((field) => {
              const id = `${prefix}-map-${field.key}`;
              return (
                <tr key={field.key}>
                  <th scope="row">
                    <label htmlFor={id}>
                      {field.label}
                      {field.required && <span className="import-required"> *</span>}
                    </label>
                  </th>
                  <td>
                    <select
                      id={id}
                      data-testid={id}
                      value={setup.mapping[field.key] ?? ''}
                      onChange={(e) => onChange({ ...setup, mapping: { ...setup.mapping, [field.key]: e.target.value || null } })}
                    >
                      <option value="">— not imported —</option>
                      {setup.table.headers.map((h) => (
                        <option key={h} value={h}>
                          {h}
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
      </details>
      {dated.map((field) => (
        <label key={field.key} className="import-format">
          {field.label} dates are{' '}
          <select
            data-testid={`${prefix}-dates-${field.key}`}
            value={formats[field.key]?.dates ?? 'month-first'}
            onChange={(e) => setFormat(field.key, { dates: e.target.value as 'month-first' | 'day-first' })}
          >
            <option value="month-first">month first (3/31/2026)</option>
            <option value="day-first">day first (31/3/2026)</option>
          </select>
        </label>
      ))}
      {categorical.map((field) => {
        const readings = valueReadings(setup, field.key);
        if (readings.length === 0) return null;
        return (
          <table key={field.key} className="data-table import-table" data-testid={`${prefix}-values-${field.key}`}>
            <caption>
              Values of “{setup.mapping[field.key]}” → {field.label}
            </caption>
            <thead>
              <tr>
                <th scope="col">In the file</th>
                <th scope="col">Rows</th>
                <th scope="col">Read as</th>
                <th scope="col">Recode to</th>
              </tr>
            </thead>
            <tbody>
              {readings.map((r) => {
                const id = `${prefix}-value-${field.key}-${r.value}`;
                const chosen = valueMaps[field.key]?.[looseKey(r.value)];
                return (
                  <tr key={r.value}>
                    <th scope="row">
                      <label htmlFor={id}>{r.value}</label>
                    </th>
                    <td>{r.rows}</td>
                    <td className={r.reads.ok ? undefined : 'error-text'}>{r.reads.ok ? r.reads.value : r.reads.reason}</td>
                    <td>
                      <select id={id} data-testid={id} value={chosen === undefined ? '' : chosen === '' ? '(blank)' : chosen} onChange={(e) => setValue(field.key, r.value, e.target.value)}>
                        <option value="">— as read —</option>
                        {field.values!.map((v) => (
                          <option key={v} value={v}>
                            {v}
                          </option>
                        ))}
                        <option value="(blank)">(blank)</option>
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        );
      })}
      {unmapped.length > 0 && (
        <fieldset className="import-unmapped" data-testid={`${prefix}-unmapped`}>
          <legend>Columns not imported{setup.kind === 'accounts' ? ' (tick to keep as custom fields)' : ''}</legend>
          {unmapped.map((header) =>
            setup.kind === 'accounts' ? (
              <label key={header}>
                <input
                  type="checkbox"
                  data-testid={`${prefix}-keep-${header}`}
                  checked={setup.keep?.includes(header) ?? false}
                  onChange={(e) => onChange({ ...setup, keep: e.target.checked ? [...(setup.keep ?? []), header] : (setup.keep ?? []).filter((h) => h !== header) })}
                />{' '}
                {header}
              </label>
            ) : (
              <span key={header} className="import-chip">
                {header}
              </span>
            ),
          )}
        </fieldset>
      )}
    </section>
  );
}
