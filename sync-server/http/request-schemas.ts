import { z } from 'zod';
import { ROLES } from '../../common/sync/access-policy';
import { checkpointSchema, documentIdSchema as id, MAX_PULL_LIMIT } from '../../common/sync/wire-contract';

// Every body and query the server accepts, with limits. The sync documents, push rows and checkpoints are the wire
// contract the app shares (common/sync/wire-contract.ts); this file adds the sign-in, admin and query shapes.

const totpCode = z.string().regex(/^\d{6}$/, 'must be the 6-digit code from the authenticator app');
export const loginSchema = z
  .object({ email: z.string().email().max(254), password: z.string().min(1).max(1024), totpCode: totpCode.optional() })
  .strict();
export const totpCodeSchema = z.object({ code: totpCode }).strict();
export const refreshSchema = z.object({ refreshToken: z.string().min(1).max(4096) }).strict();

export const createTeamSchema = z.object({ name: z.string().trim().min(1).max(200) }).strict();
export const createUserSchema = z
  .object({
    email: z.string().email().max(254),
    password: z.string().min(12, 'must be at least 12 characters').max(1024),
    name: z.string().trim().min(1).max(200),
    role: z.enum(ROLES),
    teamId: id.nullable(),
  })
  .strict();
export const setRoleSchema = z.object({ role: z.enum(ROLES), teamId: id.nullable().optional() }).strict();
export const setSharesSchema = z.object({ sharedOwnerIds: z.array(id).max(200) }).strict();

export const pullQuerySchema = z
  .object({
    checkpoint: z
      .string()
      .max(2048)
      .optional()
      .transform((text, ctx) => {
        if (text === undefined || text === '' || text === 'null') return null;
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"seq":12}' });
          return z.NEVER;
        }
      })
      .pipe(checkpointSchema.nullable()),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(100),
    /** `1`: the answer also says how many more documents the reader may pull after it (`remaining`). */
    remaining: z.enum(['0', '1'], { error: 'must be 1 (count what follows) or 0' }).optional(),
  })
  .strict();

/** `GET /sync/stream?collections=accounts,contacts` (plus `access_token` for EventSource, read by bearerToken). */
export const streamQuerySchema = z
  .object({
    collections: z
      .string({ error: 'give the collections to follow, e.g. collections=accounts,contacts' })
      .max(1024)
      .transform((text) => [...new Set(text.split(','))])
      .pipe(z.array(z.string().regex(/^[a-z]{1,64}$/, 'must be collection names separated by commas')).min(1).max(32)),
    access_token: z.string().optional(),
  })
  .strict();

/** `teamId`: which team's account of this id (each team has its own id space); needed only when several teams hold one. */
export const reassignSchema = z.object({ ownerId: id, teamId: id.optional() }).strict();

export const inviteSchema = z
  .object({ email: z.string().email().max(254), name: z.string().trim().min(1).max(200), role: z.enum(ROLES), teamId: id.nullable() })
  .strict();
export const acceptInviteSchema = z
  .object({ code: z.string().min(8).max(64), password: z.string().min(12, 'must be at least 12 characters').max(1024) })
  .strict();
export const disabledSchema = z.object({ disabled: z.boolean() }).strict();
export const bulkReassignSchema = z
  .object({ accountIds: z.array(id).min(1).max(500), ownerId: id, teamId: id.optional(), preview: z.boolean().default(false) })
  .strict();
export const auditQuerySchema = z
  .object({
    q: z.string().max(200).optional(),
    action: z.string().max(64).optional(),
    actorId: z.string().max(128).optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
