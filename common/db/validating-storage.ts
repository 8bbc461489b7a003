import {
  fillObjectDataBeforeInsert,
  getPrimaryFieldOfPrimaryKey,
  INTERNAL_STORAGE_NAME,
  META_INSTANCE_SCHEMA_TITLE,
  registerMutableWriteContext,
  type BulkWriteRow,
  type RxCollection,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageInstance,
  type RxStorageWriteError,
  type RxValidationError,
} from 'rxdb';
import type { SchemaValidator } from './schema-validator';

/**
 * The bulkWrite context of `trustedBulkInsert`: documents our own code generated and whose conformance to the
 * schemas the tests prove (the demo-book generator), written without per-document validation.
 */
export const TRUSTED_BULK_INSERT_CONTEXT = 'outpost-trusted-bulk-insert';

const trustedContexts = new Set<string>();

/**
 * Marks a bulkWrite context as writing documents our own code built from already valid data, whose conformance to
 * the schemas a test proves; such writes skip per-document validation. `insertsOnly`: every row is a fresh object
 * without a previous version, so RxDB may stamp it in place (registerMutableWriteContext). Not for updates: in such
 * a context RxDB gives every row the first revision ("1-…"), and a document whose stored revision is higher would then
 * look older than the cached one to RxDB's document cache, which would keep showing the stale state.
 */
export function registerTrustedWriteContext(context: string, { insertsOnly }: { insertsOnly: boolean }): void {
  trustedContexts.add(context);
  if (insertsOnly) registerMutableWriteContext(context);
}

// The rows trustedBulkInsert builds are fresh clones; the demo generator's tests check every kind it makes.
registerTrustedWriteContext(TRUSTED_BULK_INSERT_CONTEXT, { insertsOnly: true });

/**
 * Wraps a storage so every write is checked against the collection's JSON schema (422 with the errors otherwise), like
 * RxDB's validate-z-schema plugin but with each schema compiled once; writes in a trusted context
 * (registerTrustedWriteContext) skip it, and so do RxDB's internal store's and its replications' meta instances'.
 */
export function validatingStorage<Internals, InstanceCreationOptions>(
  storage: RxStorage<Internals, InstanceCreationOptions>,
): RxStorage<Internals, InstanceCreationOptions> {
  return {
    ...storage,
    name: `validate-outpost-${storage.name}`,
    async createStorageInstance(params) {
      const instance: RxStorageInstance<any, Internals, InstanceCreationOptions> = await storage.createStorageInstance(params);
      // RxDB's own bookkeeping (storage token, collection metadata), written by RxDB on every open: not our data, and
      // validating it would load the validator on the cold-start path.
      if (params.collectionName === INTERNAL_STORAGE_NAME) return instance;
      // A replication's bookkeeping neither: per replicated document, a meta document whose `docData` is a state the
      // collection's own write validated (pulled, pushed or the winner of a conflict), with the collection's schema
      // inside the meta schema, so validating it checked every pulled document twice (half the validation of a
      // first sync: docs/PERFORMANCE.md, the 10,000-account first sync).
      if (params.schema.title === META_INSTANCE_SCHEMA_TITLE) return instance;
      const primaryPath = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string;
      let validator: Promise<SchemaValidator> | undefined;
      const write = instance.bulkWrite.bind(instance);
      instance.bulkWrite = async (rows: BulkWriteRow<any>[], context: string): Promise<RxStorageBulkWriteResponse<any>> => {
        if (trustedContexts.has(context)) return write(rows, context);
        // The validator (z-schema) loads on the first write, not with the app: reading the book needs none of it.
        validator ??= import('./schema-validator').then(({ createSchemaValidator }) => createSchemaValidator(params.schema));
        const validate = await validator;
        const errors: RxStorageWriteError<any>[] = [];
        const valid: BulkWriteRow<any>[] = [];
        for (const row of rows) {
          const validationErrors = validate(row.document);
          if (validationErrors.length === 0) valid.push(row);
          else
            errors.push({
              status: 422,
              isError: true,
              documentId: row.document[primaryPath],
              // z-schema reports `path` where RxDB's type says `field`; RxDB's own z-schema plugin passes them as they are.
              validationErrors: validationErrors as unknown as RxValidationError[],
              schema: instance.schema,
              writeRow: row,
              context,
            });
        }
        const result = valid.length > 0 ? await write(valid, context) : { error: [] };
        result.error.push(...errors);
        return result;
      };
      return instance;
    },
  };
}

/**
 * Inserts documents our own code generated, skipping per-document schema validation (the generator is the boundary:
 * its tests check every kind of document it makes against the schemas). Change events, queries and the document cache
 * see these writes like any other. Returns the rejected writes (e.g. 409 for an id already stored).
 */
export async function trustedBulkInsert<T>(
  collection: RxCollection<T>,
  docs: readonly T[],
  /** Another trusted inserts-only context (registerTrustedWriteContext), so that its writes' change events can be told apart. */
  context = TRUSTED_BULK_INSERT_CONTEXT,
): Promise<RxStorageWriteError<T>[]> {
  if (docs.length === 0) return [];
  if (!trustedContexts.has(context)) throw new Error(`trustedBulkInsert: ${context} is not a trusted write context`);
  const rows = docs.map((doc) => ({ document: fillObjectDataBeforeInsert(collection.schema, doc) }));
  const result = await collection.storageInstance.bulkWrite(rows, context);
  return result.error;
}
