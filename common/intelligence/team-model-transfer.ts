import type { ModelVersionFiles } from './team-model';

/**
 * The team's model files on its sync server (sync-server/models/model-routes.ts): a promoted version is published
 * once; every member's app downloads the version the team's `<teamId>:model` setting names.
 */
export interface ModelServer {
  readonly serverUrl: string;
  readonly accessToken: () => string;
  readonly fetch?: typeof fetch;
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
  const response = await (server.fetch ?? fetch)(`${server.serverUrl}/models/${encodeURIComponent(version)}`, {
    headers: { authorization: `Bearer ${server.accessToken()}` },
  });
  if (response.status === 404) return undefined;
  if (!response.ok) throw await failure(response, `Downloading model ${version} failed`);
  const files = (await response.json()) as ModelVersionFiles;
  if (files?.version !== version || !Array.isArray(files.models?.churn?.trees?.trees) || !Array.isArray(files.models?.expansion?.trees?.trees)) {
    throw new Error(`Downloading model ${version} failed: the server sent something else`);
  }
  return files;
}
