import { afterEach, describe, expect, it } from 'vitest';
import type { OutpostDatabase } from '../../../../../common/db/create-database';
import { openTestDatabase } from '../../../../../common/db/testing/test-database';
import { PLAYBOOK_TEMPLATES } from '../../../../../common/playbooks/playbook-templates';
import { PlaybookRefused, savePlaybook } from './playbook-data';

let db: OutpostDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

const template = () => PLAYBOOK_TEMPLATES.find((t) => t.key === 'risk-save')!.build('save');

describe('saving playbooks to the local book', () => {
  it('refuses a malformed playbook with what and where, and stores nothing', async () => {
    db = await openTestDatabase('playbooks');
    const cycle = template();
    cycle.steps = [
      { id: 'call', type: 'notify', notify: { message: 'x' }, next: 'log' },
      { id: 'log', type: 'log-activity', activity: { subject: 'y' }, next: 'call' },
    ];
    const unknownStep = JSON.stringify({ ...template(), steps: [{ id: 'call', type: 'fax', next: 'x' }] });
    const mergeField = template();
    mergeField.steps[0] = { ...mergeField.steps[0]!, type: 'notify', notify: { message: '{{account.ceo}}' }, next: 'log' } as never;
    for (const [input, expected] of [
      ['{"id": "save", "steps": [', /not valid JSON/],
      [unknownStep, /steps\[0\]\.type: unknown step type "fax"/],
      [cycle, /form a loop with no wait/],
      [mergeField, /unknown merge field \{\{account\.ceo\}\}/],
    ] as const) {
      const error = await savePlaybook(db, input, true).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlaybookRefused);
      expect((error as Error).message).toMatch(expected);
    }
    expect(await db.playbooks.count().exec()).toBe(0);
  });

  it('keeps an active version unchanged: editing saves the next version, activating retires the previous one', async () => {
    db = await openTestDatabase('playbooks');
    await savePlaybook(db, template(), true);
    await savePlaybook(db, { ...template(), name: 'Risk save v2' }, false);
    await savePlaybook(db, { ...template(), name: 'Risk save v2, final' }, false);
    let versions = (await db.playbooks.find().exec()).map((d) => `${d.id} ${d.status} ${d.name}`).sort();
    expect(versions).toEqual(['save@1 active Risk save plan', 'save@2 draft Risk save v2, final']);
    await savePlaybook(db, { ...template(), name: 'Risk save v2, final' }, true);
    versions = (await db.playbooks.find().exec()).map((d) => `${d.id} ${d.status}`).sort();
    expect(versions).toEqual(['save@1 retired', 'save@2 active']);
  });
});
