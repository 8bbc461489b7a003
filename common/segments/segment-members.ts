import type { AccountFacts } from './account-facts';
import { compileCondition } from './evaluate-condition';
import type { Condition } from './segment-condition';

/** The accounts of one book version that match one condition. */
export interface SegmentMembers {
  /** The members' facts, in the book's order. */
  facts: readonly AccountFacts[];
  /** The members' account ids. */
  ids: ReadonlySet<string>;
}

/**
 * Members per book version (the facts array, by identity) and condition (by its JSON text): every page that asks for
 * a segment's members of the same book (the Segments page's counts and editor, the grid filtered by the segment) gets
 * the same answer without evaluating the condition over the book again. A new book version is a new facts array, so
 * its members are evaluated again; the old ones go with it (WeakMap).
 */
const byBook = new WeakMap<readonly AccountFacts[], Map<string, SegmentMembers>>();

/** Conditions kept per book version, the least recently asked for dropped first (an edited condition is a new one each keystroke). */
export const KEPT_CONDITIONS = 64;

/** The members of `book` matching `condition` (kept per book version and condition, see above). */
export function segmentMembers(book: readonly AccountFacts[], condition: Condition): SegmentMembers {
  let byCondition = byBook.get(book);
  if (!byCondition) byBook.set(book, (byCondition = new Map()));
  const key = JSON.stringify(condition);
  let members = byCondition.get(key);
  if (members) {
    byCondition.delete(key); // most recent last
  } else {
    const test = compileCondition(condition);
    const facts = book.filter((f) => test(f));
    members = { facts, ids: new Set(facts.map((f) => f.accountId)) };
    if (byCondition.size >= KEPT_CONDITIONS) byCondition.delete(byCondition.keys().next().value!);
  }
  byCondition.set(key, members);
  return members;
}
