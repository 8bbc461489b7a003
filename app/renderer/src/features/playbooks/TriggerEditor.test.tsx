// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../../../../../common/clock/hlc';
import { createOutpostDatabase, type OutpostDatabase } from '../../../../../common/db/create-database';
import { stampNew } from '../../../../../common/db/stamp-writes';
import type { PlaybookTrigger } from '../../../../../common/playbooks/playbook-definition';
import { DatabaseContext } from '../../db/database-context';
import { TriggerEditor } from './TriggerEditor';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: OutpostDatabase;
let container: HTMLDivElement;
let root: Root;
let counter = 0;
const clock = new HybridLogicalClock('triggereditor');

beforeEach(async () => {
  counter += 1;
  db = await createOutpostDatabase({ name: `triggereditor${Date.now()}x${counter}`, storage: getRxStorageMemory(), collections: ['usage', 'preferences'] });
  // The book's usage: two of the six and one feature of the team's own.
  await db.usage.insert(stampNew({ id: 'a1:2026-06', ownerId: 'me', teamId: 'local', accountId: 'a1', month: '2026-06', activeUsers: Array.from({ length: 30 }, () => null), featureEvents: { sso: 3, api: 9, ai_assistant: 2 } }, clock));
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  await db.close();
});

async function render(value: PlaybookTrigger, changes: PlaybookTrigger[]) {
  await act(async () =>
    root.render(
      <DatabaseContext.Provider value={db}>
        <TriggerEditor value={value} onChange={(next) => changes.push(next)} />
      </DatabaseContext.Provider>,
    ),
  );
}

const featureSelect = () => container.querySelector<HTMLSelectElement>('select[aria-label="Product feature"]')!;
const optionLabels = () => [...featureSelect().options].map((o) => o.textContent);

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200 && !check(); i++) await act(async () => new Promise((r) => setTimeout(r, 10)));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('the product-event trigger in the builder', () => {
  it("offers the six and the book's own features in words; choosing one sets its key", async () => {
    const changes: PlaybookTrigger[] = [];
    await render({ kind: 'product-event', feature: 'integrations', atLeast: 5 }, changes);
    await until(() => optionLabels().includes("Ai assistant (your team's feature)"), "the book's own feature");
    expect(optionLabels()).toEqual(['Dashboards', 'Reports', 'Integrations', 'Automation', 'API', 'SSO', "Ai assistant (your team's feature)"]);
    expect(featureSelect().value).toBe('integrations');
    await act(async () => {
      featureSelect().value = 'ai_assistant';
      featureSelect().dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(changes).toEqual([{ kind: 'product-event', feature: 'ai_assistant', atLeast: 5 }]);
  });

  it('shows an own feature the book no longer has, said so, without changing the playbook', async () => {
    const changes: PlaybookTrigger[] = [];
    await render({ kind: 'product-event', feature: 'report_scheduled', atLeast: 3 }, changes);
    await until(() => optionLabels().includes("Ai assistant (your team's feature)"), "the book's own feature");
    expect(featureSelect().value).toBe('report_scheduled');
    expect(featureSelect().selectedOptions[0]!.textContent).toBe("Report scheduled (not in this book's usage now)");
    expect(changes).toEqual([]);
  });
});
