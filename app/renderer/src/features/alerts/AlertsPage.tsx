import { useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { stampChanges } from '../../../../../common/db/stamp-writes';
import type { Alert, AlertStatus } from '../../../../../common/model';
import { useDatabase } from '../../db/database-context';
import { LOCAL_USER } from '../../session/local-user';
import { predictionNotice, useAssessmentsStore } from '../../stores/assessments-store';
import '../../components/score-display.css';
import './alerts-page.css';

const SNOOZE_DAYS = 7;
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
type View = 'open' | 'snoozed' | 'handled';

const VIEWS: Record<View, { label: string; statuses: readonly AlertStatus[] }> = {
  open: { label: 'Open', statuses: ['open'] },
  snoozed: { label: 'Snoozed', statuses: ['snoozed'] },
  handled: { label: 'Handled', statuses: ['acknowledged', 'dismissed', 'resolved'] },
};

/** Live alerts from the local book, newest first. */
function useAlerts(): Alert[] | undefined {
  const db = useDatabase();
  const [alerts, setAlerts] = useState<Alert[]>();
  useEffect(() => {
    const subscription = db.alerts.find().$.subscribe((docs) => {
      setAlerts(docs.map((d) => d.toJSON() as Alert).sort((a, b) => (a.severity === b.severity ? b.raisedAt.localeCompare(a.raisedAt) : a.severity === 'critical' ? -1 : 1)));
    });
    return () => subscription.unsubscribe();
  }, [db]);
  return alerts;
}

/** The alert centre: alerts raised by the team's rules, to acknowledge, snooze or mark as wrong (kept for learning). */
export function AlertsPage() {
  const db = useDatabase();
  const alerts = useAlerts();
  const status = useAssessmentsStore((s) => s.status);
  const [view, setView] = useState<View>('open');
  const [message, setMessage] = useState('');
  const shown = useMemo(() => (alerts ?? []).filter((a) => VIEWS[view].statuses.includes(a.status)), [alerts, view]);
  const counts = useMemo(() => {
    const count = (v: View) => (alerts ?? []).filter((a) => VIEWS[v].statuses.includes(a.status)).length;
    return { open: count('open'), snoozed: count('snoozed'), handled: count('handled') };
  }, [alerts]);

  async function update(alert: Alert, changes: Partial<Alert>, done: string) {
    const doc = await db.alerts.findOne(alert.id).exec();
    if (!doc) return;
    await doc.incrementalPatch(stampChanges(doc.fieldStamps, { ...changes, handledBy: LOCAL_USER.ownerName }) as Partial<Alert>);
    setMessage(`${done}: ${alert.accountName} — ${alert.title}`);
  }

  const notice = predictionNotice(status);
  return (
    <div className="page">
      <h1>Alerts</h1>
      <p className="muted">
        Raised on this device by the team&apos;s alert rules (<Link href="/scoring">edit rules</Link>). Feedback that an alert was wrong is kept
        for improving the models.
      </p>
      {notice && <p className="notice" role="status">{notice}</p>}
      <div role="tablist" aria-label="Alert views">
        {(Object.keys(VIEWS) as View[]).map((v) => (
          <button key={v} role="tab" aria-selected={view === v} className={view === v ? 'primary' : ''} onClick={() => setView(v)}>
            {VIEWS[v].label} ({counts[v]})
          </button>
        ))}
      </div>
      <p role="status" aria-live="polite" className="muted">
        {message}
      </p>
      {alerts === undefined ? (
        <p className="muted" aria-busy="true">Loading alerts…</p>
      ) : shown.length === 0 ? (
        <p className="muted">No {VIEWS[view].label.toLowerCase()} alerts.</p>
      ) : (
        <table className="data-table" aria-label={`${VIEWS[view].label} alerts`}>
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">Account</th>
              <th scope="col">Alert</th>
              <th scope="col">Raised</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((alert) => (
              <tr key={alert.id} data-alert-id={alert.id}>
                <td className={`severity-${alert.severity}`}>{alert.severity}</td>
                <td>
                  <Link href={`/accounts/${encodeURIComponent(alert.accountId)}`}>{alert.accountName}</Link>
                </td>
                <td>
                  <strong>{alert.title}</strong>
                  <div className="muted">{alert.detail}</div>
                  {alert.status === 'snoozed' && alert.snoozedUntil && <div className="muted">Snoozed until {dateTime.format(new Date(alert.snoozedUntil))}</div>}
                  {alert.feedback === 'wrong' && <div className="muted">Marked as wrong</div>}
                  {alert.status === 'resolved' && <div className="muted">Resolved: the condition no longer holds</div>}
                </td>
                <td>{dateTime.format(new Date(alert.raisedAt))}</td>
                <td className="actions">
                  {(alert.status === 'open' || alert.status === 'snoozed') && (
                    <>
                      <button onClick={() => void update(alert, { status: 'acknowledged' }, 'Acknowledged')} aria-label={`Acknowledge alert for ${alert.accountName}`}>
                        Acknowledge
                      </button>
                      {alert.status === 'open' && (
                        <button
                          onClick={() =>
                            void update(alert, { status: 'snoozed', snoozedUntil: new Date(Date.now() + SNOOZE_DAYS * 86_400_000).toISOString() }, `Snoozed for ${SNOOZE_DAYS} days`)
                          }
                          aria-label={`Snooze alert for ${alert.accountName}`}
                        >
                          Snooze {SNOOZE_DAYS} days
                        </button>
                      )}
                      <button
                        onClick={() => void update(alert, { status: 'dismissed', feedback: 'wrong', feedbackAt: new Date().toISOString() }, 'Marked as wrong')}
                        aria-label={`This alert for ${alert.accountName} was wrong`}
                      >
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
    </div>
  );
}
