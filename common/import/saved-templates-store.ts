import type { OutpostDatabase } from '../db/create-database';
import { parseSavedTemplates, withTemplate, type SavedImportTemplate } from './saved-templates';

/**
 * The saved import templates of this device: one local document of `accounts` (device-only, never synced, like the
 * import batches), so no collection is added. What does not validate on reading is left out.
 */
const TEMPLATES = 'import-templates';

export async function loadSavedTemplates(db: OutpostDatabase): Promise<SavedImportTemplate[]> {
  const doc = await db.accounts.getLocal<Record<string, unknown>>(TEMPLATES);
  return doc ? parseSavedTemplates(doc.toJSON().data) : [];
}

async function store(db: OutpostDatabase, templates: readonly SavedImportTemplate[]): Promise<void> {
  await db.accounts.upsertLocal(TEMPLATES, { templates: JSON.parse(JSON.stringify(templates)) as unknown[] });
}

/** Saves a template (replacing one of the same name); returns the stored list, or why it was refused. */
export async function saveTemplate(
  db: OutpostDatabase,
  template: SavedImportTemplate,
): Promise<{ ok: true; templates: SavedImportTemplate[]; saved: SavedImportTemplate } | { ok: false; reason: string }> {
  const result = withTemplate(await loadSavedTemplates(db), template);
  if (!result.ok) return result;
  await store(db, result.templates);
  return { ok: true, templates: result.templates, saved: result.templates[0]! };
}

export async function deleteTemplate(db: OutpostDatabase, id: string): Promise<SavedImportTemplate[]> {
  const templates = (await loadSavedTemplates(db)).filter((t) => t.id !== id);
  await store(db, templates);
  return templates;
}
