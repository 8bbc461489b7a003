import type { CsvTable, ImportRefusal } from './csv-table';
import { looseKey } from './field-parsers';
import type { ImportKind } from './field-spec';
import { importKindSpec } from './import-kinds';

/** Target field key -> the file's header that fills it, or null when no column does. */
export type ColumnMapping = Record<string, string | null>;

/**
 * Matches the file's headers to the kind's fields by alias, ignoring case, spaces and punctuation. Fields are matched
 * in declaration order and each header fills at most one field.
 */
export function autoMapColumns(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  const byKey = new Map<string, string>();
  for (const header of headers) if (!byKey.has(looseKey(header))) byKey.set(looseKey(header), header);
  const used = new Set<string>();
  const mapping: ColumnMapping = {};
  for (const field of importKindSpec(kind).fields) {
    mapping[field.key] = null;
    for (const alias of [...field.aliases, field.label, field.key]) {
      const header = byKey.get(looseKey(alias));
      if (header !== undefined && !used.has(header)) {
        mapping[field.key] = header;
        used.add(header);
        break;
      }
    }
  }
  return mapping;
}

/** Labels of the required fields (or field alternatives) no column is mapped to. */
export function missingRequiredColumns(kind: ImportKind, mapping: ColumnMapping): string[] {
  const spec = importKindSpec(kind);
  const missing = spec.fields.filter((f) => f.required && !mapping[f.key]).map((f) => f.label);
  for (const alternative of spec.requiredAlternatives ?? []) {
    const satisfied = alternative.sets.some((set) => set.every((key) => Boolean(mapping[key])));
    if (!satisfied) missing.push(alternative.label);
  }
  return missing;
}

/** The refusal for a file that lacks required columns, naming them and the headers it does have; null if none lack. */
export function missingColumnsRefusal(kind: ImportKind, table: CsvTable, mapping: ColumnMapping): ImportRefusal | null {
  const missing = missingRequiredColumns(kind, mapping);
  if (missing.length === 0) return null;
  const label = importKindSpec(kind).label.toLowerCase();
  return {
    fileName: table.fileName,
    message:
      `${table.fileName} cannot be imported as ${label}: it has no column for ${missing.map((m) => `"${m}"`).join(', ')}. ` +
      `Headers found: ${table.headers.map((h) => `"${h}"`).join(', ')}.`,
  };
}
