import { z } from 'zod';
import { ROLES } from '../../common/sync/access-policy';

/** Every body and query the server accepts, with limits. */
export const MAX_DOCUMENT_BYTES = 64 * 1024;
export const MAX_PUSH_ROWS = 200;
/** Documents per pull answer; large pages make a first sync of a big book fast (about 1 KB per document). */
export const MAX_PULL_LIMIT = 5000;

const HLC = /^\d{13}-[0-9a-z]{4}-[A-Za-z0-9_.]+$/;
const hlc = z.string().max(64).regex(HLC, 'must be an HLC stamp like 1767225600000-0000-node');
const id = z.string().min(1).max(128);

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

/** A synced document as RxDB sends it: the sync fields, `_deleted`, and the collection's own fields. */
export const syncedDocumentSchema = z
  .object({
    id,
    ownerId: id,
    teamId: id,
    updatedAt: hlc,
    fieldStamps: z.record(z.string().max(128), hlc),
    _deleted: z.boolean(),
  })
  .catchall(z.unknown())
  .superRefine((doc, ctx) => {
    for (const key of Object.keys(doc)) {
      if (key.startsWith('_') && key !== '_deleted') ctx.addIssue({ code: 'custom', path: [key], message: 'reserved field name' });
    }
    const size = Buffer.byteLength(JSON.stringify(doc));
    if (size > MAX_DOCUMENT_BYTES) ctx.addIssue({ code: 'custom', message: `document is ${size} bytes; the limit is ${MAX_DOCUMENT_BYTES}` });
  });
export type SyncedDocument = z.infer<typeof syncedDocumentSchema>;

export const pushSchema = z
  .array(z.object({ assumedMasterState: syncedDocumentSchema.nullish(), newDocumentState: syncedDocumentSchema }).strict())
  .max(MAX_PUSH_ROWS, `at most ${MAX_PUSH_ROWS} rows per push`)
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      const docId = row.newDocumentState.id;
      if (seen.has(docId)) ctx.addIssue({ code: 'custom', path: [index, 'newDocumentState', 'id'], message: `"${docId}" appears twice` });
      seen.add(docId);
      if (row.assumedMasterState && row.assumedMasterState.id !== docId) {
        ctx.addIssue({ code: 'custom', path: [index, 'assumedMasterState', 'id'], message: 'differs from newDocumentState.id' });
      }
    });
  });
export type PushRow = z.infer<typeof pushSchema>[number];

export const checkpointSchema = z.object({ seq: z.union([z.number().int().nonnegative(), z.string().min(1).max(1024)]) }).strict();
export type Checkpoint = z.infer<typeof checkpointSchema>;

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

export const reassignSchema = z.object({ ownerId: id }).strict();
