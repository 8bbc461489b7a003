import type { AccountFacts } from '../segments/account-facts';
import type { ExecutionState } from './execution';
import { executionId } from './execution-id';
import type { Playbook } from './playbook-definition';
import { describeEffect } from './step-effects';
import { newExecution, stepOnce } from './step-reducer';
import { compileTrigger, decideTrigger } from './triggers';

export interface DryRunEntry {
  accountId: string;
  accountName: string;
  occurrence: string;
  /** What the execution would do now, in order, up to its first wait. */
  actions: string[];
}

/**
 * Which accounts a playbook would start on now and what each would do until its first wait: the reducer run
 * without carrying anything out. Nothing is written.
 */
export function dryRun(playbook: Playbook, book: Iterable<AccountFacts>, executionsOf: (accountId: string) => readonly ExecutionState[], now: string): DryRunEntry[] {
  const compiled = compileTrigger(playbook);
  const entries: DryRunEntry[] = [];
  for (const facts of book) {
    for (const start of decideTrigger(compiled, null, facts, executionsOf(facts.accountId)).start) {
      let state: ExecutionState = newExecution({ id: executionId(playbook.id, playbook.version, facts.accountId, start.occurrence), accountId: facts.accountId, accountName: facts.account.name, occurrence: start.occurrence, triggerHolds: start.triggerHolds }, playbook, now);
      const actions: string[] = [];
      for (let n = 0; n < 100; n++) {
        const result = stepOnce(state, playbook, { at: now, facts, taskStatus: () => undefined });
        if (result.kind === 'idle') break;
        if (result.effects.length) actions.push(...result.effects.map(describeEffect));
        else actions.push(result.execution.log.at(-1)?.detail ?? result.stepId);
        state = result.execution;
        if (state.status === 'waiting') break;
      }
      entries.push({ accountId: facts.accountId, accountName: facts.account.name, occurrence: start.occurrence, actions });
    }
  }
  return entries;
}
