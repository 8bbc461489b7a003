import { REFUSED_HEADER } from '../../common/sync/refused-header';
import { redactedTombstone } from '../../common/sync/redaction';
import { HttpError, parseInput, readJson, sendJson, sendJsonText } from '../http/http-io';
import { pushSchema, type Checkpoint, type StreamFrame } from '../../common/sync/wire-contract';
import { pullQuerySchema, streamQuerySchema } from '../http/request-schemas';
import type { Route, ServerServices, SyncedCollection } from '../http/route-types';
import { accessScope, type UserRecord } from '../auth/user-directory';
import { visibleTo } from './stored-document';

/**
 * How a pull answers for a person whose access changed since their checkpoint: it starts over from the beginning
 * (newly visible documents arrive) and documents only the former access could read come back as redacted
 * tombstones (their replica drops them). The checkpoint keeps the former scope and `rescan` until the pass is done.
 */
function pullPlan(record: UserRecord, requested: Checkpoint | null, collection: SyncedCollection) {
  const scope = accessScope(record);
  if (!requested || requested.scope === undefined || requested.scope === scope) return { from: requested, scope, former: undefined };
  const past = record.pastAccess?.find((each) => each.scope === requested.scope);
  const former = past
    ? { access: { id: record.id, ...past.access }, redact: (doc: Parameters<typeof redactedTombstone>[0]) => redactedTombstone(doc, collection.schema as never) }
    : undefined;
  return { from: requested.rescan ? { seq: requested.seq } : null, scope, former, rescanOf: requested.scope };
}

/** RxDB replication: pull a page, push a batch, and one live event stream for all of a client's collections. */
export function syncRoutes(services: ServerServices): Route[] {
  const { audit, authenticate, collectionFor, moveDependents, maxBodyBytes, heartbeatMs, openStreams, live, arrivals } = services;
  const storeFor = (name: string | undefined) => collectionFor(name).store;
  return [
    [
      'GET',
      /^\/sync\/([a-z]+)\/pull$/,
      async (ctx) => {
        const { record, user } = await authenticate(ctx);
        const collection = collectionFor(ctx.params[0]);
        const query = parseInput(pullQuerySchema, Object.fromEntries(ctx.url.searchParams), 'pull query');
        const plan = pullPlan(record, query.checkpoint, collection);
        const page = await collection.store.pullJson(user, plan.from, query.limit, plan.former, query.remaining === '1');
        const checkpoint: Checkpoint =
          plan.rescanOf !== undefined && page.documents.length === query.limit
            ? { ...page.checkpoint, scope: plan.rescanOf, rescan: true }
            : { ...page.checkpoint, scope: plan.scope };
        const remaining = page.remaining === undefined ? '' : `,"remaining":${page.remaining}`;
        sendJsonText(ctx.res, 200, `{"documents":[${page.documents.join(',')}],"checkpoint":${JSON.stringify(checkpoint)}${remaining}}`);
      },
    ],
    [
      'POST',
      /^\/sync\/([a-z]+)\/push$/,
      async (ctx) => {
        const { user } = await authenticate(ctx);
        const { store, validate } = collectionFor(ctx.params[0]);
        const rows = parseInput(pushSchema, await readJson(ctx.req, maxBodyBytes), 'push');
        validate(rows);
        // Recorded before anything is stored, so no write can be stored (and acknowledged) without its entry, even
        // if the process is killed in between.
        await audit.append('write-intent', user.id, { collection: store.name, ids: rows.map((row) => row.newDocumentState.id) });
        const outcome = await store.push(user, rows);
        // An account written (moved to another owner or team, deleted) may have left the reach of someone in its notes.
        if (store.name === 'accounts') for (const doc of outcome.written) await services.notes().accountChanged(doc.id);
        for (const doc of outcome.written) {
          await audit.append('write', user.id, { collection: store.name, id: doc.id, updatedAt: doc.updatedAt, deleted: doc._deleted });
        }
        // Which fields merged, never their values: the audit log is permanent (hash-chained) and must hold no personal data.
        for (const merge of outcome.merges) {
          const losers = merge.losers.map(({ field, stamp }) => ({ field, stamp }));
          await audit.append('merge', user.id, { collection: store.name, id: merge.id, losers });
        }
        if (store.name === 'accounts') for (const move of outcome.moved) await moveDependents(user.id, move.id, move.fromTeamId, move.scope);
        if (outcome.refused.length) await audit.append('write', user.id, { collection: store.name, refused: outcome.refused });
        // Which conflicts are refusals (not merges), so the app can tell the person their change was rolled back.
        const refusedHeader: Record<string, string> = outcome.refused.length ? { [REFUSED_HEADER]: outcome.refused.map(encodeURIComponent).join(',') } : {};
        sendJson(ctx.res, 200, outcome.conflicts, refusedHeader);
      },
    ],
    [
      'GET',
      /^\/sync\/stream$/,
      async (ctx) => {
        // One live connection per client for all its collections (a browser allows 6 per host; pulls and pushes
        // need the rest). Each event names its collection; every document is filtered for the user as in a pull.
        // The stream is bound to the access the person had when it opened: any change to it (role, team, shares,
        // disabling, sign-out) or the token's expiry closes it (services.live), and the client reconnects.
        const { record, user, sessionId, expiresAt } = await authenticate(ctx);
        const { collections } = parseInput(streamQuerySchema, Object.fromEntries(ctx.url.searchParams), 'stream query');
        const followed = collections.map((name) => storeFor(name));
        if (live.count(record.id, 'stream') >= services.maxStreamsPerUser) {
          throw new HttpError(429, `At most ${services.maxStreamsPerUser} live streams per person; close another first`, { 'retry-after': '5' });
        }
        const scope = accessScope(record);
        const { res } = ctx;
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        // RxDB iterates from its checkpoint when it starts, and clients emit RESYNC themselves on every (re)connect,
        // so the stream opens with a comment that only flushes the headers.
        res.write(': connected\n\n');
        const write = (text: string) => {
          res.write(text);
          // A client that does not read would let the server queue without bound: close it; it resyncs on reconnect.
          if (res.writableLength > services.maxStreamBufferBytes) res.destroy();
        };
        const unsubscribes = followed.map((store) =>
          store.subscribe(({ stored, seq }) => {
            const doc = visibleTo(user, stored, store.name);
            if (!doc) return;
            const frame: StreamFrame = { collection: store.name, documents: [doc], checkpoint: { seq, scope } };
            write(`data: ${JSON.stringify(frame)}\n\n`);
          }),
        );
        // What a bulk re-assignment to this person is about to bring (arrival-notices.ts), for the app's progress.
        unsubscribes.push(arrivals.subscribe(record.id, (notice) => write(`data: ${JSON.stringify(notice)}\n\n`)));
        const heartbeat = setInterval(() => write(': keep-alive\n\n'), heartbeatMs);
        openStreams.add(res);
        const unregister = live.add({ userId: record.id, sessionId, kind: 'stream', close: () => res.end() }, expiresAt);
        res.on('close', () => {
          clearInterval(heartbeat);
          for (const unsubscribe of unsubscribes) unsubscribe();
          openStreams.delete(res);
          unregister();
        });
      },
    ],
  ];
}
