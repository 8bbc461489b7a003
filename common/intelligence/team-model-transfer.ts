import { retryDelayMs } from '../sync/backoff';
import type { ModelVersionFiles } from './team-model';

/**
 * The team's model files on its sync server (sync-server/models/model-routes.ts): a promoted version is published
 * once; every member's app downloads the version the team's `<teamId>:model` setting names.
 */
export interface ModelServer {
  readonly serverUrl: string;
  readonly accessToken: () => string;
  readonly fetch?: typeof fetch;
  /** The wait before another attempt after `attempt` dropped connections (default: backoff from 500 ms). */
  readonly retryDelayMs?: (attempt: number) => number;
}

/** Attempts at a download before it is reported failed (the app tries again at its next start). */
const DOWNLOAD_ATTEMPTS = 3;

/**
 * A GET tried again when the request itself failed (fetch rejects: a dropped connection, Wi-Fi gone for a moment);
 * an answer, whatever its status, is returned as it is.
 */
async function getWithRetries(server: ModelServer, url: string): Promise<Response> {
  const delay = server.retryDelayMs ?? ((attempt: number) => retryDelayMs(attempt, null, { baseMs: 500, maxMs: 4_000 }));
  for (let attempt = 1; ; attempt++) {
    try {
      return await (server.fetch ?? fetch)(url, { headers: { authorization: `Bearer ${server.accessToken()}` } });
    } catch (error) {
      if (attempt >= DOWNLOAD_ATTEMPTS) throw error;
      await new Promise<void>((resolve) => setTimeout(() => resolve(), delay(attempt)));
    }
  }
}

async function failure(response: Response, what: string): Promise<Error> {
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  return new Error(`${what}: ${response.status} ${body?.error ?? response.statusText}`);
}

/** Publishes a version's files (Admins and CS Managers); one already there is left as it is. */
export async function publishModelVersion(server: ModelServer, files: ModelVersionFiles): Promise<void> {
  const response = await (server.fetch ?? fetch)(`${server.serverUrl}/models/${encodeURIComponent(files.version)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.accessToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify(files),
  });
  if (response.status === 409) return;
  if (!response.ok) throw await failure(response, `Publishing model ${files.version} failed`);
}

/** Downloads a version's files; undefined when the server has no such version for the team. */
export async function downloadModelVersion(server: ModelServer, version: string): Promise<ModelVersionFiles | undefined> {
  const response = await getWithRetries(server, `${server.serverUrl}/models/${encodeURIComponent(version)}`);
  if (response.status === 404) return undefined;
  if (!response.ok) throw await failure(response, `Downloading model ${version} failed`);
  const files = (await response.json()) as ModelVersionFiles;
  if (files?.version !== version || !Array.isArray(files.models?.churn?.trees?.trees) || !Array.isArray(files.models?.expansion?.trees?.trees)) {
    throw new Error(`Downloading model ${version} failed: the server sent something else`);
  }
  return files;
}
