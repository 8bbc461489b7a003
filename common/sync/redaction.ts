import type { SyncedDocument } from './wire-contract';

/** The part of a JSON schema redaction reads. */
interface PropertySchema {
  type?: string | string[];
  enum?: readonly unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  minimum?: number;
  properties?: Record<string, PropertySchema>;
  required?: readonly string[];
}

/** Kept in every redacted document: what a replica needs to find and drop it, none of it about a person. */
const KEPT = new Set(['id', 'ownerId', 'teamId', 'updatedAt', 'fieldStamps', 'accountId', '_deleted']);

function neutral(schema: PropertySchema | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  // Enumerations, dates and other patterned values are categories, not personal data, and must stay schema-valid.
  if (schema.enum || schema.pattern || schema.format) return value;
  const type = Array.isArray(schema.type) ? (schema.type.includes('null') ? 'null' : schema.type[0]) : schema.type;
  switch (type) {
    case 'string':
      return '-'.repeat(schema.minLength ?? 0);
    case 'number':
    case 'integer':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'null':
      return null;
    case 'object': {
      const out: Record<string, unknown> = {};
      const inner = (value ?? {}) as Record<string, unknown>;
      for (const key of schema.required ?? []) out[key] = neutral(schema.properties?.[key], inner[key]);
      return out;
    }
    default:
      return undefined;
  }
}

/**
 * A deleted copy of `doc` with every field that could hold personal data replaced by a neutral, schema-valid value
 * (empty text, zero, empty list); ids, scope, stamps, enumerations and dates stay so replicas still accept and drop
 * it. Used for the tombstones the server sends people who lost access, and for erased documents.
 */
export function redactedTombstone(doc: SyncedDocument, schema: { properties?: Record<string, PropertySchema> } | null | undefined): SyncedDocument {
  const out: Record<string, unknown> = { _deleted: true };
  for (const [key, value] of Object.entries(doc)) {
    if (KEPT.has(key)) {
      if (key !== '_deleted') out[key] = value;
      continue;
    }
    const replaced = neutral(schema?.properties?.[key], value);
    if (replaced !== undefined) out[key] = replaced;
  }
  return out as SyncedDocument;
}
