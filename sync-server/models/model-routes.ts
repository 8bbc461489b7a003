import { z } from 'zod';
import { HttpError, parseInput, readJson, sendJson } from '../http/http-io';
import type { RequestContext, Route, ServerServices } from '../http/route-types';
import { type Database, isConflict, isNotFound } from '../storage/storage';

/** One promoted model version of a team, kept for good: the files as the app sends them (trees and cards, JSON). */
interface StoredModelVersion {
  teamId: string;
  version: string;
  uploadedBy: string;
  uploadedAt: string;
  /** The version's files, as JSON text (trees of both models and their cards). */
  files: string;
}

const VERSION = /^\/models\/([A-Za-z0-9._-]{1,200})$/;
const PROMOTERS = new Set(['admin', 'cs-manager']);

/** The shape the app uploads (common/intelligence/team-model.ts ModelVersionFiles), checked at the boundary. */
const modelFilesSchema = z.object({
  version: z.string().min(1).max(200),
  models: z.object({
    churn: z.object({ trees: z.object({ featureNames: z.array(z.string()), trees: z.array(z.unknown()) }).passthrough(), card: z.object({ version: z.string() }).passthrough() }),
    expansion: z.object({ trees: z.object({ featureNames: z.array(z.string()), trees: z.array(z.unknown()) }).passthrough(), card: z.object({ version: z.string() }).passthrough() }),
  }),
});

/**
 * Versioned model files per team: `PUT /models/<version>` (Admins and CS Managers of the team; a version is written
 * once and never replaced or deleted, so every version stays restorable), `GET /models/<version>` (any member of the
 * team), `GET /models` (the team's versions). An Admin names the team with `?team=`.
 */
export function modelRoutes(services: ServerServices, db: Database<StoredModelVersion>): Route[] {
  const teamOf = (ctx: RequestContext, user: { role: string; teamId: string | null }): string => {
    const teamId = user.role === 'admin' ? (ctx.url.searchParams.get('team') ?? user.teamId) : user.teamId;
    if (!teamId) throw new HttpError(400, 'Name the team with ?team=<id>');
    return teamId;
  };
  return [
    [
      'PUT',
      VERSION,
      async (ctx) => {
        const { user, record } = await services.authenticate(ctx);
        if (!PROMOTERS.has(user.role)) throw new HttpError(403, 'Only Admins and CS Managers can publish a model');
        const teamId = teamOf(ctx, user);
        const files = parseInput(modelFilesSchema, await readJson(ctx.req, services.maxBodyBytes), 'model files');
        const version = ctx.params[0]!;
        if (files.version !== version) throw new HttpError(400, `The files are version ${files.version}, not ${version}`);
        try {
          await db.put({ _id: `${teamId}/${version}`, teamId, version, uploadedBy: record.id, uploadedAt: new Date().toISOString(), files: JSON.stringify(files) });
        } catch (error) {
          if (isConflict(error)) throw new HttpError(409, `Model version ${version} already exists; versions are never replaced`);
          throw error;
        }
        sendJson(ctx.res, 201, { version });
      },
    ],
    [
      'GET',
      VERSION,
      async (ctx) => {
        const { user } = await services.authenticate(ctx);
        const teamId = teamOf(ctx, user);
        const doc = await db.get(`${teamId}/${ctx.params[0]!}`).catch((error: unknown) => {
          if (isNotFound(error)) throw new HttpError(404, `No model version ${ctx.params[0]} for this team`);
          throw error;
        });
        sendJson(ctx.res, 200, JSON.parse(doc.files));
      },
    ],
    [
      'GET',
      /^\/models$/,
      async (ctx) => {
        const { user } = await services.authenticate(ctx);
        const teamId = teamOf(ctx, user);
        const all = await db.allDocs({ startkey: `${teamId}/`, endkey: `${teamId}/\uffff`, include_docs: true });
        sendJson(ctx.res, 200, { versions: all.rows.map((row) => ({ version: row.doc!.version, uploadedAt: row.doc!.uploadedAt })) });
      },
    ],
  ];
}
