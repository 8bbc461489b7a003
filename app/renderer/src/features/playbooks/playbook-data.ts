import { useEffect, useState } from 'react';
import type { MangoQuerySelector } from 'rxdb';
import type { OutpostDatabase } from '../../../../../common/db/create-database';
import { getDeviceClock, stampChanges, stampNew } from '../../../../../common/db/stamp-writes';
import type { Execution } from '../../../../../common/playbooks/execution';
import type { Playbook } from '../../../../../common/playbooks/playbook-definition';
import { playbookDocumentId, type PlaybookDocument } from '../../../../../common/playbooks/playbook-document';
import { validatePlaybook, type PlaybookProblem } from '../../../../../common/playbooks/validate-playbook';
import { useDatabase } from '../../db/database-context';
import { LOCAL_USER } from '../../session/local-user';
import { useSyncSession } from '../../session/session-store';

/** Live playbook versions. */
export function usePlaybookDocs(): PlaybookDocument[] | undefined {
  const db = useDatabase();
  const [docs, setDocs] = useState<PlaybookDocument[]>();
  useEffect(() => {
    const sub = db.playbooks.find().$.subscribe((found) => setDocs(found.map((d) => d.toJSON() as unknown as PlaybookDocument)));
    return () => sub.unsubscribe();
  }, [db]);
  return docs;
}

/** Live executions matching a selector, newest first. */
export function useExecutions(selector: MangoQuerySelector<Execution> = {}): Execution[] | undefined {
  const db = useDatabase();
  const key = JSON.stringify(selector);
  const [docs, setDocs] = useState<Execution[]>();
  useEffect(() => {
    const sub = db.executions.find({ selector: JSON.parse(key) as MangoQuerySelector<Execution> }).$.subscribe((found) =>
      setDocs(found.map((d) => d.toJSON() as unknown as Execution).sort((a, b) => b.startedAt.localeCompare(a.startedAt))),
    );
    return () => sub.unsubscribe();
  }, [db, key]);
  return docs;
}

/** The newest version of each playbook. */
export function latestVersions(docs: readonly PlaybookDocument[]): PlaybookDocument[] {
  const latest = new Map<string, PlaybookDocument>();
  for (const doc of docs) if ((latest.get(doc.playbookId)?.version ?? 0) < doc.version) latest.set(doc.playbookId, doc);
  return [...latest.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function author() {
  const session = useSyncSession.getState().session;
  return session ? { ownerId: session.user.id, teamId: session.user.teamId ?? 'none', name: session.user.name } : { ownerId: LOCAL_USER.ownerId, teamId: LOCAL_USER.teamId, name: LOCAL_USER.ownerName };
}

export class PlaybookRefused extends Error {
  constructor(readonly problems: PlaybookProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  }
}

/**
 * Saves a playbook: validated first (nothing is stored when it is refused). A draft overwrites the newest version
 * while that is a draft; otherwise it becomes the next version, so an active version is never changed under the
 * executions running on it. Activating makes this version the active one and retires the one before.
 */
export async function savePlaybook(db: OutpostDatabase, input: unknown, activate: boolean): Promise<Playbook> {
  const checked = validatePlaybook(input);
  if (!checked.ok) throw new PlaybookRefused(checked.problems);
  const versions = (await db.playbooks.find({ selector: { playbookId: checked.playbook.id } }).exec()).map((d) => d.toJSON() as unknown as PlaybookDocument);
  const newest = versions.reduce<PlaybookDocument | undefined>((a, b) => (a && a.version > b.version ? a : b), undefined);
  const version = newest && newest.status === 'draft' ? newest.version : (newest?.version ?? 0) + 1;
  const playbook: Playbook = { ...checked.playbook, version };
  const who = author();
  const doc = stampNew(
    { id: playbookDocumentId(playbook.id, version), ownerId: who.ownerId, teamId: who.teamId, playbookId: playbook.id, version, name: playbook.name, status: activate ? ('active' as const) : ('draft' as const), definition: playbook as unknown as Record<string, unknown>, savedBy: who.name, savedAt: new Date().toISOString() },
    getDeviceClock(),
  );
  await db.playbooks.upsert(doc);
  if (activate) {
    for (const other of versions) {
      if (other.version !== version && other.status === 'active') {
        const stored = await db.playbooks.findOne(other.id).exec();
        await stored?.incrementalPatch(stampChanges(stored.fieldStamps, { status: 'retired' as const }));
      }
    }
  }
  return playbook;
}

export async function setPlaybookStatus(db: OutpostDatabase, id: string, status: PlaybookDocument['status']): Promise<void> {
  const stored = await db.playbooks.findOne(id).exec();
  await stored?.incrementalPatch(stampChanges(stored.fieldStamps, { status }));
}

/** Writes a person's change to an execution (pause, resume, cancel, skip, outcome) as a stamped edit. */
export async function updateExecution(db: OutpostDatabase, execution: Execution, next: Partial<Execution>): Promise<void> {
  const doc = await db.executions.findOne(execution.id).exec();
  if (!doc) return;
  const current = doc.toJSON() as unknown as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) if (!['ownerId', 'teamId', 'updatedAt', 'fieldStamps'].includes(key) && JSON.stringify(value) !== JSON.stringify(current[key])) changes[key] = value;
  if (Object.keys(changes).length) await doc.incrementalPatch(stampChanges(doc.fieldStamps, changes) as Partial<Execution>);
}
