import type * as Y from 'yjs';
import { sameJson } from '../../common/json/json-equality';
import { readPlaybookFromDoc } from '../../common/playbooks/playbook-ydoc';
import { validatePlaybook } from '../../common/playbooks/validate-playbook';
import { redactStrings } from './personal-copies';

/**
 * Erased values in the Yjs rooms (yjs-rooms.ts), edited in place like any co-editor's change: an account's notes
 * (one shared text) and a playbook being co-edited (maps of fields and steps, as playbook-ydoc.ts writes them).
 */

/** Replaces each `[start, end)` of the notes text with `replacement`; false when there is none. */
export function redactNotesDoc(doc: Y.Doc, ranges: (text: string) => [number, number][], replacement: string): boolean {
  const text = doc.getText('notes');
  const found = ranges(text.toString());
  if (found.length === 0) return false;
  doc.transact(() => {
    for (const [start, end] of [...found].reverse()) {
      text.delete(start, end - start);
      text.insert(start, replacement);
    }
  });
  return true;
}

type Entries = Map<string, unknown>;

/**
 * Rewrites every field and step of a co-edited playbook whose text holds an erased value (`redact(text, replacement)`),
 * leaving ids and step references as they are. Where the rewrite would break a playbook that was valid (`[erased]`
 * longer than a short name at a length limit), a '-' stands in instead, so the builder can still save it. False when
 * nothing changed.
 */
export function redactPlaybookDoc(doc: Y.Doc, redact: (text: string, replacement?: string) => string): boolean {
  const fields = doc.getMap<unknown>('fields');
  const steps = doc.getMap<unknown>('steps');
  const changes = (replacement?: string): [Entries, Entries] => {
    // A field by its name (`id`, `start` are references); a step by its content (the map's key is its id).
    const changed = (map: Y.Map<unknown>, byName: boolean): Entries => {
      const out: Entries = new Map();
      for (const [key, value] of map) {
        const next = redactStrings(value, (text) => redact(text, replacement), byName ? key : '');
        if (!sameJson(next, value)) out.set(key, next);
      }
      return out;
    };
    return [changed(fields, true), changed(steps, false)];
  };
  let [fieldChanges, stepChanges] = changes();
  if (fieldChanges.size === 0 && stepChanges.size === 0) return false;
  const before = readPlaybookFromDoc(doc);
  if (before && validatePlaybook(before).ok && !validatePlaybook(applied(before, fieldChanges, stepChanges)).ok) {
    [fieldChanges, stepChanges] = changes('-');
  }
  doc.transact(() => {
    for (const [key, value] of fieldChanges) fields.set(key, value);
    for (const [key, value] of stepChanges) steps.set(key, value);
  });
  return true;
}

/** The playbook `before` with the changed fields and steps in place (to validate before writing them). */
function applied(before: NonNullable<ReturnType<typeof readPlaybookFromDoc>>, fields: Entries, steps: Entries): unknown {
  const next: Record<string, unknown> = { ...before, ...Object.fromEntries(fields) };
  next['steps'] = before.steps.map((step) => steps.get(step.id) ?? step);
  return next;
}
