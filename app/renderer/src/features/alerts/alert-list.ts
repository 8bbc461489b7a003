import type { Alert, AlertSeverity } from '../../../../../common/model';

export type AlertSortKey = 'severity' | 'account' | 'raised';
export interface AlertSort {
  key: AlertSortKey;
  desc: boolean;
}
export interface AlertFilter {
  /** '' = every severity. */
  severity: AlertSeverity | '';
  /** Matches the account name or the alert's title, ignoring case. */
  text: string;
}

const SEVERITY_RANK: Record<AlertSeverity, number> = { critical: 0, warning: 1 };
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The default order: most severe first, newest first within a severity. */
export const DEFAULT_ALERT_SORT: AlertSort = { key: 'severity', desc: false };

function compare(a: Alert, b: Alert, key: AlertSortKey): number {
  switch (key) {
    case 'severity':
      return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
    case 'account':
      return collator.compare(a.accountName, b.accountName);
    case 'raised':
      return a.raisedAt.localeCompare(b.raisedAt);
  }
}

/** Filters and sorts a list of alerts; ties fall back to newest first, then id, so the order is stable. */
export function filterAndSortAlerts(alerts: readonly Alert[], filter: AlertFilter, sort: AlertSort): Alert[] {
  const text = filter.text.trim().toLowerCase();
  const shown = alerts.filter(
    (a) =>
      (filter.severity === '' || a.severity === filter.severity) &&
      (text === '' || a.accountName.toLowerCase().includes(text) || a.title.toLowerCase().includes(text)),
  );
  return shown.sort((a, b) => {
    const primary = compare(a, b, sort.key) * (sort.desc ? -1 : 1);
    if (primary !== 0) return primary;
    return b.raisedAt.localeCompare(a.raisedAt) || a.id.localeCompare(b.id);
  });
}

/** The next sort when a column header is clicked: the same column flips its direction, another starts ascending. */
export function nextAlertSort(current: AlertSort, key: AlertSortKey): AlertSort {
  return current.key === key ? { key, desc: !current.desc } : { key, desc: key === 'raised' };
}
