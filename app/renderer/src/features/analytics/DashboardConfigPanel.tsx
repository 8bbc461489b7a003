import { useState } from 'react';
import { dashboardConfigSchema, type DashboardConfig } from '../../../../../common/analytics/dashboard-config';
import { useDatabase } from '../../db/database-context';
import { useTeamSettingsPermission } from '../../session/use-edit-permission';
import { saveSharedDashboard, useSharedDashboards } from './dashboard-configs';
import { SliceControls } from './SliceControls';

/**
 * Which dashboard configuration this device shows, and the form a team lead uses to set the slice and expansion
 * target and share it with the team (teamsettings, synced; only Admins and CS Managers may save).
 */
export function DashboardConfigPanel({ draft, onDraft }: { draft: DashboardConfig; onDraft(config: DashboardConfig): void }) {
  const db = useDatabase();
  const { shared, selectedId, select } = useSharedDashboards();
  const permission = useTeamSettingsPermission();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [target, setTarget] = useState(draft.targets.quarterlyExpansionArr === null ? '' : String(draft.targets.quarterlyExpansionArr));

  const save = async () => {
    const parsedTarget = target.trim() === '' ? null : Number(target.replace(/[$,\s]/g, ''));
    const candidate = dashboardConfigSchema.safeParse({ ...draft, targets: { quarterlyExpansionArr: parsedTarget } });
    if (!candidate.success || (parsedTarget !== null && Number.isNaN(parsedTarget))) {
      const issue = candidate.success ? { path: ['targets', 'quarterlyExpansionArr'], message: 'must be a number' } : candidate.error.issues[0]!;
      setMessage({ error: true, text: `Not saved: ${issue.path.join('.')}: ${issue.message}` });
      return;
    }
    try {
      const id = await saveSharedDashboard(db, candidate.data);
      select(id);
      onDraft(candidate.data);
      setMessage({ error: false, text: `Saved “${candidate.data.name}” for the team.` });
    } catch (error) {
      setMessage({ error: true, text: `Not saved: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <details className="dashboard-config no-print" data-testid="dashboard-config">
      <summary>Dashboard configuration: {draft.name}</summary>
      <div className="dashboard-config-body">
        <label>
          Shown on this device{' '}
          <select value={selectedId ?? ''} onChange={(e) => select(e.target.value || null)} data-testid="dashboard-config-select">
            <option value="">Default</option>
            {shared.map((s) =>
              'config' in s ? (
                <option key={s.id} value={s.id}>
                  {s.config.name} (shared by {s.updatedBy})
                </option>
              ) : (
                <option key={s.id} value={s.id} disabled>
                  {s.id}: unreadable
                </option>
              ),
            )}
          </select>
        </label>
        {shared.filter((s) => 'error' in s).map((s) => (
          <p key={s.id} className="error" role="alert">
            {'error' in s ? s.error : ''}
          </p>
        ))}
        <SliceControls timeRange={null} slice={draft.slice} onChange={({ slice }) => slice && onDraft({ ...draft, slice })} />
        <label>
          Name{' '}
          <input value={draft.name} maxLength={100} onChange={(e) => onDraft({ ...draft, name: e.target.value })} data-testid="dashboard-config-name" />
        </label>
        <label>
          Quarterly expansion target (ARR, $){' '}
          <input inputMode="decimal" value={target} onChange={(e) => setTarget(e.target.value)} data-testid="dashboard-config-target" />
        </label>
        <button type="button" onClick={() => void save()} disabled={!permission.allowed} title={permission.reason} data-testid="dashboard-config-save">
          Save and share with the team
        </button>
        {!permission.allowed && <p className="muted">{permission.reason}</p>}
        {message && (
          <p className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
      </div>
    </details>
  );
}
