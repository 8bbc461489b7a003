import { ZSchemaClass } from 'rxdb/plugins/validate-z-schema';

/** One validation error, in the shape RxDB's validate plugins report (`path` like `#/accountId`). */
export interface SchemaValidationError {
  message: string;
  path?: string;
  title?: string;
  description?: string;
}

export type SchemaValidator = (document: unknown) => SchemaValidationError[];

interface ZSchemaSafe {
  setRemoteReference(uri: string, schema: unknown): void;
  validate(json: unknown, schema: string): { valid: boolean; err?: { details?: SchemaValidationError[] } };
}

let zSchema: ZSchemaSafe | undefined;
let schemaCount = 0;

/**
 * A validator for one JSON schema, compiled once. z-schema (needs no eval, so the CSP holds) deep-clones, compiles
 * and checks a schema *object* on every call (~0.6 ms per document, what RxDB's validate-z-schema plugin pays); a
 * schema registered once and referenced by id is compiled once (~0.05 ms per document).
 */
export function createSchemaValidator(schema: object): SchemaValidator {
  zSchema ??= ZSchemaClass.create({ strictMode: false, safe: true }) as unknown as ZSchemaSafe;
  const validator = zSchema;
  schemaCount += 1;
  const id = `outpost-schema-${schemaCount}`;
  validator.setRemoteReference(id, structuredClone(schema));
  return (document) => {
    const result = validator.validate(document, id);
    if (result.valid) return [];
    return (result.err?.details ?? [{ message: 'document does not match the schema' }]).map(({ title, description, message, path }) => ({
      title,
      description,
      message,
      path,
    }));
  };
}
