import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../../../common/model';
import { DEFAULT_ALERT_SORT, filterAndSortAlerts, nextAlertSort } from './alert-list';

const alert = (id: string, severity: Alert['severity'], accountName: string, raisedAt: string, title = 'Churn risk 80'): Alert => ({
  id, severity, accountName, raisedAt, title, accountId: id, rule: 'risk-above', detail: '', status: 'open',
  ownerId: 'u', teamId: 't', updatedAt: '', fieldStamps: {},
}) as Alert;

const alerts = [
  alert('a', 'warning', 'Bravo Ltd', '2026-12-01T10:00:00Z'),
  alert('b', 'critical', 'alpha Inc', '2026-11-30T10:00:00Z'),
  alert('c', 'critical', 'Charlie Co', '2026-12-02T10:00:00Z', 'Health fell from 80 to 50'),
  alert('d', 'warning', 'Delta', '2026-12-03T10:00:00Z'),
];
const all = { severity: '', text: '' } as const;
const ids = (list: Alert[]) => list.map((a) => a.id);

describe('alert list', () => {
  it('sorts by severity, newest first within one', () => {
    expect(ids(filterAndSortAlerts(alerts, all, DEFAULT_ALERT_SORT))).toEqual(['c', 'b', 'd', 'a']);
  });
  it('sorts by account name ignoring case, both ways', () => {
    expect(ids(filterAndSortAlerts(alerts, all, { key: 'account', desc: false }))).toEqual(['b', 'a', 'c', 'd']);
    expect(ids(filterAndSortAlerts(alerts, all, { key: 'account', desc: true }))).toEqual(['d', 'c', 'a', 'b']);
  });
  it('sorts by raised time', () => {
    expect(ids(filterAndSortAlerts(alerts, all, { key: 'raised', desc: true }))).toEqual(['d', 'c', 'a', 'b']);
  });
  it('filters by severity and by text in the account name or title', () => {
    expect(ids(filterAndSortAlerts(alerts, { severity: 'warning', text: '' }, DEFAULT_ALERT_SORT))).toEqual(['d', 'a']);
    expect(ids(filterAndSortAlerts(alerts, { severity: '', text: 'ALPHA' }, DEFAULT_ALERT_SORT))).toEqual(['b']);
    expect(ids(filterAndSortAlerts(alerts, { severity: '', text: 'health fell' }, DEFAULT_ALERT_SORT))).toEqual(['c']);
  });
  it('a header click flips the same column and starts another one ascending (raised: newest first)', () => {
    expect(nextAlertSort({ key: 'account', desc: false }, 'account')).toEqual({ key: 'account', desc: true });
    expect(nextAlertSort({ key: 'account', desc: true }, 'severity')).toEqual({ key: 'severity', desc: false });
    expect(nextAlertSort(DEFAULT_ALERT_SORT, 'raised')).toEqual({ key: 'raised', desc: true });
  });
});
