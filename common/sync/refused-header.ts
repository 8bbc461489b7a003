/**
 * Response header of a push naming (comma-separated, URI-encoded) the documents the server refused: their conflict
 * answers are roll-backs, not merges, and the app tells the person so.
 */
export const REFUSED_HEADER = 'x-outpost-refused';

export function parseRefusedHeader(value: string | null): string[] {
  if (!value) return [];
  return value.split(',').filter(Boolean).map((id) => decodeURIComponent(id));
}
