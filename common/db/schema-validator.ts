import { ZSchemaClass } from 'rxdb/plugins/validate-z-schema';

/** One validation error, in the shape RxDB's validate plugins report (`path` like `#/accountId`). */
export interface SchemaValidationError {
  message: string;
  path?: string;
  title?: string;
  description?: string;
}

export type SchemaValidator = (document: unknown) => SchemaValidationError[];

interface CompiledSchema {
  __$compiled?: boolean;
  __$validated?: boolean;
}

interface ZSchemaSafe {
  setRemoteReference(uri: string, schema: unknown): void;
  validate(json: unknown, schema: string): { valid: boolean; err?: { details?: SchemaValidationError[] } };
  /** z-schema's schema compiler (12.x): validate() calls its compileSchema on every call. */
  sc?: { compileSchema(report: unknown, schema: CompiledSchema | string | boolean, options?: unknown): boolean };
}

/**
 * z-schema's validate() compiles the schema on every call, and compiling a schema it has compiled already still walks
 * all of it to re-register the ids it holds (`collectAndCacheIds`): about a fifth of the time of validating one of our
 * documents, paid per document on every bulk write. A schema object compiled and checked once is taken as compiled.
 */
function compileOnce(validator: ZSchemaSafe): void {
  const compiler = validator.sc;
  if (!compiler || typeof compiler.compileSchema !== 'function') return;
  const compile = compiler.compileSchema.bind(compiler);
  compiler.compileSchema = (report, schema, options) => {
    if (typeof schema === 'object' && schema !== null && schema.__$compiled === true && schema.__$validated === true) return true;
    return compile(report, schema, options);
  };
}

let zSchema: ZSchemaSafe | undefined;
let schemaCount = 0;

/**
 * A validator for one JSON schema, compiled once. z-schema (needs no eval, so the CSP holds) deep-clones, compiles
 * and checks a schema *object* on every call (~0.6 ms per document, what RxDB's validate-z-schema plugin pays); a
 * schema registered once and referenced by id is compiled once (~0.05 ms per document).
 */
export function createSchemaValidator(schema: object): SchemaValidator {
  if (!zSchema) {
    zSchema = ZSchemaClass.create({ strictMode: false, safe: true }) as unknown as ZSchemaSafe;
    compileOnce(zSchema);
  }
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
