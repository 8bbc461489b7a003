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
  doc.transact(() => {
    for (const key of FIELDS) setField(fields, key, field(playbook, key));
    for (const step of playbook.steps) if (!same(steps.get(step.id), step)) steps.set(step.id, structuredClone(step));
    const ids = playbook.steps.map((step) => step.id);
    for (const id of [...steps.keys()]) if (!ids.includes(id)) steps.delete(id);
    reorder(doc.getArray<string>('order'), ids);
  }, origin);
}

/**
 * One person's edit, written as what they changed: `seen` is the playbook as it was on their screen when they acted,
 * `next` what their edit made of it. Only the fields, steps and order that differ between the two are written, so an
 * edit from someone else that arrived in between (and `seen` did not show yet) is kept rather than written back over.
 */
export function writePlaybookEdit(doc: Y.Doc, seen: PlaybookInput, next: PlaybookInput, origin: unknown = null): void {
  const fields = doc.getMap<unknown>('fields');
  const steps = doc.getMap<Step>('steps');
  doc.transact(() => {
    for (const key of FIELDS) if (!same(field(seen, key), field(next, key))) setField(fields, key, field(next, key));
    const before = new Map(seen.steps.map((step) => [step.id, step]));
    for (const step of next.steps) if (!same(before.get(step.id), step)) steps.set(step.id, structuredClone(step));
    const ids = next.steps.map((step) => step.id);
    for (const id of before.keys()) if (!ids.includes(id) && steps.has(id)) steps.delete(id);
    if (!same([...before.keys()], ids)) {
      // The order this edit made, applied to the order the document holds now: a step someone else added meanwhile
      // stays after the step it followed there.
      const order = doc.getArray<string>('order');
      const target = [...ids];
      const current = order.toArray().filter((id) => ids.includes(id) || !before.has(id));
      current.forEach((id, index) => {
        if (target.includes(id)) return;
        let previous = index - 1;
        while (previous >= 0 && !target.includes(current[previous]!)) previous--;
        target.splice(previous < 0 ? 0 : target.indexOf(current[previous]!) + 1, 0, id);
      });
      reorder(order, target);
    }
  }, origin);
}

function field(playbook: PlaybookInput, key: (typeof FIELDS)[number]): unknown {
  return (playbook as unknown as Record<string, unknown>)[key];
}

function setField(fields: Y.Map<unknown>, key: string, value: unknown): void {
  if (value === undefined) {
    if (fields.has(key)) fields.delete(key);
  } else if (!same(fields.get(key), value)) fields.set(key, structuredClone(value));
}

/** Brings the shared order to `ids` with the smallest change: deletions of ids no longer there, then insertions. */
function reorder(order: Y.Array<string>, ids: string[]): void {
  const current = order.toArray();
  if (same(current, ids)) return;
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
