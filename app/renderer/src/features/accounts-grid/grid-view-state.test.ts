import { describe, expect, it } from 'vitest';
import { defaultGridTableState, fromGridViewState, moveColumn, toGridViewState } from './grid-view-state';

const columns = [{ id: 'name' }, { id: 'tier' }, { id: 'mrr' }, { id: 'health', hiddenByDefault: true }];

describe('grid view state', () => {
  it('round-trips the table state through a saved view', () => {
    const state = {
      columnOrder: ['mrr', 'name', 'tier', 'health'],
      columnVisibility: { tier: false },
      sorting: [{ id: 'mrr', desc: true }],
      columnFilters: [{ id: 'mrr', value: { min: 100, max: null } }],
      search: 'north',
    };
    const view = toGridViewState(state);
    expect(view.hiddenColumns).toEqual(['tier']);
    expect(fromGridViewState(view, columns)).toEqual(state);
  });

  it('drops columns that no longer exist and appends new ones', () => {
    const restored = fromGridViewState(
      {
        columnOrder: ['tier', 'retired', 'name'],
        hiddenColumns: ['retired'],
        sorting: [{ id: 'retired', desc: false }, { id: 'tier', desc: false }],
        filters: [{ id: 'retired', value: 'x' }],
        search: '',
      },
      columns,
    );
    expect(restored.columnOrder).toEqual(['tier', 'name', 'mrr', 'health']);
    expect(restored.columnVisibility).toEqual({ health: false });
    expect(restored.sorting).toEqual([{ id: 'tier', desc: false }]);
    expect(restored.columnFilters).toEqual([]);
  });

  it('hides columns marked hidden by default', () => {
    expect(defaultGridTableState(columns).columnVisibility).toEqual({ health: false });
  });

  it('moves a column one place and stops at the ends', () => {
    const order = ['a', 'b', 'c'];
    expect(moveColumn(order, 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveColumn(order, 'b', 1)).toEqual(['a', 'c', 'b']);
    expect(moveColumn(order, 'a', -1)).toBe(order);
    expect(moveColumn(order, 'c', 1)).toBe(order);
  });
});
