import type { AccountFacts } from '../segments/account-facts';
import { daysToRenewal } from '../model/derived-fields';

/** The merge fields a template may use, `{{account.name}}`, with how each is read from an account's facts. */
export const MERGE_FIELDS: Readonly<Record<string, (facts: AccountFacts) => string>> = {
  'account.name': (f) => f.account.name,
  'account.tier': (f) => f.account.tier,
  'account.plan': (f) => f.account.plan,
  'account.renewalDate': (f) => f.account.renewalDate,
  'account.daysToRenewal': (f) => String(daysToRenewal(f.account.renewalDate, f.today) ?? ''),
  'account.mrr': (f) => String(f.account.mrr),
  'account.arr': (f) => String(f.account.mrr * 12),
  'account.health': (f) => (f.health === null ? '' : String(Math.round(f.health))),
  'account.risk': (f) => (f.risk === null ? '' : String(f.risk)),
  'account.expansion': (f) => (f.expansion === null ? '' : String(f.expansion)),
  'owner.name': (f) => f.account.ownerName,
  'contact.name': (f) => f.primaryContact?.name ?? '',
  'contact.email': (f) => f.primaryContact?.email ?? '',
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The merge fields a template names (known or not). */
export function mergeFieldsIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

export function unknownMergeFields(template: string): string[] {
  return mergeFieldsIn(template).filter((name) => !(name in MERGE_FIELDS));
}

/** Fills a template; validation has refused unknown fields, which would render empty. */
export function renderTemplate(template: string, facts: AccountFacts): string {
  return template.replace(PLACEHOLDER, (_, name: string) => MERGE_FIELDS[name]?.(facts) ?? '');
}

/** A ready draft for the person's mail client. */
export function mailtoLink(to: string, subject: string, body: string): string {
  return `mailto:${encodeURIComponent(to).replace(/%40/g, '@').replace(/%2C/g, ',')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
