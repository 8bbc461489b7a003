import { z } from 'zod';

/** Everything a saved grid view restores: which columns in which order, sorting, column filters and the search. */
export const gridViewStateSchema = z.object({
  columnOrder: z.array(z.string().min(1).max(64)).max(100),
  hiddenColumns: z.array(z.string().min(1).max(64)).max(100),
  sorting: z.array(z.object({ id: z.string().min(1).max(64), desc: z.boolean() })).max(20),
  filters: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        value: z.union([
          z.string().max(500),
          z.object({ min: z.number().nullable(), max: z.number().nullable() }),
          z.object({ from: z.string().max(10).nullable(), to: z.string().max(10).nullable() }),
        ]),
      }),
    )
    .max(100),
  search: z.string().max(500),
});
export type GridViewState = z.infer<typeof gridViewStateSchema>;

export const savedGridViewValueSchema = gridViewStateSchema.extend({
  name: z.string().trim().min(1, 'a view needs a name').max(100),
});
export type SavedGridViewValue = z.infer<typeof savedGridViewValueSchema>;

export interface SavedGridView extends SavedGridViewValue {
  /** `view:<uuid>`. */
  id: string;
  updatedAt: string;
}

/** A stored view that failed validation: kept out of the list, reported so it can be deleted. */
export interface BrokenGridView {
  id: string;
  problem: string;
}

export const GRID_VIEW_ID_PREFIX = 'view:';

/** Validates one stored `grid-view` preference; never throws. */
export function parseStoredGridView(stored: {
  id: string;
  value: unknown;
  updatedAt: string;
}): { ok: true; view: SavedGridView } | { ok: false; broken: BrokenGridView } {
  const result = savedGridViewValueSchema.safeParse(stored.value);
  if (!result.success) {
    const problem = result.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.length ? issue.path.join('.') : '(view)'}: ${issue.message}`)
      .join('; ');
    return { ok: false, broken: { id: stored.id, problem } };
  }
  return { ok: true, view: { ...result.data, id: stored.id, updatedAt: stored.updatedAt } };
}

/** Splits stored preferences into valid views (sorted by name) and broken ones. */
export function parseStoredGridViews(stored: readonly { id: string; value: unknown; updatedAt: string }[]): {
  views: SavedGridView[];
  broken: BrokenGridView[];
} {
  const views: SavedGridView[] = [];
  const broken: BrokenGridView[] = [];
  for (const item of stored) {
    const parsed = parseStoredGridView(item);
    if (parsed.ok) views.push(parsed.view);
    else broken.push(parsed.broken);
  }
  views.sort((a, b) => a.name.localeCompare(b.name));
  return { views, broken };
}
