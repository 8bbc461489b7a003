import { OWN_FEATURE_CAP_REASON } from '../model';

/** A feature found in an events file (an event name) or a wide usage file (a `Feature: ` column): how often it occurs and under which key it is counted. */
export interface FeatureCatalogueEntry {
  file: string;
  name: string;
  events: number;
  /** The feature key it is counted under: one of the six product features, or the team's own key; null: not stored. */
  storedAs: string | null;
  /** Counted as the team's own feature (not one of the six). */
  own: boolean;
  /** Why it is not stored (storedAs null). */
  reason?: string;
}

/** Events of own features beyond the book's cap: not stored, and the preview says so. */
export interface FeatureCapDrop {
  file: string;
  names: string[];
  events: number;
}

export const CAP_REASON = OWN_FEATURE_CAP_REASON;

/** The entries over the cap, as the preview's line about them; null when none. */
export function capDrop(file: string, entries: readonly FeatureCatalogueEntry[]): FeatureCapDrop | null {
  const capped = entries.filter((f) => f.reason?.endsWith(CAP_REASON));
  return capped.length ? { file, names: capped.map((f) => f.name), events: capped.reduce((n, f) => n + f.events, 0) } : null;
}
