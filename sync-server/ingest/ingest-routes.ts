import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { HttpError, parseInput, readJson, sendJson } from '../http/http-io';
import type { Route, ServerServices } from '../http/route-types';
import type { Database } from '../storage/storage';
import { EventLog, type LoggedEvent } from './event-log';
import { checkMessage, type IngestEvent, type MessageType } from './segment-messages';
import { TeamFeatureCatalogue } from './team-feature-catalogue';
import { AccountIndex, UsageRollup } from './usage-rollup';
import { RollupLoop } from './rollup-loop';
import { WriteKeys } from './write-keys';

/** Segment's documented limits: 32 KB per message, 500 KB per batch. */
const MESSAGE_BYTES = 32 * 1024;
const BATCH_BYTES = 500 * 1024;

const createKeySchema = z.object({ teamId: z.string().min(1).max(128), name: z.string().min(1).max(200) });
const batchSchema = z.object({ batch: z.array(z.unknown()).min(1).max(2500) }).passthrough();

type Open = <T extends object>(name: string) => Database<T>;

function writeKeyOf(req: IncomingMessage): string | null {
  const header = req.headers['authorization'] ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const key = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
  return key || null;
}

/**
 * Live product events through an endpoint compatible with Segment's HTTP Tracking API: POST /v1/track, /v1/identify,
 * /v1/group and /v1/batch with basic auth (the team's write key as user name, empty password). Every accepted event
 * is in the durable event log before the answer; a batch answers per-event errors and keeps the good events; events
 * for accounts the team does not have are held and listed to Admins. Rate limited per write key (429, RATE001).
 * Admin API for write keys: POST /admin/write-keys {teamId, name} (the key is shown once), GET /admin/write-keys,
 * POST /admin/write-keys/:id/revoke; held events: GET /admin/ingest/held[?teamId=]; events whose feature is over the team's
 * cap on own features (counted for their user, their count not stored): GET /admin/ingest/not-stored[?teamId=].
 */
export function ingestRoutes(services: ServerServices, open: Open): Route[] {
  let stores: ReturnType<ServerServices['collectionFor']>[];
  try {
    stores = [services.collectionFor('usage'), services.collectionFor('accounts')];
  } catch {
    return []; // a server without the usage and accounts collections (some tests) has no ingestion
  }
  const keys = new WriteKeys(open('ingest-keys'));
  const log = new EventLog(open<LoggedEvent>('ingest-events'));
  const rollup = new UsageRollup(stores[0]!.store, new AccountIndex(stores[1]!.store), open('ingest-days'), log, new TeamFeatureCatalogue(stores[0]!.store));
  const loop = new RollupLoop(log, rollup, services.serverClock);
  // Events acknowledged before a restart but not rolled up yet: the loop resumes from its checkpoint.
  loop.wake(false);
  services.beforeClose(async () => {
    await loop.stop();
    rollup.close();
  });

  async function team(req: IncomingMessage): Promise<{ id: string; teamId: string }> {
    const key = writeKeyOf(req);
    const resolved = key ? await keys.resolve(key) : null;
    if (!resolved) throw new HttpError(401, 'Send the team\'s write key as the basic-auth user name', { 'www-authenticate': 'Basic realm="outpost-ingest"' });
    services.limit(`ingest:${resolved.id}`);
    return resolved;
  }

  async function accept(teamId: string, events: IngestEvent[]): Promise<{ failed: { messageId: string; error: string }[] }> {
    // The user is kept only as a keyed hash: the log and the per-day user sets need equality, never the id itself.
    const pseudonymous = events.map((event) => ({ ...event, user: services.pseudonymise(event.user) }));
    const { stored, failed } = await log.append(teamId, pseudonymous, new Date().toISOString());
    // Acknowledged from here on: the events are in the log. The rollup into usage follows behind (rollup-loop.ts):
    // this only wakes it.
    if (stored.length > 0) loop.wake();
    return { failed };
  }

  async function admin(ctx: Parameters<Route[2]>[0]) {
    const { record } = await services.authenticate(ctx);
    if (record.role !== 'admin') throw new HttpError(403, 'Only an Admin can manage write keys and held events');
    return record;
  }

  const single = (type: MessageType): Route => [
    'POST',
    new RegExp(`^/v1/${type}$`),
    async (ctx) => {
      const { teamId } = await team(ctx.req);
      const receivedAt = new Date().toISOString();
      const checked = checkMessage(type, await readJson(ctx.req, MESSAGE_BYTES), 0, receivedAt, randomUUID);
      if (!checked.ok) throw new HttpError(400, `Invalid ${type} message: ${checked.error}`);
      const { failed } = await accept(teamId, [checked.event]);
      if (failed.length > 0) throw new HttpError(503, `The event was not stored: ${failed[0]!.error}; send it again`);
      sendJson(ctx.res, 200, { success: true });
    },
  ];

  return [
    single('track'),
    single('identify'),
    single('group'),
    [
      'POST',
      /^\/v1\/batch$/,
      async (ctx) => {
        const { teamId } = await team(ctx.req);
        const receivedAt = new Date().toISOString();
        const { batch } = parseInput(batchSchema, await readJson(ctx.req, BATCH_BYTES), 'batch');
        const events: IngestEvent[] = [];
        const errors: { index: number; messageId?: string; error: string }[] = [];
        batch.forEach((raw, index) => {
          const type = (raw as { type?: unknown })?.type;
          if (type !== 'track' && type !== 'identify' && type !== 'group') {
            errors.push({ index, error: `type: must be track, identify or group, not ${JSON.stringify(type)}` });
            return;
          }
          const checked = checkMessage(type, raw, index, receivedAt, randomUUID);
          if (checked.ok) events.push(checked.event);
          else errors.push({ index: checked.index, ...(checked.messageId ? { messageId: checked.messageId } : {}), error: checked.error });
        });
        const { failed } = events.length > 0 ? await accept(teamId, events) : { failed: [] };
        for (const f of failed) errors.push({ index: events.findIndex((e) => e.messageId === f.messageId), messageId: f.messageId, error: f.error });
        sendJson(ctx.res, events.length - failed.length > 0 ? 200 : 400, { success: errors.length === 0, accepted: events.length - failed.length, errors });
      },
    ],
    [
      'POST',
      /^\/admin\/write-keys$/,
      async (ctx) => {
        const record = await admin(ctx);
        const { teamId, name } = parseInput(createKeySchema, await readJson(ctx.req, 16 * 1024), 'write key');
        const { key, info } = await keys.create(teamId, name, record.id);
        sendJson(ctx.res, 201, { ...info, key });
      },
    ],
    [
      'GET',
      /^\/admin\/write-keys$/,
      async (ctx) => {
        await admin(ctx);
        sendJson(ctx.res, 200, { keys: await keys.list() });
      },
    ],
    [
      'POST',
      /^\/admin\/write-keys\/([0-9a-f]{12})\/revoke$/,
      async (ctx) => {
        await admin(ctx);
        const revoked = await keys.revoke(ctx.params[0]!);
        if (!revoked) throw new HttpError(404, `No write key ${ctx.params[0]}`);
        sendJson(ctx.res, 200, revoked);
      },
    ],
    [
      'GET',
      /^\/admin\/ingest\/rollup$/,
      async (ctx) => {
        await admin(ctx);
        sendJson(ctx.res, 200, await loop.status());
      },
    ],
    [
      'GET',
      /^\/admin\/ingest\/held$/,
      async (ctx) => {
        await admin(ctx);
        const teamId = ctx.url.searchParams.get('teamId') ?? undefined;
        const held = await log.withStatus('held', teamId);
        sendJson(ctx.res, 200, { events: held.map((h) => ({ teamId: h.teamId, receivedAt: h.receivedAt, reason: h.reason, ...h.event })) });
      },
    ],
    [
      'GET',
      /^\/admin\/ingest\/not-stored$/,
      async (ctx) => {
        await admin(ctx);
        const teamId = ctx.url.searchParams.get('teamId') ?? undefined;
        const notStored = await log.withStatus('not-stored', teamId);
        sendJson(ctx.res, 200, { events: notStored.map((h) => ({ teamId: h.teamId, receivedAt: h.receivedAt, reason: h.reason, ...h.event })) });
      },
    ],
  ];
}
