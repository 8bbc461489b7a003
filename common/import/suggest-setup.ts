import { CUSTOM_FIELD_PREFIX, OWN_FEATURE_PREFIX } from '../export/export-book';
import type { CsvTable } from './csv-table';
import { detectFormats } from './detect-formats';
import { detectKinds, type KindGuess } from './detect-kind';
import type { ImportKind } from './field-spec';
import { autoMapColumns } from './column-mapping';
import { importKindSpec } from './import-kinds';
import type { FileSetup } from './plan-context';
import { normaliseCell } from './validate-rows';
import { detectTemplate, type VendorTemplate } from './vendor-templates';

/** A file's setup as Outpost first guesses it: the best-fitting kind, its mapping, the detected formats. */
export function suggestSetup(table: CsvTable): FileSetup & { guesses: KindGuess[]; template: VendorTemplate | null } {
  const guesses = detectKinds(table);
  const template = detectTemplate(table.headers);
  // A recognised vendor export decides the kind when its headers fit that kind; otherwise the best fit does.
  const best = guesses.find((g) => template && g.kind === template.kind && g.missing.length === 0) ?? guesses[0]!;
  // Columns an Outpost export wrote from custom fields are kept as custom fields again.
  const keepPrefix = best.kind === 'accounts' ? CUSTOM_FIELD_PREFIX : best.kind === 'usage' ? OWN_FEATURE_PREFIX : null;
  const keep = keepPrefix ? table.headers.filter((h) => h.startsWith(keepPrefix)) : [];
  return { table, kind: best.kind, mapping: best.mapping, options: { formats: detectFormats(best.kind, table, best.mapping), valueMaps: {} }, keep, guesses, template };
}

/** The same file set up as another kind: mapping and formats guessed afresh, value maps dropped. */
export function withKind(setup: FileSetup, kind: ImportKind): FileSetup {
  const mapping = autoMapColumns(kind, setup.table.headers);
  return { ...setup, kind, mapping, options: { formats: detectFormats(kind, setup.table, mapping), valueMaps: {} }, keep: [] };
}

/** One distinct value of a column and how the field reads it (after the value map). */
export interface ValueReading {
  value: string;
  rows: number;
  /** What is stored, or why it cannot be read. */
  reads: { ok: true; value: string } | { ok: false; reason: string };
}

/** The distinct values of the column mapped to a field (most frequent first, at most `limit`), as the field reads them. */
export function valueReadings(setup: FileSetup, fieldKey: string, limit = 40): ValueReading[] {
  const header = setup.mapping[fieldKey];
  const index = header ? setup.table.headers.indexOf(header) : -1;
  if (index < 0) return [];
  const field = importKindSpec(setup.kind).fields.find((f) => f.key === fieldKey);
  if (!field) return [];
  const counts = new Map<string, number>();
  for (const row of setup.table.rows) {
    const value = (row[index] ?? '').trim();
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([value, rows]) => {
      const cell = normaliseCell(value, setup.options?.valueMaps?.[fieldKey], setup.options?.formats?.[fieldKey]);
      if (cell === '') return { value, rows, reads: { ok: true, value: '(blank)' } };
      const parsed = field.parse(cell);
      return { value, rows, reads: parsed.ok ? { ok: true, value: String(parsed.value) } : { ok: false, reason: parsed.reason } };
    });
}
