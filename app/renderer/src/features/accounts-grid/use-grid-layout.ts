import { useEffect, useRef, useState } from 'react';
import type { OutpostDatabase } from '../../../../../common/db/create-database';
import type { SavedGridView } from '../../../../../common/book-views/grid-view';
import { useGridViewsStore } from './grid-views-store';
import { useAccountsStore } from '../../stores/accounts-store';
import { loadGridLayout, saveGridLayout, saveViewColumns } from './grid-layout';
import type { useAccountsGrid } from './use-accounts-grid';

type Grid = ReturnType<typeof useAccountsGrid>;

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Keeps the grid's column choices across reloads, per saved view: restores the stored layout (and the view it belonged
 * to) once the saved views are known, then stores every change of columns or view at once (see grid-layout.ts).
 */
export function useGridLayoutPersistence(db: OutpostDatabase, grid: Grid): void {
  const viewsLoaded = useGridViewsStore((s) => s.loaded);
  // The book's custom fields are columns too: restore once they are known, so a shown custom column stays shown.
  const accountsLoaded = useAccountsStore((s) => s.loaded);
  const [restored, setRestored] = useState(false);
  const gridRef = useRef(grid);
  gridRef.current = grid;

  useEffect(() => {
    if (restored || !viewsLoaded || !accountsLoaded) return;
    let cancelled = false;
    void loadGridLayout(db)
      .then((layout) => {
        if (cancelled || !layout) return;
        const view = layout.activeViewId ? useGridViewsStore.getState().views.find((v) => v.id === layout.activeViewId) : undefined;
        if (view) {
          gridRef.current.applyView(view);
          gridRef.current.setActiveViewId(view.id);
        }
        // The layout holds the latest columns, also of the view (whose own copy is written after it, asynchronously).
        gridRef.current.applyColumns(layout);
      })
      .catch(() => undefined) // an unreadable layout leaves the default columns
      .finally(() => {
        if (!cancelled) setRestored(true);
      });
    return () => {
      cancelled = true;
    };
  }, [db, restored, viewsLoaded, accountsLoaded]);

  const { columnOrder, columnVisibility, activeViewId } = grid;
  useEffect(() => {
    if (!restored) return;
    const hiddenColumns = Object.entries(columnVisibility)
      .filter(([, visible]) => !visible)
      .map(([id]) => id);
    const layout = { activeViewId, columnOrder: [...columnOrder], hiddenColumns };
    try {
      saveGridLayout(db.name, layout);
    } catch {
      // storage full or unavailable: the columns still apply for this session
    }
    const view: SavedGridView | undefined = activeViewId ? useGridViewsStore.getState().views.find((v) => v.id === activeViewId) : undefined;
    if (view && !(sameList(view.columnOrder, layout.columnOrder) && sameList([...view.hiddenColumns].sort(), [...hiddenColumns].sort()))) {
      void saveViewColumns(db, view.id, layout).catch(() => undefined);
    }
  }, [db, restored, columnOrder, columnVisibility, activeViewId]);
}
