import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverWebhook, signWebhook } from './webhook';

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

/** A receiver on 127.0.0.1 that answers the given statuses in turn and records what it got. */
async function receiver(statuses: number[]) {
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

describe('webhook step delivery', () => {
  it('signs the body, retries 5xx and 429 with growing delays, and keeps the idempotency key', async () => {
    const { url, received } = await receiver([503, 429, 200]);
    const delays: number[] = [];
    const attempts = await deliverWebhook({ url, body: '{"a":1}', idempotencyKey: 'x1:hook:1', secret: 's3cret' }, { fetch, sleep: async (ms) => void delays.push(ms), now: () => 1_700_000_000_000 });
    expect(attempts).toBe(3);
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(1_000);
    expect(received.map((r) => r.headers['idempotency-key'])).toEqual(['x1:hook:1', 'x1:hook:1', 'x1:hook:1']);
    expect(received[2]!.headers['x-outpost-signature']).toBe(signWebhook('s3cret', 1_700_000_000, '{"a":1}'));
    expect(signWebhook('other', 1_700_000_000, '{"a":1}')).not.toBe(received[2]!.headers['x-outpost-signature']);
  });

  it('gives up at once on a 4xx, and after the last attempt on an endpoint that stays down, with the reason', async () => {
    const { url } = await receiver([404]);
    await expect(deliverWebhook({ url, body: '', idempotencyKey: 'k', secret: 's' }, { fetch, sleep: async () => undefined, now: Date.now })).rejects.toThrow('the endpoint answered 404');
    await expect(deliverWebhook({ url: 'http://127.0.0.1:9/none', body: '', idempotencyKey: 'k', secret: 's' }, { fetch, sleep: async () => undefined, now: Date.now, attempts: 2 })).rejects.toThrow(/cannot reach http:\/\/127.0.0.1:9\/none.*\(after 2 attempts\)/);
  });
});
