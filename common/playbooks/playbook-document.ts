import type { SyncFields } from '../model/sync-fields';

export const PLAYBOOK_STATUSES = ['draft', 'active', 'retired'] as const;
export type PlaybookStatus = (typeof PLAYBOOK_STATUSES)[number];

/**
 * One stored version of a playbook (id `<playbookId>@<version>`). A saved version is never changed except its
 * status: editing makes the next version, so executions in flight finish on theirs. Team-wide (read by the whole
 * team, written by Admins and CS Managers, like team settings); `ownerId` is who saved it. `definition` is the
 * playbook (validated with validatePlaybook when written and when read).
 */
export interface PlaybookDocument extends SyncFields {
  playbookId: string;
  version: number;
  name: string;
  status: PlaybookStatus;
  definition: Record<string, unknown>;
  savedBy: string;
  savedAt: string;
}

export function playbookDocumentId(playbookId: string, version: number): string {
  return `${playbookId}@${version}`;
}
