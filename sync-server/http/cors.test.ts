import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestServer, type TestServer } from '../testing/test-server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.stop());

describe('CORS for the app (file:// in Electron, another port in the browser host)', () => {
  it('answers a preflight for bearer-token JSON requests', async () => {
    const response = await fetch(`${t.server.url}/sync/accounts/push`, {
      method: 'OPTIONS',
      headers: { origin: 'null', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
  });

  it('lets the page read answers and the Retry-After header, errors included', async () => {
    const ok = await fetch(`${t.server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:5199' },
      body: JSON.stringify(ADMIN),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    const refused = await fetch(`${t.server.url}/sync/accounts/pull`, { headers: { origin: 'null' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(refused.headers.get('access-control-expose-headers')).toMatch(/retry-after/);
    expect(refused.headers.get('access-control-expose-headers')).toMatch(/x-outpost-refused/);
  });
});
