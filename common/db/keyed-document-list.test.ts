import { describe, expect, it } from 'vitest';
import { createRandom } from '../random/seeded-random';
import { applyDocumentChanges } from './keyed-document-list';

interface Doc {
  id: string;
  v: number;
}
const idOf = (doc: Doc) => doc.id;

/** The plain way: every document by id, changes written over them, sorted by id. */
function naive(list: readonly Doc[], changes: ReadonlyMap<string, Doc | null>): Doc[] {
  const byId = new Map(list.map((doc) => [doc.id, doc]));
  for (const [id, doc] of changes) {
    if (doc === null) byId.delete(id);
    else byId.set(id, doc);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

describe('applyDocumentChanges', () => {
  it('gives what replacing, adding and removing by id and sorting would, for any list and changes', () => {
    const rng = createRandom(15);
    for (let round = 0; round < 300; round++) {
      const ids = new Set<string>();
      const size = Math.floor(rng() * 40);
      while (ids.size < size) ids.add(`a-${Math.floor(rng() * 80)}`);
      const list = [...ids].sort().map((id) => ({ id, v: 0 }));
      const changes = new Map<string, Doc | null>();
      const count = Math.floor(rng() * 12);
      for (let i = 0; i < count; i++) {
        const id = `a-${Math.floor(rng() * 80)}`;
        changes.set(id, rng() < 0.3 ? null : { id, v: round * 100 + i });
      }
      const before = list.slice();
      expect(applyDocumentChanges(list, changes, idOf)).toEqual(naive(list, changes));
      expect(list).toEqual(before);
    }
  });

  it('keeps unchanged documents as they were (same objects) and returns a new array', () => {
    const list = [{ id: 'a', v: 1 }, { id: 'b', v: 1 }, { id: 'c', v: 1 }];
    const next = applyDocumentChanges(list, new Map([['b', { id: 'b', v: 2 }]]), idOf);
    expect(next).not.toBe(list);
    expect(next[0]).toBe(list[0]);
    expect(next[2]).toBe(list[2]);
    expect(next[1]).toEqual({ id: 'b', v: 2 });
  });

  it('orders ids as JavaScript strings compare (upper case before lower case, as IndexedDB keys)', () => {
    const next = applyDocumentChanges([{ id: 'B', v: 0 }], new Map([['a', { id: 'a', v: 0 }], ['C', { id: 'C', v: 0 }]]), idOf);
    expect(next.map(idOf)).toEqual(['B', 'C', 'a']);
  });
});
