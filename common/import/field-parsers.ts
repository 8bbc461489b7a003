import type { IsoDate, IsoDateTime } from '../model';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };
/** Turns one non-blank, trimmed cell into a typed value or says why it cannot. */
export type FieldParser<T> = (raw: string) => ParseResult<T>;

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = (reason: string): ParseResult<never> => ({ ok: false, reason });

export function textParser(maxLength: number): FieldParser<string> {
  return (raw) => (raw.length > maxLength ? fail(`is longer than ${maxLength} characters`) : ok(raw));
}

/** Whole, non-negative numbers such as `1,250` or `12.0`. */
export function integerParser(max = 10_000_000): FieldParser<number> {
  return (raw) => {
    const cleaned = raw.replace(/[,\s]/g, '');
    if (!/^\d+(\.0+)?$/.test(cleaned)) return fail(`"${raw}" is not a whole number`);
    const value = Number(cleaned);
    if (value > max) return fail(`${raw} is larger than ${max.toLocaleString('en-US')}`);
    return ok(value);
  };
}

/** Non-negative US-dollar amounts: `45000`, `$45,000.00`, `USD 45,000`; rounded to whole dollars. */
export const parseMoney: FieldParser<number> = (raw) => {
  const cleaned = raw.replace(/^(usd|us\$)\s*/i, '').replace(/\s*usd$/i, '').replace(/[$,\s]/g, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return fail(`"${raw}" is not an amount of money (e.g. 45000 or $45,000.00)`);
  const value = Math.round(Number(cleaned));
  if (value > 1_000_000_000) return fail(`${raw} is larger than $1,000,000,000`);
  return ok(value);
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function calendarDate(year: number, month: number, day: number): IsoDate | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i;

interface DateParts {
  date: IsoDate;
  /** Seconds from midnight, when the cell had a time. */
  time?: { hour: number; minute: number; second: number; millis: number; zone?: string };
}

function dateParts(raw: string): DateParts | string {
  const iso = ISO.exec(raw);
  if (iso) {
    const date = calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (!date) return `"${raw}" is not a real calendar date`;
    if (iso[4] === undefined) return { date };
    const millis = iso[7] ? Math.round(Number(`0.${iso[7]}`) * 1000) : 0;
    return { date, time: { hour: Number(iso[4]), minute: Number(iso[5]), second: Number(iso[6] ?? 0), millis, zone: iso[8] } };
  }
  const us = US.exec(raw);
  if (us) {
    const year = us[3]!.length === 2 ? 2000 + Number(us[3]) : Number(us[3]);
    const date = calendarDate(year, Number(us[1]), Number(us[2]));
    if (!date) return `"${raw}" is not a real calendar date`;
    if (us[4] === undefined) return { date };
    let hour = Number(us[4]);
    const meridiem = us[7]?.toUpperCase();
    if (meridiem && (hour < 1 || hour > 12)) return `"${raw}" has an impossible time`;
    if (meridiem === 'PM' && hour < 12) hour += 12;
    if (meridiem === 'AM' && hour === 12) hour = 0;
    return { date, time: { hour, minute: Number(us[5]), second: Number(us[6] ?? 0), millis: 0 } };
  }
  return `"${raw}" is not a date (use YYYY-MM-DD or M/D/YYYY)`;
}

/** Calendar dates in ISO (`2026-03-01`, a datetime's date part) or US (`3/1/2026`) form. */
export const parseDate: FieldParser<IsoDate> = (raw) => {
  const parts = dateParts(raw);
  return typeof parts === 'string' ? fail(parts) : ok(parts.date);
};

/**
 * Instants: ISO datetimes with or without a zone, US `3/1/2026 2:30 PM`, or a bare date. Times without a zone are
 * read as UTC (exports rarely say which zone they mean); a bare date becomes noon UTC so it stays on the same calendar
 * day in every timezone from UTC-11 to UTC+11.
 */
export const parseDateTime: FieldParser<IsoDateTime> = (raw) => {
  // Unix time, as Mixpanel and Segment exports write it: seconds (10 digits) or milliseconds (13).
  if (/^\d{10}(\d{3})?$/.test(raw)) return ok(new Date(raw.length === 10 ? Number(raw) * 1000 : Number(raw)).toISOString());
  const parts = dateParts(raw);
  if (typeof parts === 'string') return fail(parts);
  if (!parts.time) return ok(`${parts.date}T12:00:00.000Z`);
  const { hour, minute, second, millis, zone } = parts.time;
  if (hour > 23 || minute > 59 || second > 59) return fail(`"${raw}" has an impossible time`);
  const local = `${parts.date}T${pad(hour)}:${pad(minute)}:${pad(second)}.${pad(millis, 3)}`;
  const offset = !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const instant = new Date(`${local}${offset}`);
  if (Number.isNaN(instant.getTime())) return fail(`"${raw}" is not a valid date and time`);
  return ok(instant.toISOString());
};

/** Comparison key for enum values and headers: case, spaces and punctuation do not matter. */
export function looseKey(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Values from a fixed set, given the canonical values and extra synonyms (canonical -> spellings seen in exports).
 * Matching ignores case, spaces and punctuation.
 */
export function enumParser<T extends string>(
  allowed: readonly T[],
  synonyms: Partial<Record<T, readonly string[]>> = {},
): FieldParser<T> {
  const lookup = new Map<string, T>();
  for (const value of allowed) lookup.set(looseKey(value), value);
  for (const value of allowed) for (const synonym of synonyms[value] ?? []) lookup.set(looseKey(synonym), value);
  return (raw) => {
    const value = lookup.get(looseKey(raw));
    return value ? ok(value) : fail(`"${raw}" is not one of: ${allowed.join(', ')}`);
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const parseEmail: FieldParser<string> = (raw) =>
  EMAIL.test(raw) && raw.length <= 320 ? ok(raw.toLowerCase()) : fail(`"${raw}" is not an email address`);

/** Websites and domains to a bare host name: `https://www.Acme.com/about` -> `acme.com`. */
export const parseDomain: FieldParser<string> = (raw) => {
  const host = raw
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) && host.length <= 253 ? ok(host) : fail(`"${raw}" is not a website or domain`);
};

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1', 'checked', 'on', 'x']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0', 'unchecked', 'off']);

/** Yes / no flags as exports write them: True/False, yes/no, Y/N, 1/0, checked/unchecked. */
export const parseBoolean: FieldParser<boolean> = (raw) => {
  const key = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(key)) return ok(true);
  if (FALSE_WORDS.has(key)) return ok(false);
  return fail(`"${raw}" is not yes or no (true/false, yes/no, 1/0)`);
};

/** Signed amounts of money (`-120`, `($1,200.00)`), rounded to whole dollars. */
export const parseSignedMoney: FieldParser<number> = (raw) => {
  const negative = /^\(.*\)$/.test(raw.trim()) || raw.trim().startsWith('-');
  const parsed = parseMoney(raw.trim().replace(/^\((.*)\)$/, '$1').replace(/^-/, ''));
  return parsed.ok ? ok(negative && parsed.value !== 0 ? -parsed.value : parsed.value) : parsed;
};

/** Non-negative decimal numbers (`1.5`, `1,250.75`). */
export function decimalParser(max: number): FieldParser<number> {
  return (raw) => {
    const cleaned = raw.replace(/[,\s]/g, '');
    if (!/^\d+(\.\d+)?$/.test(cleaned)) return fail(`"${raw}" is not a number`);
    const value = Number(cleaned);
    return value > max ? fail(`${raw} is larger than ${max.toLocaleString('en-US')}`) : ok(value);
  };
}
