import { describe, expect, it } from 'vitest';
import type { ModelVersionFiles } from './team-model';
import { downloadModelVersion } from './team-model-transfer';

const FILES = { version: 'team-churn-1', models: { churn: { trees: { trees: [] } }, expansion: { trees: { trees: [] } } } } as unknown as ModelVersionFiles;

/** A fetch whose first `failures` calls fail as a dropped connection does (undici's TypeError), then answer. */
function flakyFetch(failures: number, answer: () => Response) {
  let calls = 0;
  const fetcher = (async () => {
    calls += 1;
    if (calls <= failures) throw new TypeError('fetch failed', { cause: new Error('other side closed') });
    return answer();
  }) as typeof fetch;
  return { fetcher, calls: () => calls };
}

describe('downloading a team model version', () => {
  it('tries again when the connection drops, so one network blip does not leave the device on the shipped model', async () => {
    const { fetcher, calls } = flakyFetch(2, () => Response.json(FILES));
    const files = await downloadModelVersion({ serverUrl: 'http://127.0.0.1:1', accessToken: () => 't', fetch: fetcher, retryDelayMs: () => 0 }, 'team-churn-1');
    expect(files?.version).toBe('team-churn-1');
    expect(calls()).toBe(3);
  });

  it('gives up after a few attempts and says the download failed', async () => {
    const { fetcher, calls } = flakyFetch(10, () => Response.json(FILES));
    await expect(downloadModelVersion({ serverUrl: 'http://127.0.0.1:1', accessToken: () => 't', fetch: fetcher, retryDelayMs: () => 0 }, 'team-churn-1')).rejects.toThrow(/fetch failed/);
    expect(calls()).toBe(3);
  });

  it('does not retry an answer: a 404 is "no such version", a 403 an error', async () => {
    const missing = flakyFetch(0, () => Response.json({ error: 'no' }, { status: 404 }));
    expect(await downloadModelVersion({ serverUrl: 'http://x', accessToken: () => 't', fetch: missing.fetcher, retryDelayMs: () => 0 }, 'v')).toBeUndefined();
    const refused = flakyFetch(0, () => Response.json({ error: 'Only your team' }, { status: 403 }));
    await expect(downloadModelVersion({ serverUrl: 'http://x', accessToken: () => 't', fetch: refused.fetcher, retryDelayMs: () => 0 }, 'v')).rejects.toThrow(/403 Only your team/);
    expect(refused.calls()).toBe(1);
  });
});
