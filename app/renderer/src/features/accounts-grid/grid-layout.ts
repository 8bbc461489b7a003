import type { OutpostDatabase } from '../../../../../common/db/create-database';

/**
 * The grid's column choices as this device last left them, and the saved view they belong to: a `setting`
 * preference (device-only, never synced). With a saved view active, column changes are also written into that view,
 * so each view keeps its own columns; on reload the grid comes back on the same view with the same columns.
 */
export const GRID_LAYOUT_ID = 'grid-layout';

export interface GridLayout {
  /** The saved view the layout belongs to, or null for the unsaved grid. */
  activeViewId: string | null;
  columnOrder: string[];
  hiddenColumns: string[];
}

const zod = () => import('zod');

async function layoutSchema() {
  const { z } = await zod();
  return z.object({
    activeViewId: z.string().min(1).max(200).nullable(),
    columnOrder: z.array(z.string().min(1).max(64)).max(100),
    hiddenColumns: z.array(z.string().min(1).max(64)).max(100),
  });
}

/** The stored layout, or null when there is none or it does not validate (then the grid starts from its defaults). */
export async function loadGridLayout(db: OutpostDatabase): Promise<GridLayout | null> {
  const doc = await db.preferences.findOne(GRID_LAYOUT_ID).exec();
  if (!doc) return null;
  const parsed = (await layoutSchema()).safeParse(doc.toJSON().value);
  return parsed.success ? parsed.data : null;
}

export async function saveGridLayout(db: OutpostDatabase, layout: GridLayout): Promise<void> {
  await db.preferences.upsert({ id: GRID_LAYOUT_ID, kind: 'setting', value: { ...layout }, updatedAt: new Date().toISOString() });
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
