import { describe, expect, it } from 'vitest';
import { PLAYBOOK_TEMPLATES } from './playbook-templates';
import { validatePlaybook } from './validate-playbook';

const good = () => ({
  id: 'pb', version: 1, name: 'Test', trigger: { kind: 'manual' }, start: 'a',
  steps: [
    { id: 'a', type: 'notify', notify: { message: 'Hello {{account.name}}' }, next: 'b' },
    { id: 'b', type: 'end', outcome: 'saved' },
  ],
});

const problems = (input: unknown) => {
  const result = validatePlaybook(input);
  if (result.ok) throw new Error('expected a refusal');
  return result.problems;
};

describe('playbook validation', () => {
  it('accepts every template', () => {
    for (const template of PLAYBOOK_TEMPLATES) {
      const result = validatePlaybook(template.build(`t-${template.key}`));
      expect(result.ok ? 'ok' : JSON.stringify(result.problems)).toBe('ok');
    }
  });

  it('refuses bad JSON, saying so', () => {
    expect(problems('{"id": "pb", ')).toEqual([{ path: '(root)', message: expect.stringMatching(/^not valid JSON: /) }]);
  });

  it('refuses an unknown step type by name and place', () => {
    const pb = good();
    pb.steps[0] = { id: 'a', type: 'teleport', next: 'b' } as never;
    expect(problems(JSON.stringify(pb))).toEqual([{ path: 'steps[0].type', message: expect.stringContaining('unknown step type "teleport"') }]);
  });

  it('refuses a missing field with its path', () => {
    const pb = good() as Record<string, unknown>;
    delete (pb.steps as Record<string, unknown>[])[0]!.next;
    delete pb.name;
    expect(problems(pb)).toEqual(expect.arrayContaining([{ path: 'name', message: expect.any(String) }, { path: 'steps[0].next', message: expect.any(String) }]));
  });

  it('refuses a loop without a wait, naming its steps', () => {
    const pb = good();
    pb.steps = [
      { id: 'a', type: 'notify', notify: { message: 'x' }, next: 'b' },
      { id: 'b', type: 'branch', branch: { if: { kind: 'rule', field: 'risk', op: 'gt', value: 50 } }, then: 'a', else: 'c' },
      { id: 'c', type: 'end', outcome: 'saved' },
    ] as never;
    expect(problems(pb)).toEqual([{ path: 'steps[0]', message: 'steps "a" → "b" → "a" form a loop with no wait: add a wait step (days > 0) or a task it waits for' }]);
    // The same loop through a 7-day wait is fine.
    pb.steps.splice(1, 0, { id: 'w', type: 'wait', wait: { days: 7 }, next: 'b' } as never);
    (pb.steps[0] as { next: string }).next = 'w';
    expect(validatePlaybook(pb).ok).toBe(true);
  });

  it('refuses an unknown merge field, saying which and where', () => {
    const pb = good();
    pb.steps[0] = { id: 'a', type: 'notify', notify: { message: 'Hello {{account.nmae}}' }, next: 'b' };
    expect(problems(pb)).toEqual([{ path: 'steps[0].notify.message', message: 'steps[0] ("a") uses unknown merge field {{account.nmae}}' }]);
  });

  it('refuses an unreachable step and a link to nowhere', () => {
    const pb = good();
    pb.steps.push({ id: 'orphan', type: 'end', outcome: 'saved' } as never);
    expect(problems(pb)).toEqual([{ path: 'steps[2]', message: 'steps[2] ("orphan") cannot be reached from the start step "a"' }]);
    const nowhere = good();
    nowhere.steps[0]!.next = 'zzz';
    expect(problems(nowhere)).toEqual([{ path: 'steps[0].next', message: 'steps[0] ("a").next points to "zzz", which is not a step' }]);
  });

  it('refuses a trigger condition on an unknown field and a wait until without a timeout', () => {
    const pb = { ...good(), trigger: { kind: 'condition', condition: { kind: 'rule', field: 'mood', op: 'eq', value: 'sad' } } };
    pb.steps.splice(1, 0, { id: 'w', type: 'wait', wait: { until: { kind: 'rule', field: 'risk', op: 'lt', value: 3 } }, next: 'b' } as never);
    pb.steps[0]!.next = 'w';
    expect(problems(pb)).toEqual([
      { path: 'trigger.condition', message: 'unknown field "mood"' },
      { path: 'steps[1].wait.timeoutDays', message: 'steps[1] ("w") waits until a condition: it needs a timeout in days' },
    ]);
  });
});
