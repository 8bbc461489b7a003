import { describe, expect, it } from 'vitest';
import { readSources } from './read-sources';
import { suggestSetup } from './suggest-setup';
import { fixtureBytes, sourceFile } from './testing/source-files';
import { validateRows } from './validate-rows';
import { planImport } from './plan-import';
import { EMPTY_BOOK } from './book-snapshot';

async function setupOf(path: string) {
  const { tables, refusals } = await readSources([sourceFile(path.split('/').pop()!, fixtureBytes(path))]);
  expect(refusals).toEqual([]);
  return suggestSetup(tables[0]!);
}

describe('vendor exports (templates from their documented column names)', () => {
  it.each([
    ['salesforce-accounts.csv', 'accounts', { externalId: 'Account ID', name: 'Account Name', renewalDate: 'Contract End Date' }],
    ['hubspot-companies.csv', 'accounts', { externalId: 'Record ID', name: 'Company name', domain: 'Company Domain Name' }],
    ['hubspot-contacts.csv', 'contacts', { accountExternalId: 'Associated Company ID', email: 'Email' }],
    ['vendors/stripe-subscriptions.csv', 'subscriptions', { subscriptionId: 'id', accountExternalId: 'account_id (metadata)', active: 'Status', seats: 'Quantity', endDate: 'Current Period End (UTC)' }],
    ['vendors/zendesk-tickets.csv', 'tickets', { externalId: 'Id', occurredAt: 'Created at', closedAt: 'Solved at', csat: 'Satisfaction Score', resolutionMinutes: 'Full resolution time in minutes', accountExternalId: 'Account ID' }],
    ['vendors/segment-events.csv', 'events', { feature: 'event', userId: 'userId', timestamp: 'timestamp', accountExternalId: 'context.groupId' }],
    ['vendors/mixpanel-events.csv', 'events', { feature: 'event', userId: 'distinct_id', timestamp: 'time', accountExternalId: 'account_id' }],
    ['vendors/salesforce-opportunities.csv', 'outcomes', { externalId: 'Opportunity ID', kind: 'Type', date: 'Close Date', reason: 'Loss Reason' }],
    ['vendors/hubspot-deals.csv', 'outcomes', { externalId: 'Record ID', kind: 'Deal Type', accountExternalId: 'Associated Company IDs' }],
  ])('%s reads as %s', async (path, kind, mapping) => {
    const setup = await setupOf(path);
    expect(setup.kind).toBe(kind);
    expect(setup.mapping).toMatchObject(mapping);
  });

  it('reads Zendesk ratings, Stripe statuses, Mixpanel unix times and Salesforce outcome types', async () => {
    const zendesk = await setupOf('vendors/zendesk-tickets.csv');
    const tickets = validateRows('tickets', zendesk.table, zendesk.mapping, { valueMaps: { csat: { Unoffered: '' } } });
    expect(tickets.errors).toEqual([]);
    expect(tickets.records.map((r) => [r.fields.status, r.fields.csat, r.fields.resolutionMinutes, r.fields.severity])).toEqual([
      ['closed', 5, 510, 'high'],
      ['open', undefined, undefined, 'urgent'],
    ]);
    const stripe = await setupOf('vendors/stripe-subscriptions.csv');
    expect(validateRows('subscriptions', stripe.table, stripe.mapping).records.map((r) => r.fields.active)).toEqual([true, false]);
    const mixpanel = await setupOf('vendors/mixpanel-events.csv');
    expect(validateRows('events', mixpanel.table, mixpanel.mapping).records[0]!.fields.timestamp).toBe('2026-06-01T09:00:00.000Z');
    const opportunities = await setupOf('vendors/salesforce-opportunities.csv');
    expect(validateRows('outcomes', opportunities.table, opportunities.mapping).records.map((r) => [r.fields.kind, r.fields.date])).toEqual([
      ['renewal', '2027-01-09'],
      ['churn', '2026-03-01'],
    ]);
  });

  it('counts distinct users per day from an event export, and features with no data stay absent', async () => {
    const accounts = await setupOf('salesforce-accounts.csv');
    const segment = await setupOf('vendors/segment-events.csv');
    const acme = { ...accounts, table: { ...accounts.table, rows: [['A-0001', 'Acme Analytics', 'Ann Lee', 'Enterprise', 'Software', 'US', 'acme.example', '72000', '1/9/2027', '120', '80']], lines: [2] } };
    const plan = planImport(EMPTY_BOOK, [acme, segment], { ownerId: 'u', ownerName: 'U', teamId: 't', now: new Date('2026-06-15T00:00:00Z'), newId: () => 'acc-1' });
    const june = plan.docs.find((d) => d.collection === 'usage')!.after;
    expect((june['activeUsers'] as (number | null)[]).slice(0, 3)).toEqual([2, 1, null]);
    expect(june['featureEvents']).toEqual({ dashboards: 3, reports: 1 });
  });
});
