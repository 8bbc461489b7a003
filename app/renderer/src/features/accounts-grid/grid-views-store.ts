import { create } from 'zustand';
import type { OutpostDatabase } from '../../../../../common/db/create-database';
import type { BrokenGridView, GridViewState, SavedGridView } from '../../../../../common/book-views/grid-view';

/** Saved views are validated with zod, which loads after the first screen: the grid does not wait for the views list. */
const gridViews = () => import('../../../../../common/book-views/grid-view');

interface GridViewsState {
  /** Valid saved views, by name; a live view of the `preferences` collection, not a copy to edit. */
  views: readonly SavedGridView[];
  /** Stored views that failed validation; shown so they can be deleted, never applied. */
  broken: readonly BrokenGridView[];
  loaded: boolean;
}

export const useGridViewsStore = create<GridViewsState>(() => ({ views: [], broken: [], loaded: false }));

/** Keeps the store bound to the live `grid-view` preferences; returns the unsubscribe. */
export function bindGridViewsStore(db: OutpostDatabase): () => void {
  let unsubscribe: (() => void) | undefined;
  let unbound = false;
  void gridViews().then(({ parseStoredGridViews }) => {
    if (unbound) return;
    const subscription = db.preferences.find({ selector: { kind: 'grid-view' } }).$.subscribe((docs) => {
      const { views, broken } = parseStoredGridViews(
        docs.map((doc) => ({ id: doc.id, value: doc.value as unknown, updatedAt: doc.updatedAt })),
      );
      useGridViewsStore.setState({ views, broken, loaded: true });
    });
    unsubscribe = () => subscription.unsubscribe();
  });
  return () => {
    unbound = true;
    unsubscribe?.();
  };
}

function newViewId(GRID_VIEW_ID_PREFIX: string): string {
  const uuid =
    typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
  return `${GRID_VIEW_ID_PREFIX}${uuid}`;
}

/**
 * Saves the grid state under `name`: a view with the same name (ignoring case) is overwritten, otherwise a new one is
 * created. Throws a readable error when the state does not validate. Resolves to the view's id.
 */
export async function saveGridView(db: OutpostDatabase, name: string, state: GridViewState): Promise<string> {
  const { GRID_VIEW_ID_PREFIX, savedGridViewValueSchema } = await gridViews();
  const parsed = savedGridViewValueSchema.safeParse({ ...state, name });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Cannot save view: ${issue ? `${issue.path.join('.') || 'view'}: ${issue.message}` : 'invalid view'}`);
  }
  const sameName = useGridViewsStore
    .getState()
    .views.find((view) => view.name.toLowerCase() === parsed.data.name.toLowerCase());
  const id = sameName?.id ?? newViewId(GRID_VIEW_ID_PREFIX);
  await db.preferences.upsert({ id, kind: 'grid-view', value: parsed.data, updatedAt: new Date().toISOString() });
  return id;
}

/** Deletes a saved (or broken) view; deleting one that is already gone is not an error. */
export async function deleteGridView(db: OutpostDatabase, id: string): Promise<void> {
  const doc = await db.preferences.findOne(id).exec();
  await doc?.remove();
}
