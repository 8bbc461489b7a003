import { describe, expect, it } from 'vitest';
import { parseStoredGridView, parseStoredGridViews, type SavedGridViewValue } from './grid-view';

const good: SavedGridViewValue = {
  name: 'Enterprise renewals',
  columnOrder: ['name', 'tier', 'mrr'],
  hiddenColumns: ['industry'],
  sorting: [{ id: 'renewalDate', desc: false }],
  filters: [
    { id: 'tier', value: 'Enterprise' },
    { id: 'mrr', value: { min: 1000, max: null } },
    { id: 'renewalDate', value: { from: '2026-01-01', to: null } },
  ],
  search: 'north',
};

describe('stored grid views', () => {
  it('accepts a well-formed view and keeps its id and stamp', () => {
    const parsed = parseStoredGridView({ id: 'view:1', value: good, updatedAt: '2026-01-01T00:00:00.000Z' });
    expect(parsed).toEqual({ ok: true, view: { ...good, id: 'view:1', updatedAt: '2026-01-01T00:00:00.000Z' } });
  });

  it('flags a broken view with where it is wrong instead of throwing', () => {
    const parsed = parseStoredGridView({ id: 'view:2', value: { ...good, sorting: [{ id: 'mrr', desc: 'yes' }] }, updatedAt: '' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.broken.id).toBe('view:2');
      expect(parsed.broken.problem).toContain('sorting.0.desc');
    }
  });

  it('rejects a view without a name, and non-object values', () => {
    expect(parseStoredGridView({ id: 'v', value: { ...good, name: '  ' }, updatedAt: '' }).ok).toBe(false);
    expect(parseStoredGridView({ id: 'v', value: null, updatedAt: '' }).ok).toBe(false);
    expect(parseStoredGridView({ id: 'v', value: 'x', updatedAt: '' }).ok).toBe(false);
  });

  it('splits a list into sorted views and broken ones', () => {
    const { views, broken } = parseStoredGridViews([
      { id: 'view:b', value: { ...good, name: 'Zeta' }, updatedAt: '' },
      { id: 'view:x', value: { name: 'half a view' }, updatedAt: '' },
      { id: 'view:a', value: { ...good, name: 'Alpha' }, updatedAt: '' },
    ]);
    expect(views.map((v) => v.name)).toEqual(['Alpha', 'Zeta']);
    expect(broken.map((b) => b.id)).toEqual(['view:x']);
  });
});
