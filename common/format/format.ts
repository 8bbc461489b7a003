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
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return parsed.toLocaleDateString('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
}

/** An instant in the user's time zone, e.g. "Mar 1, 2026, 2:30 PM". */
export function formatDateTime(instant: string): string {
  const parsed = new Date(instant);
  if (Number.isNaN(parsed.getTime())) return instant;
  return parsed.toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
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
