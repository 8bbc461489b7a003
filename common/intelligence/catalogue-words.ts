import type { FeatureSpec } from './account-features';

/**
 * The words of a catalogue column (the team's own features, catalogue-features.ts) in an account's reasons, made from
 * its spec's label, so a column the team's data brings gets readable words without a sentence written for it:
 * "12 events of "reports" last month", "−38% change in "reports" events vs. 3 months before", and for no data
 * "Events of "reports" last month unknown (no data)" — missing is said, never shown as 0.
 */

/** The value as shown: a count rounded; a ratio as a whole percentage that keeps its sign (−p − 1 below 0); NaN = missing. */
export function shownCatalogueValue(spec: FeatureSpec, value: number): number {
  if (Number.isNaN(value)) return Number.NaN;
  if (spec.unit === 'ratio') {
    const percent = Math.round(Math.abs(value) * 100);
    return value < 0 ? -percent - 1 : percent;
  }
  return Math.round(value);
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** "Events of …" → "Event of …", "Activities of …" → "Activity of …": a count of one reads in the singular. */
function singular(label: string): string {
  const [first = '', ...rest] = label.split(' ');
  const one = first.endsWith('ies') ? `${first.slice(0, -3)}y` : first.endsWith('s') ? first.slice(0, -1) : first;
  return [one, ...rest].join(' ');
}

export function catalogueWords(spec: FeatureSpec, shown: number): string {
  const label = spec.label ?? spec.name;
  if (Number.isNaN(shown)) return `${label} unknown (no data)`;
  if (spec.unit === 'ratio') return `${shown < 0 ? `−${-shown - 1}` : `+${shown}`}% ${lowerFirst(label)}`;
  return `${shown} ${lowerFirst(shown === 1 ? singular(label) : label)}`;
}
