import { useEffect, useState } from 'react';
import { alertPrecision, type RulePrecision } from '../../../../../common/intelligence/alert-precision';
import { raw } from '../../../../../common/intelligence/engine-storage';
import { useDatabase } from '../../db/database-context';

const percent = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : '–');

/** Alert precision per rule: from "this alert was wrong" and from the outcomes that followed the alerts. */
export function AlertPrecisionTable() {
  const db = useDatabase();
  const [rows, setRows] = useState<RulePrecision[]>();
  useEffect(() => {
    let cancelled = false;
    void Promise.all([raw(db.alerts), raw(db.revenue)]).then(([alerts, revenue]) => {
      if (!cancelled) setRows(alertPrecision(alerts, revenue));
    });
    return () => {
      cancelled = true;
    };
  }, [db]);
  if (!rows) return null;
  return (
    <section aria-labelledby="alert-precision-heading">
      <h3 id="alert-precision-heading">Alert precision per rule</h3>
      {rows.length === 0 ? (
        <p className="muted">No alerts yet.</p>
      ) : (
        <table className="data-table" data-testid="alert-precision">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Alerts</th>
              <th scope="col">Marked wrong</th>
              <th scope="col">Right, by the CSMs</th>
              <th scope="col">With an outcome since</th>
              <th scope="col">Right, by outcomes (churn or contraction)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.rule}>
                <th scope="row">{r.rule}</th>
                <td>{r.alerts}</td>
                <td>{r.markedWrong}</td>
                <td>{percent(r.feedbackPrecision)}</td>
                <td>{r.withOutcome}</td>
                <td>{percent(r.outcomePrecision)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
