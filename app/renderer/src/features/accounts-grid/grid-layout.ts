import type { OutpostDatabase } from '../../../../../common/db/create-database';

/**
 * The grid's column choices as this device last left them, and the saved view they belong to: a device-only
 * preference, never synced. It is kept in localStorage (like the theme), written synchronously on every change, so a
 * reload or a window closed right after a change keeps it (an IndexedDB write still under way when the page goes is
 * lost). With a saved view active, column changes are also written into that view, so each view keeps its own
 * columns; on reload the grid comes back on the same view with the same columns.
 */
export interface GridLayout {
  /** The saved view the layout belongs to, or null for the unsaved grid. */
  activeViewId: string | null;
  columnOrder: string[];
  hiddenColumns: string[];
}

/** Where the layout of one book (one database) is kept. */
export const gridLayoutKey = (bookName: string) => `outpost:grid-layout:${bookName}`;

/** Until 2026-12 the layout was a `setting` preference document of this id; it is read once when localStorage has none. */
const LEGACY_PREFERENCE_ID = 'grid-layout';

const isIdList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length <= 100 && value.every((id) => typeof id === 'string' && id.length >= 1 && id.length <= 64);

/**
 * A stored layout, or null when it does not have the layout's shape (then the grid starts from its defaults). Checked
 * by hand rather than with zod so that restoring columns does not load zod on the way to the first grid.
 */
export function parseGridLayout(value: unknown): GridLayout | null {
  if (typeof value !== 'object' || value === null) return null;
  const { activeViewId, columnOrder, hiddenColumns } = value as Record<string, unknown>;
  const viewOk = activeViewId === null || (typeof activeViewId === 'string' && activeViewId.length >= 1 && activeViewId.length <= 200);
  if (!viewOk || !isIdList(columnOrder) || !isIdList(hiddenColumns)) return null;
  return { activeViewId: activeViewId as string | null, columnOrder: [...columnOrder], hiddenColumns: [...hiddenColumns] };
}

function readStored(storage: Storage, bookName: string): GridLayout | null | undefined {
  const text = storage.getItem(gridLayoutKey(bookName));
  if (text === null) return undefined;
  try {
    return parseGridLayout(JSON.parse(text));
  } catch {
    return null; // not JSON: the defaults
  }
}

/** The stored layout of the book, or null when there is none or it does not have the layout's shape. */
export async function loadGridLayout(db: OutpostDatabase, storage: Storage = localStorage): Promise<GridLayout | null> {
  const stored = readStored(storage, db.name);
  if (stored !== undefined) return stored;
  const legacy = await db.preferences.findOne(LEGACY_PREFERENCE_ID).exec();
  return legacy ? parseGridLayout(legacy.toJSON().value) : null;
}

/** Stores the layout at once (synchronously). */
export function saveGridLayout(bookName: string, layout: GridLayout, storage: Storage = localStorage): void {
  storage.setItem(gridLayoutKey(bookName), JSON.stringify(layout));
}

/** Writes the column choices into a saved view, keeping its sorting, filters and search; a view gone meanwhile is left alone. */
export async function saveViewColumns(db: OutpostDatabase, viewId: string, columns: Pick<GridLayout, 'columnOrder' | 'hiddenColumns'>): Promise<void> {
  const doc = await db.preferences.findOne(viewId).exec();
  if (!doc || doc.kind !== 'grid-view') return;
  await doc.incrementalPatch({
    value: { ...doc.toJSON().value, columnOrder: [...columns.columnOrder], hiddenColumns: [...columns.hiddenColumns] },
    updatedAt: new Date().toISOString(),
  });
}
