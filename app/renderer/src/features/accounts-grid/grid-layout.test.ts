import { describe, expect, it } from 'vitest';
import { gridLayoutKey, parseGridLayout, saveGridLayout } from './grid-layout';

/** The Web Storage API over a Map (Node has no localStorage). */
class MapStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('grid layout', () => {
  it('is stored at once, per book, and read back as it was', () => {
    const storage = new MapStorage();
    const layout = { activeViewId: 'view-1', columnOrder: ['name', 'owner', 'tier'], hiddenColumns: ['tier'] };
    saveGridLayout('book-a', layout, storage);
    expect(storage.getItem(gridLayoutKey('book-b'))).toBeNull();
    expect(parseGridLayout(JSON.parse(storage.getItem(gridLayoutKey('book-a'))!))).toEqual(layout);
  });

  it('refuses what does not have the layout’s shape, so the grid starts from its defaults', () => {
    expect(parseGridLayout(null)).toBeNull();
    expect(parseGridLayout('name')).toBeNull();
    expect(parseGridLayout({ activeViewId: null, columnOrder: ['name'] })).toBeNull();
    expect(parseGridLayout({ activeViewId: 3, columnOrder: [], hiddenColumns: [] })).toBeNull();
    expect(parseGridLayout({ activeViewId: null, columnOrder: [''], hiddenColumns: [] })).toBeNull();
    expect(parseGridLayout({ activeViewId: null, columnOrder: Array.from({ length: 101 }, (_, i) => `c${i}`), hiddenColumns: [] })).toBeNull();
    expect(parseGridLayout({ activeViewId: null, columnOrder: ['name'], hiddenColumns: [], extra: 1 })).toEqual({
      activeViewId: null,
      columnOrder: ['name'],
      hiddenColumns: [],
    });
  });
});
