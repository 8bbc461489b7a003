import { z } from 'zod';
import { documentIdSchema } from '../../common/sync/wire-contract';
import { HttpError, parseInput, sendJson } from '../http/http-io';
import type { Route, ServerServices } from '../http/route-types';
import { adminOnly, subjectSchema, subjectStore } from './privacy-routes';

const previewQuerySchema = z.object({ subject: subjectSchema, teamId: documentIdSchema.optional() }).strict();
const searchQuerySchema = z.object({ q: z.string().trim().min(2).max(100) }).strict();
const SEARCH_LIMIT = 25;

/** One subject a search found: what to send back as `subject` (and `teamId`) to export or erase it. */
export interface SubjectMatch {
  subject: string;
  kind: 'account' | 'contact' | 'person';
  id: string;
  teamId: string | null;
  name: string;
  email?: string;
  accountId?: string;
}

/**
 * What the admin screen needs before exporting or erasing personal data (privacy-routes.ts), for Admins only and
 * without side effects: a search of the accounts, contacts and people whose name or email holds some text (every
 * team's, each with its team, so a chosen match never needs asking which team), and a preview of an erasure — the
 * subject's name (typed to confirm) and how many documents of each collection it would erase, 409 naming the `teams`
 * when several teams hold the id and none is given, as the erasure itself answers.
 */
export function privacyLookupRoutes(services: ServerServices): Route[] {
  const { authenticate, collectionFor, users } = services;
  const { teamOf, documentsOf } = subjectStore(services);

  return [
    [
      'GET',
      /^\/admin\/privacy\/search$/,
      async (ctx) => {
        adminOnly(await authenticate(ctx));
        const { q } = parseInput(searchQuerySchema, Object.fromEntries(ctx.url.searchParams), 'search query');
        const needle = q.toLowerCase();
        const holds = (...values: unknown[]) => values.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
        const matches: SubjectMatch[] = [];
        for (const person of await users.listUsers()) {
          if (holds(person.name, person.email)) matches.push({ subject: `person:${person.id}`, kind: 'person', id: person.id, teamId: person.teamId, name: person.name, email: person.email });
        }
        for (const kind of ['account', 'contact'] as const) {
          const live = await collectionFor(kind === 'account' ? 'accounts' : 'contacts').store.scan(({ doc, movedTo }) => movedTo === undefined && !doc._deleted && holds(doc['name'], doc['email']));
          for (const { doc } of live) {
            matches.push({
              subject: `${kind}:${doc.id}`,
              kind,
              id: doc.id,
              teamId: doc.teamId,
              name: String(doc['name'] ?? ''),
              ...(typeof doc['email'] === 'string' ? { email: doc['email'] } : {}),
              ...(kind === 'contact' ? { accountId: String(doc['accountId'] ?? '') } : {}),
            });
          }
        }
        sendJson(ctx.res, 200, { results: matches.slice(0, SEARCH_LIMIT), more: matches.length > SEARCH_LIMIT });
      },
    ],
    [
      'GET',
      /^\/admin\/privacy\/preview$/,
      async (ctx) => {
        const actor = await authenticate(ctx);
        adminOnly(actor);
        const { subject, teamId } = parseInput(previewQuerySchema, Object.fromEntries(ctx.url.searchParams), 'preview query');
        if (subject.kind === 'person') {
          const person = await users.getUser(subject.id);
          if (!person) throw new HttpError(404, `User "${subject.id}" does not exist`);
          // The erasure refuses while they own accounts: the screen says so before anyone types a confirmation.
          const owned = await collectionFor('accounts').store.scan(({ doc }) => !doc._deleted && doc.ownerId === person.id);
          sendJson(ctx.res, 200, { subject: `person:${person.id}`, teamId: person.teamId, name: person.name, email: person.email, counts: { person: 1 }, ownsAccounts: owned.length });
          return;
        }
        const team = await teamOf(actor, subject, teamId);
        const found = await documentsOf(subject, team);
        const own = found[subject.kind === 'account' ? 'accounts' : 'contacts']?.[0];
        if (!own) throw new HttpError(404, `Nothing is held about ${subject.kind} "${subject.id}"`);
        const counts = Object.fromEntries(Object.entries(found).map(([name, docs]) => [name, docs.length]));
        sendJson(ctx.res, 200, {
          subject: `${subject.kind}:${subject.id}`,
          teamId: team,
          name: String(own['name'] ?? ''),
          ...(typeof own['email'] === 'string' ? { email: own['email'] } : {}),
          counts,
          ownsAccounts: 0,
        });
      },
    ],
  ];
}
