import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../../common/db/testing/test-database';
import type { OutpostDatabase } from '../../../../../common/db/create-database';
import type { GridViewState } from '../../../../../common/book-views/grid-view';
import { bindGridViewsStore, deleteGridView, saveGridView, useGridViewsStore } from './grid-views-store';

const state: GridViewState = {
  columnOrder: ['name', 'mrr'],
  hiddenColumns: [],
  sorting: [{ id: 'mrr', desc: true }],
  filters: [{ id: 'tier', value: 'Enterprise' }],
  search: '',
};

async function settle(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('grid views store', () => {
  let db: OutpostDatabase | undefined;
  let unbind: (() => void) | undefined;
  afterEach(async () => {
    unbind?.();
    await db?.close();
  });

  it('saves, overwrites by name, flags broken stored views and deletes', async () => {
    db = await openTestDatabase('gridviews');
    unbind = bindGridViewsStore(db);
    await settle(() => useGridViewsStore.getState().loaded);

    const id = await saveGridView(db, 'Big Enterprise', state);
    expect(id).toMatch(/^view:/);
    await settle(() => useGridViewsStore.getState().views.length === 1);
    expect(useGridViewsStore.getState().views[0]).toMatchObject({ id, name: 'Big Enterprise', sorting: [{ id: 'mrr', desc: true }] });

    const again = await saveGridView(db, 'big enterprise', { ...state, search: 'north' });
    expect(again).toBe(id);
    await settle(() => useGridViewsStore.getState().views[0]?.search === 'north');
    expect(useGridViewsStore.getState().views).toHaveLength(1);

    await db.preferences.insert({ id: 'view:broken', kind: 'grid-view', value: { name: 'old shape' }, updatedAt: '' });
    await settle(() => useGridViewsStore.getState().broken.length === 1);
    expect(useGridViewsStore.getState().broken[0]?.id).toBe('view:broken');
    expect(useGridViewsStore.getState().views).toHaveLength(1);

    await deleteGridView(db, 'view:broken');
    await deleteGridView(db, id);
    await settle(() => useGridViewsStore.getState().views.length === 0 && useGridViewsStore.getState().broken.length === 0);
    expect(useGridViewsStore.getState().views).toEqual([]);
    expect(useGridViewsStore.getState().broken).toEqual([]);
  });

  it('refuses to save a view without a name', async () => {
    db = await openTestDatabase('gridviews');
    await expect(saveGridView(db, '  ', state)).rejects.toThrow(/name/);
  });
});
