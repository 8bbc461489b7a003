import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { retryDelayMs, type BackoffPolicy } from '../sync/backoff';

/**
 * Webhook steps: a POST signed with the team's secret (HMAC-SHA256 over `<timestamp>.<body>`, as Stripe and GitHub
 * sign theirs, in `x-outpost-signature: t=<timestamp>,v1=<hex>`), with an idempotency key per execution step so a
 * receiver can drop a repeat, retried with exponential backoff on network errors, 429 and 5xx.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${bytesToHex(hmac(sha256, utf8ToBytes(secret), utf8ToBytes(`${timestamp}.${body}`)))}`;
}

export interface WebhookDelivery {
  url: string;
  body: string;
  idempotencyKey: string;
  secret: string;
}

export interface WebhookOptions {
  fetch: typeof fetch;
  /** Waits between attempts (tests pass one that does not wait). */
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  attempts?: number;
  backoff?: BackoffPolicy;
}

export const WEBHOOK_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 60_000 };

/** Delivers or throws the last failure (the step then fails with PLAY001). Resolves with the number of attempts. */
export async function deliverWebhook(delivery: WebhookDelivery, options: WebhookOptions): Promise<number> {
  const attempts = options.attempts ?? 5;
  let lastError = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const timestamp = Math.floor(options.now() / 1000);
    let retryAfterMs: number | null = null;
    try {
      const response = await options.fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-outpost-signature': signWebhook(delivery.secret, timestamp, delivery.body),
          'idempotency-key': delivery.idempotencyKey,
        },
        body: delivery.body,
      });
      if (response.ok) return attempt;
      lastError = `the endpoint answered ${response.status}`;
      if (response.status !== 429 && response.status < 500) throw new PermanentFailure(lastError);
      const header = response.headers.get('retry-after');
      retryAfterMs = header && /^\d+$/.test(header) ? Number(header) * 1000 : null;
    } catch (error) {
      if (error instanceof PermanentFailure) throw new Error(error.message);
      lastError = `cannot reach ${delivery.url}: ${(error as Error).message}`;
    }
    if (attempt < attempts) await options.sleep(retryDelayMs(attempt, retryAfterMs, options.backoff ?? WEBHOOK_BACKOFF));
  }
  throw new Error(`${lastError} (after ${attempts} attempts)`);
}

class PermanentFailure extends Error {}
