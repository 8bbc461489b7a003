import * as Y from 'yjs';
import type { PlaybookInput } from './playbook-definition';

/**
 * A playbook being co-edited, as a Yjs document: top-level fields (name, description, trigger, trigger conditions,
 * start) in the map `fields`, each step (by id) in the map `steps`, their order in the array `order`. Two managers
 * editing different fields or different steps both keep their edits; the same field edited by both ends as one of
 * the two on every replica (Yjs decides). Stored versions remain RxDB documents: the builder saves or activates what
 * the shared document holds, through the same validation.
 */
type Step = PlaybookInput['steps'][number];

const FIELDS = ['id', 'version', 'name', 'description', 'trigger', 'filter', 'start'] as const;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Writes only what differs from what the document holds (so a concurrent edit elsewhere is not overwritten). */
export function writePlaybookToDoc(doc: Y.Doc, playbook: PlaybookInput, origin: unknown = null): void {
  const fields = doc.getMap<unknown>('fields');
  const steps = doc.getMap<Step>('steps');
  const order = doc.getArray<string>('order');
  doc.transact(() => {
    for (const key of FIELDS) {
      const value = (playbook as unknown as Record<string, unknown>)[key];
      if (value === undefined) {
        if (fields.has(key)) fields.delete(key);
      } else if (!same(fields.get(key), value)) fields.set(key, structuredClone(value));
    }
    const ids = playbook.steps.map((step) => step.id);
    for (const step of playbook.steps) if (!same(steps.get(step.id), step)) steps.set(step.id, structuredClone(step));
    for (const id of [...steps.keys()]) if (!ids.includes(id)) steps.delete(id);
    const current = order.toArray();
    if (!same(current, ids)) {
      // Deletions of ids no longer there, then insertions where they belong: the smallest change to the order.
      for (let i = current.length - 1; i >= 0; i--) if (!ids.includes(current[i]!)) order.delete(i, 1);
      const kept = order.toArray();
      if (!same(kept, ids.filter((id) => kept.includes(id)))) {
        order.delete(0, order.length);
        order.insert(0, ids);
      } else {
        ids.forEach((id, index) => {
          if (order.get(index) !== id) order.insert(index, [id]);
        });
      }
    }
  }, origin);
}

/** The playbook the document holds (not yet validated), or null while it is empty. */
export function readPlaybookFromDoc(doc: Y.Doc): PlaybookInput | null {
  const fields = doc.getMap<unknown>('fields');
  if (!fields.has('id')) return null;
  const steps = doc.getMap<Step>('steps');
  const seen = new Set<string>();
  const ordered: Step[] = [];
  // An id in the order twice (two managers inserted the same step) or without a step (deleted elsewhere) is skipped;
  // a step missing from the order (added concurrently with a reorder) goes last.
  for (const id of doc.getArray<string>('order').toArray()) {
    const step = steps.get(id);
    if (step && !seen.has(id)) {
      ordered.push(step);
      seen.add(id);
    }
  }
  for (const [id, step] of steps) if (!seen.has(id)) ordered.push(step);
  const playbook: Record<string, unknown> = {};
  for (const key of FIELDS) if (fields.has(key)) playbook[key] = fields.get(key);
  return { ...(playbook as unknown as PlaybookInput), steps: ordered };
}
