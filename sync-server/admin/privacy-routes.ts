import { redactedTombstone } from '../../common/sync/redaction';
import type { SyncedDocument } from '../../common/sync/wire-contract';
import { HttpError, parseInput, readJson, sendJson } from '../http/http-io';
import type { Authenticated, Route, ServerServices } from '../http/route-types';
import { z } from 'zod';
import { documentIdSchema } from '../../common/sync/wire-contract';
import { adminView } from './people-routes';
import { locate } from '../sync/team-scope';
import { eraseCopies } from './erase-copies';
import { holdsValue } from './personal-copies';

/** `account:<id>`, `contact:<id>` or `person:<user id>`. */
export const subjectSchema = z
  .string()
  .max(140)
  .transform((text, ctx) => {
    const [kind, ...rest] = text.split(':');
    const id = rest.join(':');
    if ((kind !== 'account' && kind !== 'contact' && kind !== 'person') || !documentIdSchema.safeParse(id).success) {
      ctx.addIssue({ code: 'custom', message: 'must be account:<id>, contact:<id> or person:<user id>' });
      return z.NEVER;
    }
    return { kind, id } as { kind: 'account' | 'contact' | 'person'; id: string };
  });
/** `teamId`: which team's account or contact (each team has its own id space); needed only when several teams hold the id. */
const exportQuerySchema = z.object({ subject: subjectSchema, format: z.enum(['json', 'csv']).default('json'), teamId: documentIdSchema.optional() }).strict();
const eraseSchema = z.object({ subject: subjectSchema, teamId: documentIdSchema.optional() }).strict();

export type Subject = z.infer<typeof subjectSchema>;

/** One row per field of every exported record: `collection,id,field,value` (value as JSON when not text). */
export function exportCsv(records: Record<string, SyncedDocument[] | object[]>, notes: string | null): string {
  const cell = (value: unknown) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const rows = ['collection,id,field,value'];
  for (const [collection, docs] of Object.entries(records)) {
    for (const doc of docs as Record<string, unknown>[]) {
      for (const [field, value] of Object.entries(doc)) rows.push([collection, doc['id'] ?? '', field, value].map(cell).join(','));
    }
  }
  if (notes !== null) rows.push(['notes', '', 'text', notes].map(cell).join(','));
  return rows.join('\r\n');
}

/** Export, erase and their look-ups are for Admins only (a CS Manager's 403). */
export function adminOnly(actor: Authenticated): void {
  if (actor.record.role !== 'admin') throw new HttpError(403, 'Only an Admin can export or erase personal data');
}

/**
 * Where a subject's documents are: the team whose account or contact it names (team-scope.ts; 409 naming the `teams`
 * when several teams hold the id and none is given), and the stored documents it covers there, by collection.
 */
export function subjectStore(services: ServerServices) {
  /** The team whose account or contact the subject names (team-scope.ts): 409 when several teams hold the id. */
  async function teamOf(actor: Authenticated, subject: Subject, teamId: string | undefined): Promise<string | null> {
    const located = await locate(services.collectionFor(subject.kind === 'contact' ? 'contacts' : 'accounts').store, actor.user, subject.id, teamId);
    if ('ambiguous' in located) throw new HttpError(409, `Several teams hold ${subject.kind} "${subject.id}" (${located.ambiguous.join(', ')}): give teamId`, {}, 'REQ005', { teams: located.ambiguous });
    return 'missing' in located ? null : located.teamId;
  }

  /** The stored documents a subject covers in one team's id space, by collection. */
  async function documentsOf(subject: Subject, team: string | null): Promise<Record<string, SyncedDocument[]>> {
    const found: Record<string, SyncedDocument[]> = {};
    if (team === null) return found;
    if (subject.kind === 'contact') {
      const doc = await services.collectionFor('contacts').store.read(team, subject.id);
      if (doc) found['contacts'] = [doc];
      return found;
    }
    const account = await services.collectionFor('accounts').store.read(team, subject.id);
    if (!account) return found;
    found['accounts'] = [account];
    for (const name of services.dependentCollections()) {
      const { store } = services.collectionFor(name);
      const ids = await store.idsForAccount(team, subject.id);
      const docs = (await Promise.all(ids.map((id) => store.read(team, id)))).filter((doc): doc is SyncedDocument => doc !== null);
      if (docs.length) found[name] = docs;
    }
    return found;
  }
  return { teamOf, documentsOf };
}

/**
 * Data duties (GDPR articles 15, 17, 20), for Admins: export everything held about an account (with its contacts,
 * activities, revenue, usage, assessments, alerts and shared notes), a contact, or a person (their directory record
 * and what the audit log says they did) as JSON or CSV; erase it everywhere the server holds it (documents become
 * redacted tombstones that every replica takes at its next sync, departed copies and field history included, old
 * revisions compacted, Yjs notes deleted). Both are audited without the data itself.
 */
export function privacyRoutes(services: ServerServices): Route[] {
  const { authenticate, audit, collectionFor, users } = services;

  const { teamOf, documentsOf } = subjectStore(services);

  return [
    [
      'GET',
      /^\/admin\/privacy\/export$/,
      async (ctx) => {
        const actor = await authenticate(ctx);
        adminOnly(actor);
        const { subject, format, teamId } = parseInput(exportQuerySchema, Object.fromEntries(ctx.url.searchParams), 'export query');
        let records: Record<string, object[]>;
        let notes: string | null = null;
        if (subject.kind === 'person') {
          const person = await users.getUser(subject.id);
          if (!person) throw new HttpError(404, `User "${subject.id}" does not exist`);
          const actions = (await audit.entries()).filter((entry) => entry.actorId === subject.id);
          records = { person: [adminView(person)], audit: actions };
        } else {
          const team = await teamOf(actor, subject, teamId);
          records = await documentsOf(subject, team);
          if (Object.keys(records).length === 0) throw new HttpError(404, `Nothing is held about ${subject.kind} "${subject.id}"`);
          if (subject.kind === 'account') notes = await services.notes().noteText(await collectionFor('accounts').store.notesRoom(team!, subject.id));
        }
        await audit.append('exported', actor.record.id, { subject: `${subject.kind}:${subject.id}`, format });
        const name = `outpost-${subject.kind}-${subject.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
        if (format === 'csv') {
          ctx.res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"`, 'cache-control': 'no-store' });
          ctx.res.end(exportCsv(records, notes));
          return;
        }
        sendJson(ctx.res, 200, { subject: `${subject.kind}:${subject.id}`, exportedAt: new Date().toISOString(), records, ...(notes !== null ? { notes } : {}) }, {
          'content-disposition': `attachment; filename="${name}.json"`,
        });
      },
    ],
    [
      'POST',
      /^\/admin\/privacy\/erase$/,
      async (ctx) => {
        const actor = await authenticate(ctx);
        adminOnly(actor);
        const { subject, teamId } = parseInput(eraseSchema, await readJson(ctx.req, 4096), 'erase request');
        // The entry names the subject by id only, and is written before anything is erased.
        await audit.append('erased', actor.record.id, { subject: `${subject.kind}:${subject.id}` });
        if (subject.kind === 'person') {
          const person = await users.getUser(subject.id);
          if (!person) throw new HttpError(404, `User "${subject.id}" does not exist`);
          const owned = await collectionFor('accounts').store.scan(({ doc }) => !doc._deleted && doc.ownerId === person.id);
          if (owned.length) throw new HttpError(409, `${person.name} still owns ${owned.length} account(s): re-assign them first`, {}, 'REQ005');
          services.live.end(person.id, 'erased');
          await users.deleteUser(person.id);
          await users.compact();
          // Their name and email where other documents copied them: assignee, actor, author, attendee, text.
          const copies = await eraseCopies(services, { name: person.name, email: person.email }, { about: (doc) => holdsValue(doc, person.id) });
          sendJson(ctx.res, 200, { erased: { person: 1 }, copies });
          return;
        }
        const team = await teamOf(actor, subject, teamId);
        const found = await documentsOf(subject, team);
        if (Object.keys(found).length === 0) throw new HttpError(404, `Nothing is held about ${subject.kind} "${subject.id}"`);
        const counts: Record<string, number> = {};
        for (const [name, docs] of Object.entries(found)) {
          const { store, schema } = collectionFor(name);
          for (const doc of docs) {
            const redact = (each: SyncedDocument) => redactedTombstone(each, schema as never);
            if (await store.erase(doc.teamId, doc.id, redact, services.serverClock.now())) counts[name] = (counts[name] ?? 0) + 1;
            // The tombstones moves between teams left under the teams it came from hold its former state too.
            for (const copy of await store.copies(doc.id)) {
              if (copy.movedTo !== undefined && copy.doc.teamId !== doc.teamId) await store.erase(copy.doc.teamId, doc.id, redact, services.serverClock.now());
            }
          }
        }
        // Then the former revisions and the values LevelDB still keeps in its files are compacted away.
        for (const name of Object.keys(found)) await collectionFor(name).store.compactStorage();
        if (subject.kind === 'account') await services.notes().erase(await collectionFor('accounts').store.notesRoom(team!, subject.id));
        // The names and emails of the erased contact (or of every contact of the erased account, deleted ones too)
        // where other documents copied them: their account's activities, meetings, tasks, alerts and notes, other
        // accounts' documents naming them in full or by id, field history, tombstones.
        const accountId = subject.kind === 'account' ? subject.id : String(found['contacts']?.[0]?.['accountId'] ?? '');
        const contacts = (found['contacts'] ?? []).filter((each) => each['name'] || each['email']);
        const copies = contacts.length
          ? await eraseCopies(services, contacts.map((each) => ({ name: String(each['name'] ?? ''), email: String(each['email'] ?? '') })), {
              about: (doc, collection) =>
                doc['accountId'] === accountId || (collection === 'accounts' && doc.id === accountId) || contacts.some((each) => holdsValue(doc, each.id)),
              notesAbout: (each) => each === accountId,
            })
          : {};
        sendJson(ctx.res, 200, { erased: counts, copies });
      },
    ],
  ];
}
