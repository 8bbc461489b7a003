import { looseKey } from './field-parsers';
import type { ImportKind } from './field-spec';

/**
 * The exports CSMs actually have, recognised by columns their vendors document (the kinds' aliases then map them):
 * a template names the export and the kind it holds. A file matches when it has every one of the template's
 * signature columns.
 */
export interface VendorTemplate {
  id: string;
  label: string;
  kind: ImportKind;
  signature: readonly string[];
}

export const VENDOR_TEMPLATES: readonly VendorTemplate[] = [
  { id: 'salesforce-accounts', label: 'Salesforce accounts report', kind: 'accounts', signature: ['Account ID', 'Account Name', 'Account Owner'] },
  { id: 'salesforce-opportunities', label: 'Salesforce opportunities report', kind: 'outcomes', signature: ['Opportunity ID', 'Stage', 'Close Date'] },
  { id: 'hubspot-companies', label: 'HubSpot companies export', kind: 'accounts', signature: ['Record ID', 'Company name'] },
  { id: 'hubspot-contacts', label: 'HubSpot contacts export', kind: 'contacts', signature: ['Record ID', 'First Name', 'Last Name', 'Email'] },
  { id: 'hubspot-deals', label: 'HubSpot deals export', kind: 'outcomes', signature: ['Record ID', 'Deal Name', 'Deal Stage'] },
  { id: 'stripe-subscriptions', label: 'Stripe subscriptions export', kind: 'subscriptions', signature: ['id', 'Customer ID', 'Plan', 'Status', 'Current Period End (UTC)'] },
  { id: 'stripe-invoices', label: 'Stripe invoices export', kind: 'outcomes', signature: ['id', 'Customer', 'Amount Due', 'Status', 'Date (UTC)'] },
  { id: 'zendesk-tickets', label: 'Zendesk tickets export', kind: 'tickets', signature: ['Id', 'Requester', 'Subject', 'Status', 'Created at'] },
  { id: 'segment-events', label: 'Segment events export', kind: 'events', signature: ['messageId', 'event', 'timestamp'] },
  { id: 'mixpanel-events', label: 'Mixpanel events export', kind: 'events', signature: ['event', 'distinct_id', 'time'] },
];

export function detectTemplate(headers: readonly string[]): VendorTemplate | null {
  const have = new Set(headers.map(looseKey));
  return VENDOR_TEMPLATES.find((t) => t.signature.every((h) => have.has(looseKey(h)))) ?? null;
}
