import type { IncomingMessage, ServerResponse } from 'node:http';
import { calendarCallRequestSchema, calendarConnectRequestSchema } from '../../common/bridge/contract';
import { CalendarHost } from '../main/calendar/calendar-host';
import type { HostMiddleware } from './browser-host-server';

const MAX_BODY_BYTES = 1024 * 1024;

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    req.on('data', (chunk: Uint8Array) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new Error('Request body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

/**
 * The browser host's side of the calendar bridge: POST /api/calendar/connect and /api/calendar/call, the same
 * CalendarHost Electron main uses over IPC. Only same-origin JSON requests are served (a JSON content type forces a
 * CORS preflight, which this server never grants, and the Origin must be this host), so another web page cannot
 * drive the CSM's calendar through it.
 */
export function calendarRoutes(host: CalendarHost = new CalendarHost()): HostMiddleware {
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/api/calendar/connect' && path !== '/api/calendar/call') return next();
    if (req.method !== 'POST') return answer(res, 405, { message: 'POST only' });
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) return answer(res, 403, { message: 'Cross-origin calendar requests are refused' });
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return answer(res, 415, { message: 'JSON only' });
    readJson(req)
      .then(async (body) => {
        if (path === '/api/calendar/connect') {
          if (body === null) return answer(res, 200, await host.connect(null));
          const parsed = calendarConnectRequestSchema.safeParse(body);
          if (!parsed.success) return answer(res, 400, { message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
          return answer(res, 200, await host.connect(parsed.data));
        }
        const parsed = calendarCallRequestSchema.safeParse(body);
        if (!parsed.success) return answer(res, 400, { message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
        return answer(res, 200, await host.call(parsed.data));
      })
      .catch((error: unknown) => answer(res, 400, { message: error instanceof Error ? error.message : String(error) }));
  };
}
