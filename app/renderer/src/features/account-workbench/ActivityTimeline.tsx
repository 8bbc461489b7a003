import { useId, useMemo, useState } from 'react';
import { ACTIVITY_TYPES, type Activity, type ActivityType } from '../../../../../common/model';
import { formatDateTime, humanize } from '../../../../../common/format/format';

const PAGE_SIZE = 100;

function ResultCell({ activity }: { activity: Activity }) {
  return (
    <>
      {activity.ticket && (
        <>
          <span className={`badge severity-${activity.ticket.severity}`}>{humanize(activity.ticket.severity)}</span>{' '}
          <span className="badge">{activity.ticket.status === 'open' ? 'Open' : 'Closed'}</span>{' '}
        </>
      )}
      {activity.npsScore !== undefined && <span className="badge">Score {activity.npsScore}</span>}{' '}
      {activity.result}
    </>
  );
}

/** Everything that happened with the account, newest first, filterable by type. */
export function ActivityTimeline({ activities }: { activities: readonly Activity[] | undefined }) {
  const [filter, setFilter] = useState<ActivityType | 'all'>('all');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const filterId = useId();

  const sorted = useMemo(
    () =>
      (activities ?? [])
        .filter((activity) => filter === 'all' || activity.type === filter)
        .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt)),
    [activities, filter],
  );
  const visible = sorted.slice(0, limit);

  return (
    <section className="panel" aria-labelledby="timeline-heading" data-testid="activity-timeline">
      <div className="panel-heading">
        <h2 id="timeline-heading">Recent activities</h2>
        <label htmlFor={filterId}>Filter by type</label>
        <select
          id={filterId}
          value={filter}
          onChange={(event) => {
            setFilter(event.target.value as ActivityType | 'all');
            setLimit(PAGE_SIZE);
          }}
        >
          <option value="all">All types</option>
          {ACTIVITY_TYPES.map((type) => (
            <option key={type} value={type}>
              {humanize(type)}
            </option>
          ))}
        </select>
        <span className="muted">{activities ? `${sorted.length} shown` : ''}</span>
      </div>
      {activities === undefined ? (
        <p className="muted">Loading…</p>
      ) : sorted.length === 0 ? (
        <p className="muted">{filter === 'all' ? 'No activities yet.' : `No ${humanize(filter)} activities.`}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table timeline-table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Type</th>
                <th scope="col">Owner</th>
                <th scope="col">Result</th>
                <th scope="col">Subject</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((activity) => (
                <tr key={activity.id} data-testid="timeline-entry">
                  <td className="nowrap">{formatDateTime(activity.occurredAt)}</td>
                  <td className="nowrap">{humanize(activity.type)}</td>
                  <td>{activity.actorName}</td>
                  <td>
                    <ResultCell activity={activity} />
                  </td>
                  <td>
                    <div className="timeline-subject">{activity.subject}</div>
                    {activity.body && <div className="timeline-body muted">{activity.body}</div>}
                    {activity.schedule?.outcome && <div className="timeline-body">Outcome: {activity.schedule.outcome}</div>}
                    {activity.schedule?.nextSteps && <div className="timeline-body muted">Next steps: {activity.schedule.nextSteps}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {sorted.length > limit && (
        <button type="button" onClick={() => setLimit((n) => n + PAGE_SIZE)}>
          Show more ({sorted.length - limit} older)
        </button>
      )}
    </section>
  );
}
