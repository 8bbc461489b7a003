import { extname, isAbsolute, join, relative, resolve } from 'node:path';

/**
 * The renderer is served from a custom `app://outpost/` origin (not file://): a standard, secure scheme whose handler
 * serves only the files of the renderer build folder. The pure parts (which file a URL names, which URLs are the app,
 * what each file is) live here and are tested in Node; index.ts registers the scheme and the handler with Electron.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'outpost';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Registered before the app is ready. Standard: relative URLs, a real origin for storage (IndexedDB) and workers.
 * Secure: a secure context like https. Fetch: onnxruntime fetches its .wasm and the models. No CSP bypass, no service
 * workers, no CORS.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

/** Whether `candidate` is a URL of the app's own origin (any path, query or hash route). */
export function isAppOrigin(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.hostname.toLowerCase() === APP_HOST && url.port === '' && !url.username && !url.password;
}

/** Whether `path` is `root` itself or inside it (both absolute, resolved). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export type AppPathResult = { path: string } | { status: 400 | 404; reason: string };

/**
 * The file under `root` an app:// URL names, or why none: another origin (404), a path segment that decodes to a
 * separator, `.`, `..`, a drive or NUL (400: encoded traversal such as `%2e%2e%2f`, `..%5c`), a path that would
 * leave `root` (400). `/` is index.html. Symlinks are the caller's to check (`realpath`, then `isInside`).
 */
export function resolveAppPath(requestUrl: string, root: string): AppPathResult {
  if (!isAppOrigin(requestUrl)) return { status: 404, reason: 'not the app origin' };
  const { pathname } = new URL(requestUrl);
  const segments = pathname.split('/').slice(1);
  if (segments.length === 1 && segments[0] === '') segments[0] = 'index.html';
  const decoded: string[] = [];
  for (const segment of segments) {
    let text: string;
    try {
      text = decodeURIComponent(segment);
    } catch {
      return { status: 400, reason: 'malformed escape' };
    }
    if (text === '' || text === '.' || text === '..' || /[/\\:\0]/.test(text)) return { status: 400, reason: `bad path segment "${segment}"` };
    decoded.push(text);
  }
  const base = resolve(root);
  const path = resolve(join(base, ...decoded));
  if (!isInside(base, path) || path === base) return { status: 400, reason: 'outside the renderer folder' };
  return { path };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type of a served file (`application/octet-stream` for anything else, such as .onnx models). */
export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The file system calls the handler makes (node:fs/promises in the app; the same in tests, on a temp folder). */
export interface AppFiles {
  realpath(path: string): Promise<string>;
  readFile(path: string): Promise<Buffer>;
}

/**
 * The app:// handler for `protocol.handle`: GET/HEAD of a file inside `root` (its real path too, so a symlink out of
 * the folder is refused), with its Content-Type, the app's Content-Security-Policy (workers take theirs from their
 * script's response) and nosniff; 404 for anything else.
 */
export function createAppProtocolHandler(options: { root: string; files: AppFiles; contentSecurityPolicy: string }): (request: Request) => Promise<Response> {
  const { files } = options;
  const headers = (type: string) => ({
    'content-type': type,
    'content-security-policy': options.contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  const refuse = (status: number, text: string) => new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    const resolved = resolveAppPath(request.url, options.root);
    if ('status' in resolved) return refuse(resolved.status, resolved.status === 404 ? 'Not found' : 'Bad path');
    try {
      const realRoot = await files.realpath(resolve(options.root));
      const real = await files.realpath(resolved.path);
      if (!isInside(realRoot, real)) return refuse(404, 'Not found');
      const body = await files.readFile(real);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headers(contentTypeFor(real)) });
    } catch {
      // Missing, a folder, unreadable: the same answer, so nothing about the disk outside shows.
      return refuse(404, 'Not found');
    }
  };
}
