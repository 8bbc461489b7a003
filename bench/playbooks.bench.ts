/**
 * Playbooks and segments: the pure engine (common/playbooks, common/segments) on a generated 10,000-account book held
 * in memory (plain maps: no database in these figures; the app reads the same facts from its live mirror of RxDB).
 *   - 20 active playbooks and 50 segments evaluated against the whole book, as after a bulk import;
 *   - one account change through every segment and every playbook's trigger;
 *   - 1,000 due steps caught up after a week asleep (each a wait ending and a task written to the map).
 */
import { performance } from 'node:perf_hooks';
import type { Account } from '../common/model';
import { ACCOUNT_TIERS, LIFECYCLE_STAGES } from '../common/model';
import type { ExecutionState } from '../common/playbooks/execution';
import { playbookSchema, type Playbook } from '../common/playbooks/playbook-definition';
import { PlaybookEngine, type EngineWorld } from '../common/playbooks/playbook-engine';
import { PLAYBOOK_TEMPLATES } from '../common/playbooks/playbook-templates';
import type { EffectPort } from '../common/playbooks/step-effects';
import { addDays } from '../common/playbooks/time';
import { createRandom } from '../common/random/seeded-random';
import { accountFacts, type AccountFacts } from '../common/segments/account-facts';
import type { Condition } from '../common/segments/segment-condition';
import { SegmentMembership } from '../common/segments/segment-membership';
import type { Figure } from './figure';
import { spread } from './spread';

const T0 = '2026-06-01T09:00:00.000Z';
const TODAY = T0.slice(0, 10);

function book(size: number): Map<string, AccountFacts> {
  const random = createRandom(7);
  const facts = new Map<string, AccountFacts>();
  for (let i = 0; i < size; i++) {
    const id = `acc${i}`;
    const seats = 10 + Math.floor(random() * 500);
    const account: Account = {
      id, ownerId: 'me', teamId: 't', updatedAt: '', fieldStamps: {}, externalId: id, name: `Account ${i}`, domain: `a${i}.example`, industry: 'SaaS',
      region: ['EMEA', 'NA', 'APAC'][i % 3]!, tier: ACCOUNT_TIERS[i % 3]!, status: 'active', lifecycleStage: LIFECYCLE_STAGES[i % 4]!, ownerName: 'Me', plan: 'Pro',
      seatsPurchased: seats, seatsActive: Math.floor(seats * random() * 1.1), mrr: Math.floor(random() * 20_000), contractStart: '2025-01-01',
      renewalDate: addDays(T0, Math.floor(random() * 500) - 30).slice(0, 10), createdAt: '2025-01-01T00:00:00.000Z',
    };
    const risk = Math.floor(random() * 100);
    facts.set(id, accountFacts({
      account,
      assessment: { health: 100 - risk, healthBand: risk > 70 ? 'red' : risk > 40 ? 'yellow' : 'green', risk, expansion: Math.floor(random() * 100), history: [{ date: '2026-05-01', health: 50, risk: Math.floor(random() * 100), expansion: 50 }] },
      today: TODAY,
    }));
  }
  return facts;
}

function segments(count: number): { id: string; name: string; condition: Condition }[] {
  const fields = [['risk', 'gte'], ['health', 'lt'], ['mrr', 'gt'], ['seatUtilization', 'lt'], ['daysToRenewal', 'lte'], ['riskChange', 'gt']] as const;
  return Array.from({ length: count }, (_, i) => {
    const [field, op] = fields[i % fields.length]!;
    const rule = { kind: 'rule' as const, field, op, value: field === 'mrr' ? 1000 * (i % 10) : 10 + (i % 9) * 10, ...(field === 'riskChange' ? { days: 30 } : {}) };
    return { id: `s${i}`, name: `Segment ${i}`, condition: { kind: 'group', match: 'all', conditions: [rule, { kind: 'group', match: 'any', conditions: [{ kind: 'rule', field: 'tier', op: 'eq', value: ACCOUNT_TIERS[i % 3]! }, { kind: 'rule', field: 'lifecycleStage', op: 'in', value: ['renewal', 'mature'] }] }] } };
  });
}

function playbooks(count: number): Playbook[] {
  return Array.from({ length: count }, (_, i) => {
    const template = PLAYBOOK_TEMPLATES[i % PLAYBOOK_TEMPLATES.length]!;
    return playbookSchema.parse(template.build(`pb${i}`));
  });
}

/** A world over precomputed facts and indexed executions (what the app's RxDB mirror gives the engine). */
class BenchWorld implements EngineWorld {
  executions = new Map<string, ExecutionState>();
  byAccount = new Map<string, ExecutionState[]>();
  tasks = new Map<string, string>();
  constructor(readonly facts_: Map<string, AccountFacts>, readonly playbooks: Playbook[]) {}
  activePlaybooks() { return this.playbooks; }
  playbookVersion(id: string, version: number) { return this.playbooks.find((p) => p.id === id && p.version === version); }
  accountIds() { return this.facts_.keys(); }
  facts(accountId: string) { return this.facts_.get(accountId) ?? null; }
  executionsOf(accountId: string) { return this.byAccount.get(accountId) ?? []; }
  execution(id: string) { return this.executions.get(id); }
  dueExecutions(now: string) { return [...this.executions.values()].filter((e) => e.nextWakeAt !== '' && e.nextWakeAt <= now); }
  taskStatus(id: string) { return this.tasks.get(id); }
  async saveExecution(state: ExecutionState) {
    if (!this.executions.has(state.id)) this.byAccount.set(state.accountId, [...(this.byAccount.get(state.accountId) ?? []), state]);
    else this.byAccount.set(state.accountId, (this.byAccount.get(state.accountId) ?? []).map((e) => (e.id === state.id ? state : e)));
    this.executions.set(state.id, state);
  }
  port: EffectPort = { apply: async (effect) => { if (effect.kind === 'create-task') this.tasks.set(effect.task.id, 'open'); return async () => undefined; } };
}

export async function benchPlaybooks(accounts = 10_000, runs = 5): Promise<Figure[]> {
  const facts = book(accounts);
  const segs = segments(50);
  const pbs = playbooks(20);
  const full: number[] = [];
  const change: number[] = [];
  const catchUp: number[] = [];
  let steps = 0;
  for (let run = 0; run < runs; run++) {
    const world = new BenchWorld(facts, pbs);
    const engine = new PlaybookEngine(world, { saveExecution: (s) => world.saveExecution(s), port: world.port });
    const membership = new SegmentMembership();
    let started = 0;
    const cpu = process.cpuUsage();
    let t = performance.now();
    membership.setSegments(segs, facts.values());
    const segmentsMs = performance.now() - t;
    const segmentsCpu = process.cpuUsage(cpu);
    for (const id of facts.keys()) started += engine.decide(id, T0).starts.length;
    const fullMs = performance.now() - t;
    const fullCpu = process.cpuUsage(cpu);
    full.push(fullMs);
    // CPU time next to wall time: on a loaded machine the wall time also counts the time spent waiting for a core.
    const ms = (usage: NodeJS.CpuUsage) => ((usage.user + usage.system) / 1000).toFixed(1);
    console.error(`playbooks bench: run ${run + 1}: segments ${segmentsMs.toFixed(1)} ms (cpu ${ms(segmentsCpu)}), triggers ${(fullMs - segmentsMs).toFixed(1)} ms (cpu ${(Number(ms(fullCpu)) - Number(ms(segmentsCpu))).toFixed(1)}), full cpu ${ms(fullCpu)} ms`);

    // One account changes (risk jumps), through every segment and trigger; 1,000 different accounts, median.
    const samples: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const before = facts.get(`acc${(i * 7) % accounts}`)!;
      const changed = { ...before, risk: (before.risk ?? 0) > 50 ? 10 : 90 };
      t = performance.now();
      membership.update(changed);
      engine.decide(changed.accountId, T0);
      samples.push(performance.now() - t);
    }
    change.push(samples.sort((a, b) => a - b)[500]!);

    // 1,000 executions waiting 3 days; the laptop wakes 7 days later: each wait ends and writes a task.
    const drip = playbookSchema.parse({ id: 'drip', version: 1, name: 'Drip', trigger: { kind: 'manual' }, start: 'w', steps: [
      { id: 'w', type: 'wait', wait: { days: 3 }, next: 't' },
      { id: 't', type: 'create-task', task: { title: 'Check {{account.name}}', taskType: 'manual', priority: 'low', dueInDays: 1 }, next: 'w2' },
      { id: 'w2', type: 'wait', wait: { days: 30 }, next: 'e' },
      { id: 'e', type: 'end', outcome: 'no-effect' },
    ] });
    const sleeper = new BenchWorld(facts, [drip]);
    const sleeperEngine = new PlaybookEngine(sleeper, { saveExecution: (s) => sleeper.saveExecution(s), port: sleeper.port });
    await sleeperEngine.startManually(drip, [...facts.keys()].slice(0, 1000), T0);
    t = performance.now();
    await sleeperEngine.catchUp(addDays(T0, 7));
    catchUp.push(performance.now() - t);
    steps = sleeper.tasks.size;
    if (run === 0) console.error(`playbooks bench: ${started} executions would start on the book; ${steps} due steps caught up`);
  }
  return [
    ...spread(`playbooks: 20 playbooks + 50 segments over ${accounts} accounts (memory)`, full, 'ms'),
    ...spread('playbooks: one account change through 50 segments and 20 triggers, median of 1000 (memory)', change, 'ms', 3),
    ...spread(`playbooks: ${steps} due steps after a week asleep, caught up (memory)`, catchUp, 'ms'),
  ];
}
