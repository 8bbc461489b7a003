import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { codeForStatus, type SyncErrorCode } from '../../common/sync/error-codes';

/**
 * An error that becomes an HTTP response `{ error, code }` with this status and message (and optional headers).
 * The code defaults from the status (common/sync/error-codes.ts); pass one where a more specific code helps.
 */
export class HttpError extends Error {
  readonly code: SyncErrorCode;

  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    code?: SyncErrorCode,
    /** More of the answer's body, beside `error` and `code` (e.g. the `teams` to choose from). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.code = code ?? codeForStatus(status);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJsonText(res, status, JSON.stringify(body), headers);
}

/** Sends JSON the caller already serialized. */
export function sendJsonText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Reads the whole body as JSON, refusing more than `maxBytes` before buffering it. */
export async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'Send the body as application/json');
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) throw new HttpError(413, `Body is ${declared} bytes; the limit is ${maxBytes}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Uint8Array).length;
    if (size > maxBytes) throw new HttpError(413, `Body is over the limit of ${maxBytes} bytes`);
    chunks.push(chunk as Uint8Array);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'Body is not valid JSON');
  }
  const depth = jsonDepth(value, MAX_JSON_DEPTH);
  if (depth > MAX_JSON_DEPTH) throw new HttpError(400, `Body nests deeper than ${MAX_JSON_DEPTH} levels`);
  return value;
}

/** No request the app sends nests deeper than this; deeper input would only reach recursive code (validators, merges). */
export const MAX_JSON_DEPTH = 32;

/** Nesting depth of a parsed JSON value, without recursion; stops counting past `limit`. */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Parses with a zod schema; a failure is a 400 listing each problem with its path. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
  throw new HttpError(400, `Invalid ${what}: ${problems.join('; ')}`);
}

export function bearerToken(req: IncomingMessage, url: URL): string | null {
  const header = req.headers.authorization;
  if (header) return /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header)?.[1] ?? null;
  // EventSource cannot send headers, so the live stream also accepts the access token as a query parameter.
  return url.pathname.endsWith('/stream') ? url.searchParams.get('access_token') : null;
}
