import { sameJson } from '../../common/json/json-equality';
import type { SyncedDocument } from '../../common/sync/wire-contract';
import type { StoredDocument } from '../sync/stored-document';

/** What an erased name or email becomes wherever another document had copied it. */
export const ERASED = '[erased]';

/** The values of an erased contact or person that other documents copy. */
export interface PersonalValues {
  name: string;
  email: string;
}

/**
 * Finds an erased person's values in free text: the whole email and the whole name (any case, any spacing, URL-
 * encoded too, as in a mailto link) everywhere; with `parts`, also each word of the name
 * on its own ("Zelda", "QUIST", "Zelda's"), for the documents that are about that person (their account's, or those naming
 * their id), where a first name alone still points at them.
 */
export interface Finder {
  /** Whether the text holds a value (whole values only, or parts too). */
  test(text: string, parts: boolean): boolean;
  /** `[start, end)` of each value the text holds, in order, not overlapping. */
  ranges(text: string, parts: boolean): [number, number][];
  /** The text with each value replaced by `replacement` (ERASED unless told). */
  redact(text: string, parts: boolean, replacement?: string): string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Not inside a word: no letter on either side (digits may border, as in `%20Zelda`). */
const word = (pattern: string) => `(?<!\\p{L})(?:${pattern})(?!\\p{L})`;

/** `values`: one erased person's, or several (an erased account's contacts), found in one pass. */
export function personalFinder(values: PersonalValues | readonly PersonalValues[]): Finder {
  const people: readonly PersonalValues[] = 'name' in values ? [values as PersonalValues] : (values as readonly PersonalValues[]);
  const wholes: string[] = [];
  const partWords = new Set<string>();
  for (const person of people) {
    const email = person.email.trim();
    const nameWords = person.name.trim().split(/\s+/).filter(Boolean);
    if (email) wholes.push(...[email, encodeURIComponent(email)].map(escape));
    if (nameWords.length) {
      const alternatives = nameWords.map((each) => `(?:${escape(each)}|${escape(encodeURIComponent(each))})`);
      wholes.push(word(alternatives.join('(?:\\s+|%20|\\+)')));
    }
    // Not the words of the email's local part: `sales@`, `info@` would take common words with them.
    for (const each of person.name.split(/[^\p{L}\p{N}]+/u)) if (each.length >= 2) partWords.add(each);
  }
  // The longest first, so one value that begins another (`a@x.co`, `a@x.com`) never leaves the rest of it behind.
  wholes.sort((a, b) => b.length - a.length);
  const parts = partWords.size ? [word([...partWords].sort((a, b) => b.length - a.length).map(escape).join('|'))] : [];
  const compile = (patterns: string[]) => (patterns.length ? new RegExp(patterns.join('|'), 'giu') : null);
  const wholeOnly = compile(wholes);
  const withParts = compile([...wholes, ...parts]);
  const pick = (withPartsToo: boolean) => (withPartsToo ? withParts : wholeOnly);
  return {
    test: (text, withPartsToo) => {
      const pattern = pick(withPartsToo);
      if (!pattern) return false;
      pattern.lastIndex = 0;
      return pattern.test(text);
    },
    ranges: (text, withPartsToo) => [...text.matchAll(pick(withPartsToo) ?? /(?!)/g)].map((match) => [match.index, match.index + match[0].length]),
    redact: (text, withPartsToo, replacement = ERASED) => {
      const pattern = pick(withPartsToo);
      return pattern ? text.replace(pattern, () => replacement) : text;
    },
  };
}

/** A playbook's references to its steps (playbook-definition.ts): a step id such as `tell-zelda` must keep naming its step. */
const STEP_REFERENCES = new Set(['start', 'next', 'then', 'else', 'timeoutNext']);

/**
 * Keys whose values are ids, stamps or scope, never copied personal text: left alone so references hold. Not
 * `externalId`: an import may have used an email address as one.
 */
const isReference = (key: string) =>
  key === 'id' || (/Id$/.test(key) && key !== 'externalId') || key === 'fieldStamps' || key === 'updatedAt' || key === '_deleted' || STEP_REFERENCES.has(key);

/** `value` with every string in it (keys and references excepted) passed through `redact`. */
export function redactStrings<T>(value: T, redact: (text: string) => string, key = ''): T {
  if (isReference(key)) return value;
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((each) => redactStrings(each, redact)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, each]) => [name, redactStrings(each, redact, name)])) as T;
  }
  return value;
}

/** Whether any value in `doc` (at any depth) is exactly `id`: the document names that person or record. */
export function holdsValue(value: unknown, id: string): boolean {
  if (value === id) return true;
  if (Array.isArray(value)) return value.some((each) => holdsValue(each, id));
  if (value && typeof value === 'object') return Object.values(value).some((each) => holdsValue(each, id));
  return false;
}

/** A document with `redact` applied to its strings; if that changed it, the changed fields are stamped `at` (a server write that wins the next merge everywhere). */
export function redactedDocument(doc: SyncedDocument, redact: (text: string) => string, at: string): SyncedDocument {
  const next = redactStrings(doc, redact);
  const changed = Object.keys(next).filter((field) => !sameJson(next[field], doc[field]));
  if (changed.length === 0) return doc;
  // fieldHistory is the server's alone and has no stamp.
  const stamps = Object.fromEntries(changed.filter((field) => field !== 'fieldHistory').map((field) => [field, at]));
  return { ...next, updatedAt: at, fieldStamps: { ...next.fieldStamps, ...stamps } };
}

/** The stored document (and the tombstones of scopes it left) with the copied values redacted, or null when it holds none. */
export function redactedStored(stored: StoredDocument, redact: (text: string) => string, at: string): StoredDocument | null {
  const doc = redactedDocument(stored.doc, redact, at);
  const departed = stored.departed?.map((scope) => ({ ...scope, tombstone: redactedDocument(scope.tombstone, redact, at) }));
  if (doc === stored.doc && sameJson(departed ?? null, stored.departed ?? null)) return null;
  return { doc, ...(departed ? { departed } : {}) };
}
