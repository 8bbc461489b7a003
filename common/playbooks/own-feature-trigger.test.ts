import { describe, expect, it } from 'vitest';
import type { PlaybookInput } from './playbook-definition';
import { PlaybookEngine } from './playbook-engine';
import { MemoryWorld, testAccount } from './testing/memory-world';
import { productEventFeatureOptions } from './trigger-features';
import { validatePlaybook } from './validate-playbook';

/**
 * A product-event trigger on the team's own product features (an event name none of the six means, stored in the
 * usage months under its normalised key, common/model/feature-keys.ts), not only on the six.
 */

const T0 = '2026-06-03T09:00:00.000Z';

const scheduled = (feature: string): PlaybookInput => ({
  id: 'scheduled', version: 1, name: 'Reports scheduled', trigger: { kind: 'product-event', feature, atLeast: 4 }, start: 't',
  steps: [
    { id: 't', type: 'create-task', task: { title: 'Ask {{account.name}} which reports they schedule', taskType: 'opportunity', priority: 'medium', dueInDays: 2 }, next: 'e' },
    { id: 'e', type: 'end', outcome: 'no-effect' },
  ],
});

function checked(input: PlaybookInput) {
  const result = validatePlaybook(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.playbook;
}

const problems = (input: unknown) => {
  const result = validatePlaybook(input);
  if (result.ok) throw new Error('expected a refusal');
  return result.problems;
};

describe("a product-event trigger on the team's own feature", () => {
  it('validates, and starts once when the month\'s count of the own key reaches the threshold', async () => {
    const playbook = checked(scheduled('report_scheduled'));
    expect(playbook.trigger).toEqual({ kind: 'product-event', feature: 'report_scheduled', atLeast: 4 });
    const world = new MemoryWorld();
    world.addPlaybook(playbook);
    const engine = new PlaybookEngine(world, world);
    // Many events of the six (and of a similar own key) do not count for it.
    world.accounts.set('a1', { account: testAccount({ id: 'a1', name: 'Acme' }), usage: [{ month: '2026-06', featureEvents: { reports: 90, report_scheduled: 3, reports_scheduled: 50 } }] });
    await engine.accountChanged('a1', T0);
    expect(world.executions.size).toBe(0);

    world.accounts.get('a1')!.usage = [{ month: '2026-06', featureEvents: { reports: 90, report_scheduled: 4 } }];
    await engine.accountChanged('a1', T0);
    expect([...world.executions.values()].map((e) => e.occurrence)).toEqual(['product-event:report_scheduled:2026-06']);
    expect([...world.tasks.values()].map((task) => task.title)).toEqual(['Ask Acme which reports they schedule']);
    world.accounts.get('a1')!.usage = [{ month: '2026-06', featureEvents: { report_scheduled: 30 } }];
    await engine.tick(T0);
    expect(world.executions.size).toBe(1);
  });

  it('refuses a name that is not a feature key, saying what and where (and the key it would be)', () => {
    expect(problems(scheduled('Report Scheduled'))).toEqual([
      { path: 'trigger.feature', message: expect.stringMatching(/^"Report Scheduled" is not a feature key: .*lowercase.*"report_scheduled"/) },
    ]);
    for (const bad of ['', '9lives', 'report__scheduled', 'report_scheduled_', 'r'.repeat(41), 'telepathy!']) {
      expect(problems(scheduled(bad)).map((p) => p.path), bad).toEqual(['trigger.feature']);
    }
  });

  it("a synonym of one of the six product features means that feature (the import's table, one place)", () => {
    expect(checked(scheduled('sso_login')).trigger).toMatchObject({ feature: 'sso' });
    expect(checked(scheduled('dashboard_viewed')).trigger).toMatchObject({ feature: 'dashboards' });
    expect(checked(scheduled('webhook_created')).trigger).toMatchObject({ feature: 'integrations' });
    expect(checked(scheduled('api')).trigger).toMatchObject({ feature: 'api' });
    // A name that only contains a feature's word is the team's own.
    expect(checked(scheduled('dashboards_shared')).trigger).toMatchObject({ feature: 'dashboards_shared' });
  });
});

describe("the trigger editor's feature choices", () => {
  it("offers the six, then the book's own keys, labelled readably", () => {
    const options = productEventFeatureOptions(['report_scheduled', 'ai_assistant'], 'integrations');
    expect(options.map((o) => o.value)).toEqual(['dashboards', 'reports', 'integrations', 'automation', 'api', 'sso', 'ai_assistant', 'report_scheduled']);
    expect(options.map((o) => o.label)).toEqual([
      'Dashboards', 'Reports', 'Integrations', 'Automation', 'API', 'SSO',
      "Ai assistant (your team's feature)", "Report scheduled (your team's feature)",
    ]);
  });

  it('keeps an own key the book no longer has, said so, instead of changing the playbook', () => {
    const options = productEventFeatureOptions(['ai_assistant'], 'report_scheduled');
    expect(options.map((o) => o.value)).toEqual(['dashboards', 'reports', 'integrations', 'automation', 'api', 'sso', 'ai_assistant', 'report_scheduled']);
    expect(options.at(-1)!.label).toBe('Report scheduled (not in this book\'s usage now)');
    // The six are never listed twice, whatever the book says.
    expect(productEventFeatureOptions(['sso', 'ai_assistant'], 'sso').map((o) => o.value)).toEqual(['dashboards', 'reports', 'integrations', 'automation', 'api', 'sso', 'ai_assistant']);
  });
});
