import { readPlaybookFromDoc } from '../../common/playbooks/playbook-ydoc';
import { SYNCED_COLLECTIONS } from '../../common/sync/synced-collections';
import type { SyncedDocument } from '../../common/sync/wire-contract';
import type { ServerServices } from '../http/route-types';
import { idOfKey } from '../sync/team-keys';
import { ERASED, personalFinder, redactedStored, type PersonalValues } from './personal-copies';
import { redactNotesDoc, redactPlaybookDoc } from './room-redaction';

/** Which documents are about the erased contact or person (where a first name alone still points at them). */
export interface CopiesScope {
  /** The document is about them: every word of their name is erased from it, not only the whole name and email. */
  about(doc: SyncedDocument, collection: string): boolean;
  /** The same for an account's shared notes (those of accounts whose documents are about them are too). */
  notesAbout?(accountId: string): boolean;
}

/**
 * Erases the copies of a contact's or a person's name and email (or several contacts', an erased account's) that other documents hold (activity subjects and
 * bodies, meeting attendees, task titles, comments and mailto links, assignee and actor names, alerts, executions'
 * logs, field history, playbooks, team settings, notes, playbooks being co-edited): in every synced collection, the stored document, tombstones
 * included, and the tombstones of the scopes it left are rewritten with each value replaced by `[erased]`, the
 * changed fields stamped by the server so every replica takes the rewrite at its next sync and no older edit wins a
 * merge over it. Then the touched databases and the notes storage are compacted so no former value stays on disk.
 * Other contacts' documents lose the whole name and email only, never a word that is also their own name.
 */
export async function eraseCopies(services: ServerServices, values: PersonalValues | readonly PersonalValues[], scope: CopiesScope): Promise<Record<string, number>> {
  const finder = personalFinder(values);
  const counts: Record<string, number> = {};
  const accountsAbout = new Set<string>();
  const wordsToo = (doc: SyncedDocument, collection: string) => collection !== 'contacts' && scope.about(doc, collection);
  for (const name of SYNCED_COLLECTIONS) {
    const { store, validate } = services.collectionFor(name);
    const valid = (doc: SyncedDocument) => {
      try {
        validate([{ assumedMasterState: null, newDocumentState: doc }]);
        return true;
      } catch {
        return false;
      }
    };
    const holding = await store.scan((stored) => {
      const parts = wordsToo(stored.doc, name);
      if (parts) accountsAbout.add(name === 'accounts' ? stored.doc.id : String(stored.doc['accountId'] ?? ''));
      return finder.test(JSON.stringify(stored), parts);
    });
    for (const { doc } of holding) {
      const at = services.serverClock.now();
      const written = await store.rewriteStored(doc.teamId, doc.id, (stored) => {
        const parts = wordsToo(stored.doc, name);
        const redacted = redactedStored(stored, (text) => finder.redact(text, parts), at);
        // `[erased]` is longer than a short name: where that breaks a length limit replicas check, a '-' (never
        // longer than what it replaces) stands in, so every replica still accepts the rewrite.
        if (!redacted || valid(redacted.doc) || !valid(stored.doc)) return redacted;
        return redactedStored(stored, (text) => finder.redact(text, parts, '-'), at);
      });
      if (written) counts[name] = (counts[name] ?? 0) + 1;
    }
    if (counts[name]) await store.compactStorage();
  }
  // A notes room is named by its account's storage key (or the plain id for accounts from before id spaces).
  const rooms = services.notes();
  const notes = await rooms.editRooms('notes/', (room, doc) => {
    const accountId = idOfKey(room);
    const parts = accountsAbout.has(accountId) || (scope.notesAbout?.(accountId) ?? false);
    return redactNotesDoc(doc, (text) => finder.ranges(text, parts), ERASED);
  });
  if (notes) counts['notes'] = notes;
  // A playbook being co-edited (`playbooks/<team>/<id>`): about them only where it names them by id.
  const playbooks = await rooms.editRooms('playbooks/', (_room, doc) => {
    const playbook = readPlaybookFromDoc(doc);
    const parts = playbook !== null && scope.about(playbook as unknown as SyncedDocument, 'playbooks');
    return redactPlaybookDoc(doc, (text, replacement) => finder.redact(text, parts, replacement));
  });
  if (playbooks) counts['playbookRooms'] = playbooks;
  return counts;
}
