import { z } from 'zod';
import { looseKey } from './field-parsers';
import { IMPORT_KINDS, type ImportKind } from './field-spec';
import type { ColumnMapping } from './column-mapping';
import type { FileSetup } from './plan-context';
import type { ColumnFormat, ValueMaps } from './validate-rows';

/**
 * The person's own import templates: a file's setup (what it holds, column -> field, value maps, formats, kept
 * columns) saved under a name, offered again for the next file with the same headers (compared loosely: case,
 * spaces and punctuation do not matter, nor does column order). Pure; storage is saved-templates-store.ts.
 */
export interface SavedImportTemplate {
  id: string;
  name: string;
  kind: ImportKind;
  /** The headers of the file it was saved from, as written there. */
  headers: string[];
  /** Field key -> header (null: not imported). */
  mapping: ColumnMapping;
  valueMaps: ValueMaps;
  formats: Record<string, ColumnFormat>;
  /** Accounts files: headers kept as custom fields. */
  keep: string[];
  /** Kept header -> custom field name, where they differ (a template saved from a file set up by another). */
  keepAs?: Record<string, string>;
  savedAt: string;
}

/** At most this many templates on a device. */
export const SAVED_TEMPLATES_CAP = 50;
export const TEMPLATE_NAME_MAX = 80;

const HEADER_MAX = 500;
const headerSchema = z.string().max(HEADER_MAX);
const templateSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(TEMPLATE_NAME_MAX),
  kind: z.enum(IMPORT_KINDS),
  headers: z.array(headerSchema).min(1).max(1000),
  mapping: z.record(z.string().max(100), headerSchema.nullable()),
  valueMaps: z.record(z.string().max(100), z.record(z.string().max(HEADER_MAX), z.string().max(HEADER_MAX))),
  formats: z.record(
    z.string().max(100),
    z.object({ dates: z.enum(['month-first', 'day-first']).optional(), decimals: z.enum(['point', 'comma']).optional() }),
  ),
  keep: z.array(headerSchema).max(1000),
  keepAs: z.record(headerSchema, headerSchema).optional(),
  savedAt: z.string().max(40),
});
const storedSchema = z.object({ templates: z.array(z.unknown()).max(1000) });

/** The stored templates that validate (a broken one is left out, not thrown on), newest first. */
export function parseSavedTemplates(stored: unknown): SavedImportTemplate[] {
  const outer = storedSchema.safeParse(stored);
  if (!outer.success) return [];
  const templates: SavedImportTemplate[] = [];
  for (const item of outer.data.templates) {
    const parsed = templateSchema.safeParse(item);
    if (parsed.success) templates.push(parsed.data as SavedImportTemplate);
  }
  return templates.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The loose header set a template and a file are matched by. */
function headerKey(headers: readonly string[]): string {
  return [...new Set(headers.map(looseKey))].sort().join('\u0000');
}

/** The templates saved from files with the same headers as these (loosely, in any order), newest first. */
export function matchingTemplates(templates: readonly SavedImportTemplate[], headers: readonly string[]): SavedImportTemplate[] {
  const key = headerKey(headers);
  return templates.filter((t) => headerKey(t.headers) === key).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** A file's current setup as a template under `name`. */
export function templateFromSetup(setup: FileSetup, name: string, id: string, now: Date): SavedImportTemplate {
  const headers = new Set(setup.table.headers);
  const mapping: ColumnMapping = {};
  for (const [field, header] of Object.entries(setup.mapping)) mapping[field] = header && headers.has(header) ? header : null;
  // Value maps and formats only of fields that are mapped: the rest would never apply.
  const mapped = (field: string) => Boolean(mapping[field]);
  const valueMaps = Object.fromEntries(Object.entries(setup.options?.valueMaps ?? {}).filter(([field, map]) => mapped(field) && Object.keys(map).length > 0).map(([field, map]) => [field, { ...map }]));
  const formats = Object.fromEntries(Object.entries(setup.options?.formats ?? {}).filter(([field]) => mapped(field)).map(([field, format]) => [field, { ...format }]));
  return {
    id,
    name: name.trim().slice(0, TEMPLATE_NAME_MAX),
    kind: setup.kind,
    headers: [...setup.table.headers],
    mapping,
    valueMaps,
    formats,
    keep: setup.kind === 'accounts' ? (setup.keep ?? []).filter((h) => headers.has(h)) : [],
    ...(setup.kind === 'accounts' && setup.keepAs && Object.keys(setup.keepAs).length > 0
      ? { keepAs: Object.fromEntries(Object.entries(setup.keepAs).filter(([h]) => (setup.keep ?? []).includes(h) && headers.has(h))) }
      : {}),
    savedAt: now.toISOString(),
  };
}

/**
 * The file set up as the template says: kind, mapping, value maps, formats and kept columns, with the template's
 * headers read as this file spells them. Refuses (returns null) a template saved from other headers.
 */
export function applyTemplate(setup: FileSetup, template: SavedImportTemplate): FileSetup | null {
  if (headerKey(setup.table.headers) !== headerKey(template.headers)) return null;
  const spelled = new Map(setup.table.headers.map((h) => [looseKey(h), h]));
  const here = (header: string | null) => (header === null ? null : (spelled.get(looseKey(header)) ?? null));
  const mapping: ColumnMapping = Object.fromEntries(Object.keys(setup.mapping).map((field) => [field, null]));
  for (const [field, header] of Object.entries(template.mapping)) mapping[field] = here(header);
  return {
    ...setup,
    kind: template.kind,
    mapping,
    options: { valueMaps: copy(template.valueMaps), formats: copy(template.formats) },
    keep: template.kind === 'accounts' ? template.keep.map(here).filter((h): h is string => h !== null) : [],
    // Custom fields keep the template's names, so this month's "priority" column fills last month's "Priority".
    keepAs: template.kind === 'accounts' ? Object.fromEntries(template.keep.map((h) => [here(h), template.keepAs?.[h] ?? h] as const).filter((e): e is [string, string] => e[0] !== null && e[0] !== e[1])) : {},
    template: { label: `your template “${template.name}”` },
    savedTemplateId: template.id,
  };
}

/**
 * The list with `template` saved: one of the same name (any case) is replaced; a new name beyond the cap is
 * refused with a reason.
 */
export function withTemplate(
  templates: readonly SavedImportTemplate[],
  template: SavedImportTemplate,
): { ok: true; templates: SavedImportTemplate[] } | { ok: false; reason: string } {
  if (template.name === '') return { ok: false, reason: 'A template needs a name.' };
  const same = (t: SavedImportTemplate) => t.name.toLowerCase() === template.name.toLowerCase();
  const others = templates.filter((t) => !same(t));
  if (others.length >= SAVED_TEMPLATES_CAP) {
    return { ok: false, reason: `There are already ${SAVED_TEMPLATES_CAP} saved templates: delete one first.` };
  }
  const replaced = templates.find(same);
  return { ok: true, templates: [{ ...template, id: replaced?.id ?? template.id }, ...others] };
}
