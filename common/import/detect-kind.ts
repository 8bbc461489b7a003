import { autoMapColumns, missingRequiredColumns, type ColumnMapping } from './column-mapping';
import type { CsvTable } from './csv-table';
import { IMPORT_KINDS, type ImportKind } from './field-spec';

/** One kind a file could be, how well its headers fit it, and the mapping that fit gives. */
export interface KindGuess {
  kind: ImportKind;
  mapping: ColumnMapping;
  /** Mapped fields, minus penalties from the file's contents; higher fits better. */
  score: number;
  /** Required fields (or alternatives) no header fills: a guess with any is not offered first. */
  missing: string[];
  /** Why the contents argue against this kind, if they do. */
  doubts: string[];
}

function columnValues(table: CsvTable, header: string | null | undefined): string[] {
  if (!header) return [];
  const index = table.headers.indexOf(header);
  return index < 0 ? [] : table.rows.map((row) => (row[index] ?? '').trim());
}

function repeats(values: readonly string[]): boolean {
  return new Set(values.filter(Boolean)).size < values.filter(Boolean).length;
}

/**
 * Ranks every import kind for a file by its headers (the aliases of each kind's fields, vendors' column names
 * included) and checks the contents against the best fits: an accounts file whose IDs repeat is more likely
 * subscriptions or events; a long event file has a name column with few distinct values. Best first.
 */
export function detectKinds(table: CsvTable): KindGuess[] {
  const guesses = IMPORT_KINDS.map((kind): KindGuess => {
    const mapping = autoMapColumns(kind, table.headers);
    const missing = missingRequiredColumns(kind, mapping);
    const mapped = Object.values(mapping).filter(Boolean).length;
    const doubts: string[] = [];
    if (kind === 'accounts' && repeats(columnValues(table, mapping['externalId']))) doubts.push('its account IDs repeat, so a row is not one account');
    if ((kind === 'subscriptions' || kind === 'tickets') && repeats(columnValues(table, mapping[kind === 'subscriptions' ? 'subscriptionId' : 'externalId']))) {
      doubts.push('its IDs repeat, so a row is not one record');
    }
    if (kind === 'events') {
      const names = columnValues(table, mapping['feature']);
      if (names.length >= 20 && new Set(names).size > names.length * 0.5) doubts.push('its event-name column has mostly distinct values');
    }
    return { kind, mapping, score: mapped - 3 * doubts.length, missing, doubts };
  });
  return guesses.sort((a, b) => Number(a.missing.length > 0) - Number(b.missing.length > 0) || b.score - a.score);
}
