import { useEffect, useState, type FormEvent } from 'react';
import { type AlertRules, alertRulesSchema, DEFAULT_ALERT_RULES, parseAlertRules } from '../../../../../common/intelligence/alert-rules';
import { DEFAULT_SCORECARD, MEASURE_IDS, MEASURES, parseScorecard, type ScorecardConfig, scorecardConfigSchema } from '../../../../../common/intelligence/scorecard';
import { useDatabase } from '../../db/database-context';
import { useTeamSettingsPermission } from '../../session/use-edit-permission';
import { predictionNotice, useAssessmentsStore } from '../../stores/assessments-store';
import { ModelsPanel } from './ModelsPanel';
import { readTeamSetting, saveTeamSetting } from './team-settings';
import '../../components/score-display.css';
import './scoring-settings.css';

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join(' → ') || 'form'}: ${issue.message}` : 'invalid';
}

/**
 * The team's health scorecard (weights, thresholds, bands) and alert rules. Saved to teamsettings, so it syncs to
 * the team; the sync server accepts changes only from an Admin or CS Manager. Saving rescores the whole book.
 */
export function ScoringSettingsPage() {
  const db = useDatabase();
  const status = useAssessmentsStore((s) => s.status);
  const permission = useTeamSettingsPermission();
  const [scorecard, setScorecard] = useState<ScorecardConfig>();
  const [rules, setRules] = useState<AlertRules>();
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    void (async () => {
      const [card, alertRules] = await Promise.all([readTeamSetting(db, 'scorecard'), readTeamSetting(db, 'alert-rules')]);
      const parsedCard = card === undefined ? { config: DEFAULT_SCORECARD } : parseScorecard(card);
      const parsedRules = alertRules === undefined ? { rules: DEFAULT_ALERT_RULES } : parseAlertRules(alertRules);
      setScorecard(structuredClone(parsedCard.config));
      setRules(structuredClone(parsedRules.rules));
      const problems = [(parsedCard as { error?: string }).error, (parsedRules as { error?: string }).error].filter(Boolean);
      if (problems.length > 0) setError(`${problems.join(' ')} The defaults are shown.`);
    })();
  }, [db]);

  if (!scorecard || !rules) return <div className="page" aria-busy="true"><p className="muted">Loading settings…</p></div>;

  const setMeasure = (id: (typeof MEASURE_IDS)[number], key: 'weight' | 'poor' | 'good', value: number) =>
    setScorecard({ ...scorecard, measures: { ...scorecard.measures, [id]: { ...scorecard.measures[id], [key]: value } } });

  async function save(event: FormEvent) {
    event.preventDefault();
    setMessage('');
    if (!permission.allowed) return setError(permission.reason);
    const card = scorecardConfigSchema.safeParse(scorecard);
    if (!card.success) return setError(`Scorecard not saved — ${firstIssue(card.error)}`);
    const parsedRules = alertRulesSchema.safeParse(rules);
    if (!parsedRules.success) return setError(`Alert rules not saved — ${firstIssue(parsedRules.error)}`);
    setError('');
    await saveTeamSetting(db, 'scorecard', card.data);
    await saveTeamSetting(db, 'alert-rules', parsedRules.data);
    setMessage('Saved. The book is being rescored with the new settings.');
  }

  const num = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));
  const notice = predictionNotice(status);
  return (
    <div className="page">
      <h1>Scoring: health scorecard and alert rules</h1>
      <p className="muted">Shared with your team once synced. Only an Admin or CS Manager can change them for the team.</p>
      {notice && <p className="notice" role="status">{notice}</p>}
      {!permission.allowed && <p className="notice" data-testid="scoring-read-only">{permission.reason}</p>}
      <form className="settings-form" onSubmit={(e) => void save(e)} aria-label="Scoring settings">
        <fieldset className="plain" disabled={!permission.allowed} title={permission.reason}>
          <fieldset>
            <legend>Health scorecard measures</legend>
            <p className="muted">Each measure scores 0 at its “poor” value and 100 at its “good” value (linear, clamped). Health is the weighted mean of the measures with data.</p>
            <table>
              <thead>
                <tr>
                  <th scope="col">Measure</th>
                  <th scope="col">Metric</th>
                  <th scope="col">Weight</th>
                  <th scope="col">Poor (0)</th>
                  <th scope="col">Good (100)</th>
                </tr>
              </thead>
              <tbody>
                {MEASURE_IDS.map((id) => (
                  <tr key={id}>
                    <th scope="row">{MEASURES[id].label}</th>
                    <td className="muted">{MEASURES[id].metric}</td>
                    {(['weight', 'poor', 'good'] as const).map((key) => (
                      <td key={key}>
                        <input
                          type="number"
                          step="any"
                          aria-label={`${MEASURES[id].label} ${key}`}
                          value={Number.isNaN(scorecard.measures[id][key]) ? '' : scorecard.measures[id][key]}
                          onChange={(e) => setMeasure(id, key, num(e.target.value))}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
          <fieldset>
            <legend>Colour bands</legend>
            <label>
              Red below{' '}
              <input type="number" aria-label="Red below" value={scorecard.bands.redBelow} onChange={(e) => setScorecard({ ...scorecard, bands: { ...scorecard.bands, redBelow: num(e.target.value) } })} />
            </label>{' '}
            <label>
              Green from{' '}
              <input type="number" aria-label="Green from" value={scorecard.bands.greenFrom} onChange={(e) => setScorecard({ ...scorecard, bands: { ...scorecard.bands, greenFrom: num(e.target.value) } })} />
            </label>
            <p className="muted">
              Red: below {scorecard.bands.redBelow} · Yellow: {scorecard.bands.redBelow}–{scorecard.bands.greenFrom - 1} · Green: {scorecard.bands.greenFrom} and above
            </p>
          </fieldset>
          <fieldset>
            <legend>Alert rules</legend>
            <p>
              <label>
                <input type="checkbox" checked={rules.riskAbove.enabled} onChange={(e) => setRules({ ...rules, riskAbove: { ...rules.riskAbove, enabled: e.target.checked } })} /> Risk at or above
              </label>{' '}
              <input type="number" aria-label="Risk threshold" value={rules.riskAbove.threshold} onChange={(e) => setRules({ ...rules, riskAbove: { ...rules.riskAbove, threshold: num(e.target.value) } })} />{' '}
              <SeveritySelect label="Risk alert severity" value={rules.riskAbove.severity} onChange={(severity) => setRules({ ...rules, riskAbove: { ...rules.riskAbove, severity } })} />
            </p>
            <p>
              <label>
                <input type="checkbox" checked={rules.healthDrop.enabled} onChange={(e) => setRules({ ...rules, healthDrop: { ...rules.healthDrop, enabled: e.target.checked } })} /> Health drops by
              </label>{' '}
              <input type="number" aria-label="Health drop points" value={rules.healthDrop.points} onChange={(e) => setRules({ ...rules, healthDrop: { ...rules.healthDrop, points: num(e.target.value) } })} /> points within{' '}
              <input type="number" aria-label="Health drop days" value={rules.healthDrop.days} onChange={(e) => setRules({ ...rules, healthDrop: { ...rules.healthDrop, days: num(e.target.value) } })} /> days{' '}
              <SeveritySelect label="Health drop severity" value={rules.healthDrop.severity} onChange={(severity) => setRules({ ...rules, healthDrop: { ...rules.healthDrop, severity } })} />
            </p>
            <p>
              <label>
                <input type="checkbox" checked={rules.renewalWhileRed.enabled} onChange={(e) => setRules({ ...rules, renewalWhileRed: { ...rules.renewalWhileRed, enabled: e.target.checked } })} /> Renewal within
              </label>{' '}
              <input type="number" aria-label="Renewal days" value={rules.renewalWhileRed.days} onChange={(e) => setRules({ ...rules, renewalWhileRed: { ...rules.renewalWhileRed, days: num(e.target.value) } })} /> days while health is red{' '}
              <SeveritySelect label="Renewal alert severity" value={rules.renewalWhileRed.severity} onChange={(severity) => setRules({ ...rules, renewalWhileRed: { ...rules.renewalWhileRed, severity } })} />
            </p>
          </fieldset>
          {error && <p className="error-text" role="alert">{error}</p>}
          <button type="submit" className="primary">Save scoring settings</button>{' '}
          <button type="button" onClick={() => { setScorecard(structuredClone(DEFAULT_SCORECARD)); setRules(structuredClone(DEFAULT_ALERT_RULES)); }}>
            Restore defaults
          </button>
        </fieldset>
        <p role="status" aria-live="polite">{message}</p>
      </form>
      <ModelsPanel />
    </div>
  );
}

function SeveritySelect({ label, value, onChange }: { label: string; value: 'critical' | 'warning'; onChange(value: 'critical' | 'warning'): void }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as 'critical' | 'warning')}>
      <option value="critical">critical</option>
      <option value="warning">warning</option>
    </select>
  );
}
