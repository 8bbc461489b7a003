import type { HybridLogicalClock } from '../../clock/hlc';
import { stampNew } from '../../db/stamp-writes';
import type { Task } from '../../tasks/task';
import type { Execution } from '../execution';
import { executionId } from '../execution-id';
import { playbookSchema } from '../playbook-definition';
import { playbookDocumentId, type PlaybookDocument } from '../playbook-document';
import { PLAYBOOK_TEMPLATES } from '../playbook-templates';
import { newExecution } from '../step-reducer';

interface Owner {
  id: string;
  teamId: string;
}

/** A stored, active playbook version from a template (saved by `owner`, a manager). */
export function playbookDocumentFixture(playbookId: string, owner: Owner, clock: HybridLogicalClock, template = 'risk-save', version = 1): PlaybookDocument {
  const definition = { ...PLAYBOOK_TEMPLATES.find((t) => t.key === template)!.build(playbookId), version };
  return stampNew(
    { id: playbookDocumentId(playbookId, version), ownerId: owner.id, teamId: owner.teamId, playbookId, version, name: definition.name, status: 'active' as const, definition: definition as unknown as Record<string, unknown>, savedBy: 'Manager', savedAt: '2026-06-01T00:00:00.000Z' },
    clock,
  );
}

export function executionFixture(accountId: string, owner: Owner, clock: HybridLogicalClock, playbookId = 'risk-save'): Execution {
  const playbook = playbookSchema.parse(PLAYBOOK_TEMPLATES.find((t) => t.key === 'risk-save')!.build(playbookId));
  const state = newExecution({ id: executionId(playbookId, 1, accountId, 'manual:x'), accountId, accountName: 'Account', occurrence: 'manual:x', triggerHolds: false }, playbook, '2026-06-01T00:00:00.000Z');
  return stampNew({ ...state, ownerId: owner.id, teamId: owner.teamId }, clock);
}

export function taskFixture(id: string, accountId: string, owner: Owner, clock: HybridLogicalClock, fields: Partial<Task> = {}): Task {
  return stampNew(
    {
      id, ownerId: owner.id, teamId: owner.teamId, accountId, accountName: 'Account', executionId: '', stepId: '', title: 'Call the champion', detail: '',
      type: 'manual' as const, priority: 'medium' as const, dueDate: '2026-06-01', status: 'open' as const, assigneeId: owner.id, assigneeName: 'Owner',
      mailto: '', comments: [], createdAt: '2026-06-01T00:00:00.000Z', completedAt: '', ...fields,
    },
    clock,
  );
}
