import { useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { Alert, AlertSeverity, AlertStatus } from '../../../../../common/model';
import { ALERT_SEVERITIES } from '../../../../../common/model';
import { formatDateTime } from '../../../../../common/format/format';
import { useDatabase } from '../../db/database-context';
import { LOCAL_USER } from '../../session/local-user';
import { predictionNotice, useAssessmentsStore } from '../../stores/assessments-store';
import { useUndoStore } from '../../stores/undo-store';
import { UndoToast } from '../../components/UndoToast';
import { DEFAULT_ALERT_SORT, filterAndSortAlerts, nextAlertSort, type AlertFilter, type AlertSort, type AlertSortKey } from './alert-list';
import { handleAlerts } from './alert-actions';
import '../../components/score-display.css';
import '../../components/data-table.css';
import './alerts-page.css';

const SNOOZE_DAYS = 7;
type View = 'open' | 'snoozed' | 'handled';

const VIEWS: Record<View, { label: string; statuses: readonly AlertStatus[] }> = {
  open: { label: 'Open', statuses: ['open'] },
  snoozed: { label: 'Snoozed', statuses: ['snoozed'] },
  handled: { label: 'Handled', statuses: ['acknowledged', 'dismissed', 'resolved'] },
};

const SORT_LABELS: Record<AlertSortKey, string> = { severity: 'Severity', account: 'Account', raised: 'Raised' };

/** Live alerts from the local book. */
function useAlerts(): Alert[] | undefined {
  const db = useDatabase();
  const [alerts, setAlerts] = useState<Alert[]>();
  useEffect(() => {
    const subscription = db.alerts.find().$.subscribe((docs) => setAlerts(docs.map((d) => d.toJSON() as Alert)));
    return () => subscription.unsubscribe();
  }, [db]);
  return alerts;
}

function SortHeader({ column, sort, onSort }: { column: AlertSortKey; sort: AlertSort; onSort(key: AlertSortKey): void }) {
  const active = sort.key === column;
  return (
    <th scope="col" aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort-header" onClick={() => onSort(column)}>
        {SORT_LABELS[column]}
        <span aria-hidden="true">{active ? (sort.desc ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </th>
  );
}

/**
 * The alert centre: alerts raised by the team's rules, filtered, sorted, and handled one by one or in bulk
 * (acknowledge, snooze, "this alert was wrong"), every handling undoable from the toast or with Ctrl+Z.
 */
export function AlertsPage() {
  const db = useDatabase();
  const alerts = useAlerts();
  const status = useAssessmentsStore((s) => s.status);
  const pushUndo = useUndoStore((s) => s.push);
  const [view, setView] = useState<View>('open');
  const [filter, setFilter] = useState<AlertFilter>({ severity: '', text: '' });
  const [sort, setSort] = useState<AlertSort>(DEFAULT_ALERT_SORT);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [error, setError] = useState('');

  const inView = useMemo(() => (alerts ?? []).filter((a) => VIEWS[view].statuses.includes(a.status)), [alerts, view]);
  const shown = useMemo(() => filterAndSortAlerts(inView, filter, sort), [inView, filter, sort]);
  const counts = useMemo(() => {
    const count = (v: View) => (alerts ?? []).filter((a) => VIEWS[v].statuses.includes(a.status)).length;
    return { open: count('open'), snoozed: count('snoozed'), handled: count('handled') };
  }, [alerts]);
  const selectedShown = shown.filter((a) => selected.has(a.id));
  const handleable = view !== 'handled';

  // Selection follows what is on screen: switching views or filtering drops alerts no longer shown.
  useEffect(() => {
    setSelected((previous) => {
      const visible = new Set(shown.map((a) => a.id));
      const next = new Set([...previous].filter((id) => visible.has(id)));
      return next.size === previous.size ? previous : next;
    });
  }, [shown]);

  async function handle(targets: readonly Alert[], change: Partial<Alert>, verb: string) {
    if (targets.length === 0) return;
    try {
      const what = targets.length === 1 ? `${targets[0]!.accountName} — ${targets[0]!.title}` : `${targets.length} alerts`;
      pushUndo(await handleAlerts(db, targets, { ...change, handledBy: LOCAL_USER.ownerName }, `${verb}: ${what}`));
      setSelected(new Set());
      setError('');
    } catch (e) {
      setError(`Could not update the alerts: ${e instanceof Error ? e.message : String(e)}. Nothing was lost; try again.`);
    }
  }
  const acknowledge = (targets: readonly Alert[]) => handle(targets, { status: 'acknowledged' }, 'Acknowledged');
  const snooze = (targets: readonly Alert[]) =>
    handle(targets, { status: 'snoozed', snoozedUntil: new Date(Date.now() + SNOOZE_DAYS * 86_400_000).toISOString() }, `Snoozed for ${SNOOZE_DAYS} days`);
  const markWrong = (targets: readonly Alert[]) =>
    handle(targets, { status: 'dismissed', feedback: 'wrong', feedbackAt: new Date().toISOString() }, 'Marked as wrong');

  const toggle = (id: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allSelected = shown.length > 0 && selectedShown.length === shown.length;

  const notice = predictionNotice(status);
  return (
    <div className="page alerts-page">
      <h1>Alerts</h1>
      <p className="muted">
        Raised on this device by the team&apos;s alert rules (<Link href="/scoring">edit rules</Link>). Feedback that an alert was wrong is kept
        for improving the models.
      </p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <div role="tablist" aria-label="Alert views" className="alert-views">
        {(Object.keys(VIEWS) as View[]).map((v) => (
          <button key={v} role="tab" aria-selected={view === v} className={view === v ? 'primary' : ''} onClick={() => setView(v)}>
            {VIEWS[v].label} ({counts[v]})
          </button>
        ))}
      </div>
      <div className="alerts-toolbar" role="toolbar" aria-label="Filter and handle alerts">
        <label>
          Severity{' '}
          <select
            value={filter.severity}
            onChange={(event) => setFilter({ ...filter, severity: event.target.value as AlertSeverity | '' })}
          >
            <option value="">All</option>
            {ALERT_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <input
          type="search"
          aria-label="Search alerts by account or title"
          placeholder="Search account or alert"
          value={filter.text}
          onChange={(event) => setFilter({ ...filter, text: event.target.value })}
        />
        {handleable && (
          <span className="alerts-bulk" data-testid="alerts-bulk">
            <span className="muted">{selectedShown.length} selected</span>
            <button type="button" disabled={selectedShown.length === 0} onClick={() => void acknowledge(selectedShown)}>
              Acknowledge selected
            </button>
            {view === 'open' && (
              <button type="button" disabled={selectedShown.length === 0} onClick={() => void snooze(selectedShown)}>
                Snooze selected {SNOOZE_DAYS} days
              </button>
            )}
          </span>
        )}
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {alerts === undefined ? (
        <p className="muted" aria-busy="true">
          Loading alerts…
        </p>
      ) : shown.length === 0 ? (
        <div className="empty-state" data-testid="alerts-empty">
          {inView.length > 0 ? (
            <p>
              No {VIEWS[view].label.toLowerCase()} alert matches the filter.{' '}
              <button type="button" onClick={() => setFilter({ severity: '', text: '' })}>
                Clear the filter
              </button>
            </p>
          ) : view === 'open' ? (
            <p>
              No open alerts. Alerts appear here when an account crosses a rule on the <Link href="/scoring">Scoring</Link> page (churn
              risk above a threshold, a health drop, a renewal while red); the book is rescored on this device as data changes.
            </p>
          ) : (
            <p>No {VIEWS[view].label.toLowerCase()} alerts.</p>
          )}
        </div>
      ) : (
        <table className="data-table" aria-label={`${VIEWS[view].label} alerts`}>
          <thead>
            <tr>
              {handleable && (
                <th scope="col" className="select-col">
                  <input
                    type="checkbox"
                    aria-label="Select all alerts shown"
                    checked={allSelected}
                    ref={(el) => {
                      if (el) el.indeterminate = selectedShown.length > 0 && !allSelected;
                    }}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(shown.map((a) => a.id)))}
                  />
                </th>
              )}
              <SortHeader column="severity" sort={sort} onSort={(key) => setSort(nextAlertSort(sort, key))} />
              <SortHeader column="account" sort={sort} onSort={(key) => setSort(nextAlertSort(sort, key))} />
              <th scope="col">Alert</th>
              <SortHeader column="raised" sort={sort} onSort={(key) => setSort(nextAlertSort(sort, key))} />
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((alert) => (
              <tr key={alert.id} data-alert-id={alert.id}>
                {handleable && (
                  <td className="select-col">
                    <input
                      type="checkbox"
                      aria-label={`Select alert for ${alert.accountName}`}
                      checked={selected.has(alert.id)}
                      onChange={() => toggle(alert.id)}
                    />
                  </td>
                )}
                <td className={`severity-${alert.severity}`}>{alert.severity}</td>
                <td>
                  <Link href={`/accounts/${encodeURIComponent(alert.accountId)}`}>{alert.accountName}</Link>
                </td>
                <td>
                  <strong>{alert.title}</strong>
                  <div className="muted">{alert.detail}</div>
                  {alert.status === 'snoozed' && alert.snoozedUntil && <div className="muted">Snoozed until {formatDateTime(alert.snoozedUntil)}</div>}
                  {alert.feedback === 'wrong' && <div className="muted">Marked as wrong</div>}
                  {alert.status === 'resolved' && <div className="muted">Resolved: the condition no longer holds</div>}
                </td>
                <td className="nowrap">{formatDateTime(alert.raisedAt)}</td>
                <td className="actions">
                  {(alert.status === 'open' || alert.status === 'snoozed') && (
                    <>
                      <button type="button" onClick={() => void acknowledge([alert])} aria-label={`Acknowledge alert for ${alert.accountName}`}>
                        Acknowledge
                      </button>
                      {alert.status === 'open' && (
                        <button type="button" onClick={() => void snooze([alert])} aria-label={`Snooze ${SNOOZE_DAYS} days: alert for ${alert.accountName}`}>
                          Snooze {SNOOZE_DAYS} days
                        </button>
                      )}
                      <button type="button" onClick={() => void markWrong([alert])} aria-label={`This alert was wrong: ${alert.accountName}`}>
                        This alert was wrong
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <UndoToast />
    </div>
  );
}
