import { admitOwnFeatures, featureKey, isProductFeature, OWN_FEATURE_CAP_REASON } from '../model';
import { OWN_FEATURE_PREFIX } from '../export/export-book';
import type { FileRows } from './plan-context';
import { capDrop, type FeatureCapDrop, type FeatureCatalogueEntry } from './feature-catalogue';
import type { UsageImportRow } from './usage-fields';

export interface WideOwnFeatures {
  /** Per line: the row's counts of the admitted feature columns, or why the row is refused. */
  byLine: Map<number, { counts: [string, number][] } | { column: string; reason: string }>;
  /** One entry per `Feature: ` column, as the preview lists an events file's names. */
  entries: FeatureCatalogueEntry[];
  dropped: FeatureCapDrop | null;
}

/**
 * The kept `Feature: <key>` columns of a wide usage file (the export's own feature columns): each cell a whole number
 * or blank (no data); keys under the book's cap on own features (`known` grows by the admitted ones), as for events.
 */
export function readWideOwnFeatures(rows: FileRows<UsageImportRow>, known: Set<string>): WideOwnFeatures {
  const { table } = rows.setup;
  const columns = (rows.setup.keep ?? [])
    .filter((h) => h.startsWith(OWN_FEATURE_PREFIX))
    .map((header) => ({ header, index: table.headers.indexOf(header), key: featureKey(header.slice(OWN_FEATURE_PREFIX.length)) }))
    .filter((c): c is { header: string; index: number; key: string } => c.index >= 0 && c.key !== null);
  const rowByLine = new Map<number, string[]>();
  table.lines.forEach((line, i) => rowByLine.set(line, table.rows[i] ?? []));
  const byLine: WideOwnFeatures['byLine'] = new Map();
  const totals = new Map<string, number>();
  for (const record of rows.records) {
    const cells = rowByLine.get(record.line) ?? [];
    const counts: [string, number][] = [];
    let problem: { column: string; reason: string } | null = null;
    for (const { header, index, key } of columns) {
      const cell = (cells[index] ?? '').trim();
      if (!cell) continue;
      if (!/^\d{1,10}$/.test(cell)) {
        problem = { column: header, reason: `${header}: "${cell.slice(0, 40)}" is not a whole number` };
        break;
      }
      counts.push([key, Number(cell)]);
    }
    if (problem) {
      byLine.set(record.line, problem);
      continue;
    }
    byLine.set(record.line, { counts });
    for (const [key, n] of counts) totals.set(key, (totals.get(key) ?? 0) + n);
  }
  const { admitted } = admitOwnFeatures(known, totals);
  for (const key of admitted) known.add(key);
  const stored = (key: string) => isProductFeature(key) || known.has(key);
  for (const [line, entry] of byLine) if ('counts' in entry) byLine.set(line, { counts: entry.counts.filter(([key]) => stored(key)) });
  const entries: FeatureCatalogueEntry[] = columns.map(({ header, key }) => ({
    file: table.fileName,
    name: header,
    events: totals.get(key) ?? 0,
    ...(stored(key) ? { storedAs: key, own: !isProductFeature(key) } : { storedAs: null, own: false, reason: `not stored: ${OWN_FEATURE_CAP_REASON}` }),
  }));
  return { byLine, entries, dropped: capDrop(table.fileName, entries) };
}
