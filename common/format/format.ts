/** Display formatting shared by the account views (en-US, whole dollars). */

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const count = new Intl.NumberFormat('en-US');

export function formatUsd(amount: number): string {
  return usd.format(amount);
}

export function formatCount(value: number): string {
  return count.format(value);
}

/** "+5.0%", "−2.3%", "0.0%". */
export function formatPercentChange(rate: number): string {
  const percent = (rate * 100).toFixed(1);
  if (rate > 0) return `+${percent}%`;
  if (rate < 0) return `−${percent.slice(1)}%`;
  return '0.0%';
}

/** `2026-03-01` → "Mar 1, 2026", independent of the user's time zone. */
export function formatIsoDate(date: string): string {
  const day = date.slice(0, 10);
  let text = isoDates.get(day);
  if (text === undefined) {
    const parsed = new Date(`${day}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime())) return date;
    text = ISO_DATE.format(parsed);
    if (isoDates.size >= 10_000) isoDates.clear();
    isoDates.set(day, text);
  }
  return text;
}

// One formatter each, made once: `toLocaleDateString(locale, options)` builds a new Intl.DateTimeFormat per call
// (tens of µs), which made a timeline of a few hundred dates cost ~80 ms when an account opened.
const ISO_DATE = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
const isoDates = new Map<string, string>();
let dateTime: Intl.DateTimeFormat | null = null;

/** An instant in the user's time zone (the one in effect when the first date was formatted), e.g. "Mar 1, 2026, 2:30 PM". */
export function formatDateTime(instant: string): string {
  const parsed = new Date(instant);
  if (Number.isNaN(parsed.getTime())) return instant;
  dateTime ??= new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  return dateTime.format(parsed);
}

/** `executive_sponsor` → "Executive sponsor", `support_ticket` → "Support ticket", `qbr` → "QBR", `nps` → "NPS". */
export function humanize(value: string): string {
  if (value === 'qbr' || value === 'nps') return value.toUpperCase();
  const spaced = value.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** "1,550 / 1,579": active of purchased seats, the one way seat counts are shown (grid, workbench, opportunities). */
export function formatSeats(active: number, purchased: number): string {
  return `${count.format(active)} / ${count.format(purchased)}`;
}

/** Seat use as shown: a whole percentage ("87%"), or "—" when no seats were purchased (`seatUtilizationPercent` null). */
export function formatSeatUse(percent: number | null): string {
  return percent === null ? '—' : `${Math.round(percent)}%`;
}

const compactUsd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumSignificantDigits: 3 });
const compactCount = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });

/** Puts a no-break space between the number and its K / M / B / T, so a figure never wraps inside itself. */
function spaceCompact(parts: Intl.NumberFormatPart[]): string {
  return parts.map((part) => (part.type === 'compact' ? `\u00a0${part.value}` : part.value)).join('');
}

/**
 * Money in at most three significant digits for cards: 1,865,595,228 → "$1.87 B", 48,200 → "$48.2 K", 950 → "$950".
 * Show the exact `formatUsd` figure beside it (a tooltip) wherever it is used.
 */
export function formatUsdCompact(amount: number): string {
  return spaceCompact(compactUsd.formatToParts(amount));
}

/** Counts likewise: 10,000 → "10 K", 999 → "999". */
export function formatCountCompact(value: number): string {
  return spaceCompact(compactCount.formatToParts(value));
}

/** A share as a percentage with `digits` decimals: 0.632 → "63.2%"; null → "—". */
export function formatPercent(share: number | null, digits = 1): string {
  return share === null || !Number.isFinite(share) ? '—' : `${(share * 100).toFixed(digits)}%`;
}
