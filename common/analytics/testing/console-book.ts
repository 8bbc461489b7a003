import { generateDemoBook } from '../../demo/generate-demo-book';
import type { Account, IsoDate, RevenueEvent } from '../../model';
import type { ExecutionState } from '../../playbooks/execution';
import { createRandom } from '../../random/seeded-random';
import type { AccountScores } from '../book-scores';
import type { TimeRange } from '../dashboard-config';
import type { ConsoleInput } from '../console-metrics';
import { groupEventsByAccount, MrrHistoryIndex } from '../mrr-history-index';
import { resolveTimeRange } from '../time-range';
import { TOUCH_TYPES, type Touch } from '../workload';

export const CONSOLE_BOOK_TODAY: IsoDate = '2026-06-30';

/**
 * The console's whole input for a generated demo book of `accounts` accounts: its revenue events, CSM touches,
 * seeded scores with a monthly history, and a few playbook executions (some started in the range, some cancelled,
 * some still running), for comparing ways of computing the same metrics.
 */
export function consoleBook(seed: number, accounts: number, range: TimeRange = 'last-12-months'): ConsoleInput {
  const book: Account[] = [];
  const events: RevenueEvent[] = [];
  const touches: Touch[] = [];
  for (const bundle of generateDemoBook({ seed, accounts, asOf: CONSOLE_BOOK_TODAY })) {
    book.push(bundle.account);
    events.push(...bundle.revenue);
    for (const a of bundle.activities) if (TOUCH_TYPES.has(a.type) || a.type === 'support_ticket') touches.push({ accountId: a.accountId, type: a.type, occurredAt: a.occurredAt });
  }
  const random = createRandom(seed + 1);
  const scores = new Map<string, AccountScores>();
  for (const account of book) {
    if (random() < 0.1) continue; // some accounts not scored
    const p = random() ** 2;
    const history = Array.from({ length: 12 }, (_, m) => ({
      date: `${m < 6 ? 2025 : 2026}-${String(((m + 6) % 12) + 1).padStart(2, '0')}-${random() < 0.5 ? '01' : '28'}`,
      health: random() < 0.1 ? null : Math.round(100 * (1 - p) * (0.8 + random() * 0.2)),
      risk: random() < 0.1 ? null : Math.round(100 * p),
      expansion: null,
    }));
    scores.set(account.id, { churnProbability: p, expansion: Math.round(random() * 100), healthBand: p > 0.6 ? 'red' : p > 0.3 ? 'yellow' : 'green', history });
  }
  const executions: ExecutionState[] = [];
  for (const account of book) {
    if (random() > 0.3) continue;
    const month = 1 + Math.floor(random() * 12);
    const started = `${month > 6 ? 2025 : 2026}-${String(month).padStart(2, '0')}-10T09:00:00.000Z`;
    const status = (['completed', 'completed', 'cancelled', 'running', 'failed'] as const)[Math.floor(random() * 5)]!;
    executions.push({
      id: `x-${account.id}`, accountId: account.id, accountName: account.name, playbookId: random() < 0.5 ? 'save' : 'grow', playbookVersion: 1,
      playbookName: random() < 0.5 ? 'Save plan' : '', occurrence: `manual:${account.id}`, triggerHolds: false, status,
      currentStepId: '', stepEnteredAt: '', nextWakeAt: '', awaitingTaskId: '', pausedFrom: '',
      outcome: status === 'completed' ? (random() < 0.5 ? 'saved' : 'churned') : '', error: null, startedAt: started,
      finishedAt: status === 'running' ? '' : started.replace('-10T', '-20T'),
      log: [
        { stepId: 'call', type: 'create-task', status: 'done', at: '', detail: '' },
        { stepId: 'mail', type: 'email', status: random() < 0.5 ? 'done' : 'skipped', at: '', detail: '' },
        { stepId: 'end', type: 'end', status: 'done', at: '', detail: '' },
      ],
    } as ExecutionState);
  }
  const eventsByAccount = groupEventsByAccount(events);
  const histories = new MrrHistoryIndex().update(book, eventsByAccount, CONSOLE_BOOK_TODAY);
  return {
    accounts: book, histories, eventsByAccount, scores, touches, tasks: null, executions,
    range: resolveTimeRange(range, CONSOLE_BOOK_TODAY), today: CONSOLE_BOOK_TODAY, expansionTargetArr: seed % 2 ? 50_000 : null,
  };
}
