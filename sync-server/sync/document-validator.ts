import type { RxJsonSchema } from 'rxdb';
import { getValidator } from 'rxdb/plugins/validate-z-schema';
import { collectionDefinitions } from '../../common/db/collections';
import { SYNCED_COLLECTIONS, type SyncedCollectionName } from '../../common/sync/synced-collections';
import { HttpError } from '../http/http-io';
import type { PushRow } from '../../common/sync/wire-contract';

/** The synced collections (common/sync/synced-collections.ts), with the JSON schemas their RxDB replicas enforce. */
export const SYNCED_COLLECTION_SCHEMAS: Record<SyncedCollectionName, RxJsonSchema<any>> = Object.fromEntries(
  SYNCED_COLLECTIONS.map((name) => [name, collectionDefinitions[name].schema]),
) as Record<SyncedCollectionName, RxJsonSchema<any>>;

/**
 * Checks pushed documents against the collection's RxDB schema (the same z-schema validator the clients run), so
 * one client cannot store a document that every other replica would then refuse to pull.
 */
export function createPushValidator(schema: RxJsonSchema<any> | undefined): (rows: PushRow[]) => void {
  if (!schema) return () => undefined;
  const validate = getValidator(schema);
  return (rows) => {
    const problems: string[] = [];
    rows.forEach((row, index) => {
      const { _deleted, ...doc } = row.newDocumentState;
      for (const error of validate(doc) as { message?: string; path?: string }[]) {
        problems.push(`${index}.newDocumentState${(error.path ?? '').replace(/^#\/?/, '.').replace(/\/$/, '').replace(/\//g, '.')}: ${error.message}`);
      }
    });
    if (problems.length) throw new HttpError(400, `Invalid push: ${problems.slice(0, 10).join('; ')}`);
  };
}
