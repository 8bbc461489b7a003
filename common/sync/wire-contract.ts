import { z } from 'zod';

/**
 * The sync wire contract, defined once: what the app's replication sends and reads, and what the sync server
 * validates every pull, push and stream frame against (sync-server/http/request-schemas.ts builds on these).
 */

export const MAX_DOCUMENT_BYTES = 64 * 1024;
export const MAX_PUSH_ROWS = 200;
/** Documents per pull answer; large pages make a first sync of a big book fast (about 1 KB per document). */
export const MAX_PULL_LIMIT = 5000;

const HLC = /^\d{13}-[0-9a-z]{4}-[A-Za-z0-9_.]+$/;
export const hlcStampSchema = z.string().max(64).regex(HLC, 'must be an HLC stamp like 1767225600000-0000-node');
/**
 * Ids starting with `_` are the storage's own (`_design/…` views, `_local/…` documents) and `__proto__` is an object
 * key no id may be: both are refused at the boundary, never stored.
 */
export const documentIdSchema = z
  .string()
  .min(1)
  .max(128)
  .refine((id) => !id.startsWith('_'), 'an id may not start with "_" (reserved for the storage)')
  .refine((id) => !/[\u0000-\u001f]/.test(id), 'an id may not hold control characters');

/** Where a pull continues from: the server's sequence (a number in local storage, CouchDB's opaque string). */
export const checkpointSchema = z
  .object({
    seq: z.union([z.number().int().nonnegative(), z.string().min(1).max(1024)]),
    /**
     * The reader's access scope when the checkpoint was taken (set by the server). A pull from a checkpoint of another
     * scope starts over (`rescan`) so documents newly visible arrive and those no longer visible get tombstones.
     */
    scope: z.string().max(64).optional(),
    rescan: z.literal(true).optional(),
  })
  .strict();
export type Checkpoint = z.infer<typeof checkpointSchema>;

const utf8 = new TextEncoder();
/** The longest key of `fieldStamps`: a field or `customFields.<name>` (see common/sync/keyed-fields.ts). */
export const FIELD_STAMP_KEY_MAX = 1024;

/** A synced document as RxDB sends it: the sync fields, `_deleted`, and the collection's own fields. */
export const syncedDocumentSchema = z
  .object({
    id: documentIdSchema,
    ownerId: documentIdSchema,
    teamId: documentIdSchema,
    updatedAt: hlcStampSchema,
    // A field's name, or `customFields.<name>` for one custom field (names are an imported file's headers).
    fieldStamps: z.record(z.string().max(FIELD_STAMP_KEY_MAX), hlcStampSchema),
    _deleted: z.boolean(),
  })
  .catchall(z.unknown())
  .superRefine((doc, ctx) => {
    for (const key of Object.keys(doc)) {
      if (key.startsWith('_') && key !== '_deleted') ctx.addIssue({ code: 'custom', path: [key], message: 'reserved field name' });
    }
    const size = utf8.encode(JSON.stringify(doc)).length;
    if (size > MAX_DOCUMENT_BYTES) ctx.addIssue({ code: 'custom', message: `document is ${size} bytes; the limit is ${MAX_DOCUMENT_BYTES}` });
  });
export type SyncedDocument = z.infer<typeof syncedDocumentSchema>;

/** One row of `POST /sync/<collection>/push`: the state the replica last saw and the one it wants. */
export const pushRowSchema = z.object({ assumedMasterState: syncedDocumentSchema.nullish(), newDocumentState: syncedDocumentSchema }).strict();
export type PushRow = z.infer<typeof pushRowSchema>;

export const pushSchema = z
  .array(pushRowSchema)
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

/** The answer to `GET /sync/<collection>/pull`, and each frame of the live stream (which adds the collection). */
export interface PullAnswer {
  documents: SyncedDocument[];
  checkpoint: Checkpoint;
  /** Asked for with `remaining=1`: how many more documents the reader may pull after this page (where the server can count). */
  remaining?: number;
}
export interface StreamFrame extends PullAnswer {
  collection: string;
}

/**
 * A frame of the live stream that carries no documents: a bulk re-assignment to the reader, or to someone on the team
 * they lead as CS Manager, begins (`arriving`, with how many documents of each collection it is about to bring them)
 * or has been written (`arrived`). The documents themselves come as usual; the notice lets the app count them
 * against a total. `arrival` pairs the two.
 */
export interface ArrivalNotice {
  notice: 'arriving' | 'arrived';
  arrival: string;
  /** `arriving`: documents per collection (server names). */
  documents?: Record<string, number>;
  /** `arriving`: whom the accounts go to: the reader ('you'), or someone on the team the reader leads ('team'). */
  to?: 'you' | 'team';
}
