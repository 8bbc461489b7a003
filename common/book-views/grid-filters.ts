import type { Account } from '../model';

/** A number column's filter; either bound may be open. */
export interface NumberRange {
  min: number | null;
  max: number | null;
}

/** A date column's filter on `YYYY-MM-DD` strings; either bound may be open. */
export interface DateRange {
  from: string | null;
  to: string | null;
}

/** Case-insensitive "contains"; an empty query matches everything. */
export function textContains(value: unknown, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (needle === '') return true;
  if (value === null || value === undefined) return false;
  return String(value).toLowerCase().includes(needle);
}

/** Inclusive range test; a missing value only passes an open range. */
export function numberInRange(value: number | null | undefined, range: NumberRange): boolean {
  if (range.min === null && range.max === null) return true;
  if (value === null || value === undefined || Number.isNaN(value)) return false;
  if (range.min !== null && value < range.min) return false;
  if (range.max !== null && value > range.max) return false;
  return true;
}

/** Inclusive range test on ISO dates, which sort as strings. */
export function dateInRange(value: string | null | undefined, range: DateRange): boolean {
  if (!range.from && !range.to) return true;
  if (!value) return false;
  if (range.from && value < range.from) return false;
  if (range.to && value > range.to) return false;
  return true;
}

/** Exact match for enum columns; an empty selection matches everything. */
export function enumEquals(value: unknown, selected: string): boolean {
  return selected === '' || value === selected;
}

/** Whether a stored filter value filters nothing (so it can be dropped from state). */
export function isEmptyFilterValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).every((v) => v === null || v === '');
  return false;
}

/** Parses a number input's text; blank or non-numeric text is an open bound. */
export function parseBound(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

const haystacks = new WeakMap<Account, string>();

function haystackOf(account: Account): string {
  let text = haystacks.get(account);
  if (text === undefined) {
    text = [account.name, account.domain, account.externalId, account.ownerName, account.industry, account.region, account.plan]
      .join('\u0000')
      .toLowerCase();
    haystacks.set(account, text);
  }
  return text;
}

/**
 * The global search: every whitespace-separated term must appear in one of the account's descriptive fields
 * (name, domain, external id, owner, industry, region, plan). Returns the input array itself when the query is blank.
 */
export function searchAccounts(accounts: readonly Account[], query: string): readonly Account[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return accounts;
  return accounts.filter((account) => {
    const text = haystackOf(account);
    return terms.every((term) => text.includes(term));
  });
}
