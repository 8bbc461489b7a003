import { REFUSED_HEADER } from '../../common/sync/refused-header';
import { parseInput, readJson, sendJson, sendJsonText } from '../http/http-io';
import { pushSchema, type StreamFrame } from '../../common/sync/wire-contract';
import { pullQuerySchema, streamQuerySchema } from '../http/request-schemas';
import type { Route, ServerServices } from '../http/route-types';
import { visibleTo } from './stored-document';

/** RxDB replication: pull a page, push a batch, and one live event stream for all of a client's collections. */
export function syncRoutes(services: ServerServices): Route[] {
  const { audit, authenticate, collectionFor, moveDependents, maxBodyBytes, heartbeatMs, openStreams } = services;
  const storeFor = (name: string | undefined) => collectionFor(name).store;

  return [
    [
      'GET',
      /^\/sync\/([a-z]+)\/pull$/,
      async (ctx) => {
        const { user } = await authenticate(ctx);
        const store = storeFor(ctx.params[0]);
        const query = parseInput(pullQuerySchema, Object.fromEntries(ctx.url.searchParams), 'pull query');
        const page = await store.pullJson(user, query.checkpoint, query.limit);
        sendJsonText(ctx.res, 200, `{"documents":[${page.documents.join(',')}],"checkpoint":${JSON.stringify(page.checkpoint)}}`);
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
        const outcome = await store.push(user, rows);
        for (const doc of outcome.written) {
          await audit.append('write', user.id, { collection: store.name, id: doc.id, updatedAt: doc.updatedAt, deleted: doc._deleted });
        }
        for (const merge of outcome.merges) await audit.append('merge', user.id, { collection: store.name, ...merge });
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
        const { user } = await authenticate(ctx);
        const { collections } = parseInput(streamQuerySchema, Object.fromEntries(ctx.url.searchParams), 'stream query');
        const followed = collections.map((name) => storeFor(name));
        const { res } = ctx;
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        // RxDB iterates from its checkpoint when it starts, and clients emit RESYNC themselves on every (re)connect,
        // so the stream opens with a comment that only flushes the headers.
        res.write(': connected\n\n');
        const unsubscribes = followed.map((store) =>
          store.subscribe(({ stored, seq }) => {
            const doc = visibleTo(user, stored, store.name);
            if (!doc) return;
            const frame: StreamFrame = { collection: store.name, documents: [doc], checkpoint: { seq } };
            res.write(`data: ${JSON.stringify(frame)}\n\n`);
          }),
        );
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
        openStreams.add(res);
        res.on('close', () => {
          clearInterval(heartbeat);
          for (const unsubscribe of unsubscribes) unsubscribe();
          openStreams.delete(res);
        });
      },
    ],
  ];
}
