import { useEffect, useMemo } from 'react';
import type { Account, StoredFactor } from '../../../../../common/model';
import { EChart } from '../../components/EChart';
import type { EChartsOption } from '../../components/echarts-core';
import { useThemeColors } from '../../components/use-theme-colors';
import { predictionNotice, useAssessment, useAssessmentsStore } from '../../stores/assessments-store';
import { formatIsoDate } from '../../../../../common/format/format';
import { factorAsOf } from '../../../../../common/intelligence/assessment';
import '../../components/score-display.css';

const COLOR_NAMES = ['text', 'text-muted', 'border', 'accent', 'warning', 'surface-2'] as const;
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

function signed(points: number): string {
  const rounded = Math.round(points);
  return rounded === 0 ? (points >= 0 ? '+<1' : '−<1') : rounded > 0 ? `+${rounded}` : `−${Math.abs(rounded)}`;
}

/**
 * A score's factors, coloured by what they mean for the account, not by their sign: `raising` says whether points
 * that raise this score are good (expansion) or bad (risk) news.
 */
function FactorList({ factors, scoredAt, unit, label, raising }: { factors: readonly StoredFactor[]; scoredAt: string; unit: string; label: string; raising: 'good' | 'bad' }) {
  if (factors.length === 0) return <p className="muted">No factor stands out.</p>;
  // An unchanged assessment is not rewritten on a new day: "last touch N days ago" is counted on from when it was stored.
  const today = new Date().toISOString();
  const lowering = raising === 'good' ? 'bad' : 'good';
  return (
    <ul className="factor-list" aria-label={label}>
      {factors.map((f) => (
        <li key={f.feature} className={`factor-${f.points > 0 ? raising : lowering}`} data-tone={f.points > 0 ? raising : lowering}>
          {factorAsOf(f, scoredAt, today).text}: {signed(f.points)} {unit}
        </li>
      ))}
    </ul>
  );
}

/**
 * The account's health scorecard, churn risk and expansion propensity with their top factors, model version,
 * scored-at and history. Opening it asks the engine for exact (TreeSHAP) factors for this account.
 */
export function AccountScoresPanel({ account }: { account: Account }) {
  const assessment = useAssessment(account.id);
  const status = useAssessmentsStore((s) => s.status);
  const engine = useAssessmentsStore((s) => s.engine);
  const colors = useThemeColors(COLOR_NAMES);

  useEffect(() => {
    if (engine && account.status === 'active') void engine.rescore([account.id], true).catch(() => undefined);
  }, [engine, account.id, account.status]);

  const option = useMemo<EChartsOption | null>(() => {
    const stored = assessment?.history ?? [];
    // The history holds change points (each holds until the next): drawn as steps, carried on to today.
    const today = new Date().toISOString().slice(0, 10);
    const last = stored[stored.length - 1];
    const history = last && last.date < today ? [...stored, { ...last, date: today }] : stored;
    // One day of scores is a dot, not a history: below two days the panel says when the line starts instead.
    if (history.length < 2) return null;
    const axis = { axisLine: { lineStyle: { color: colors.border } }, axisLabel: { color: colors['text-muted'] } };
    return {
      backgroundColor: 'transparent',
      textStyle: { color: colors.text },
      animation: false,
      tooltip: { trigger: 'axis', backgroundColor: colors['surface-2'], borderColor: colors.border, textStyle: { color: colors.text } },
      legend: { top: 0, textStyle: { color: colors.text } },
      grid: { left: 36, right: 12, top: 30, bottom: 24 },
      xAxis: { type: 'category', data: history.map((p) => p.date), ...axis },
      yAxis: { type: 'value', min: 0, max: 100, ...axis, splitLine: { lineStyle: { color: colors.border, opacity: 0.6 } } },
      series: [
        { name: 'Health', type: 'line', step: 'start', data: history.map((p) => p.health), color: colors.accent, showSymbol: history.length < 8, connectNulls: true },
        { name: 'Risk', type: 'line', step: 'start', data: history.map((p) => p.risk), color: colors.warning, showSymbol: history.length < 8, connectNulls: true },
        { name: 'Expansion', type: 'line', step: 'start', data: history.map((p) => p.expansion), lineStyle: { type: 'dashed' }, showSymbol: history.length < 8, connectNulls: true },
      ],
    };
  }, [assessment?.history, colors]);

  const notice = predictionNotice(status);
  return (
    <section className="panel" aria-labelledby="scores-heading" data-testid="account-scores">
      <h2 id="scores-heading">Health &amp; risk</h2>
      {account.status !== 'active' ? (
        <p className="muted">This account has churned; it is no longer scored.</p>
      ) : !assessment ? (
        <p className="muted" aria-busy="true">
          {status.state === 'starting' || status.state === 'scoring' ? 'Scoring this account…' : 'Not scored yet.'}
        </p>
      ) : (
        <>
          {assessment.dataState === 'not-enough-recent-data' && (
            <p className="notice" data-testid="not-enough-recent-data">
              Not enough recent data: no usage in the last 30 days and no touch or ticket in 90, so there is no risk or expansion score rather than a misleading one.
            </p>
          )}
          {notice && (
            <p className="notice" role="status">
              {notice}
            </p>
          )}
          <div className="score-figures">
            <span>
              Health{' '}
              {assessment.health === null ? (
                <strong data-testid="health-score">not enough data</strong>
              ) : (
                <strong data-testid="health-score" className={`band-chip band-${assessment.healthBand}`}>
                  {assessment.health}
                </strong>
              )}
            </span>
            <span>
              Risk <strong data-testid="risk-score">{assessment.risk ?? '—'}</strong>
              {assessment.churnProbability !== null && <span className="muted"> ({(assessment.churnProbability * 100).toFixed(1)}% churn probability)</span>}
            </span>
            <span>
              Expansion <strong data-testid="expansion-score">{assessment.expansion ?? '—'}</strong>
            </span>
          </div>
          <p data-testid="health-metrics">
            Health Metrics:{' '}
            {assessment.measures
              .map((m) => `${m.id.charAt(0).toUpperCase()}${m.id.slice(1)} ${m.score === null ? 'n/a' : `${m.score}%`}`)
              .join(' · ')}
          </p>
          <h3>Why this risk</h3>
          <FactorList factors={assessment.riskFactors} scoredAt={assessment.scoredAt} unit="risk" label="Risk factors" raising="bad" />
          <h3>Expansion signals</h3>
          <FactorList factors={assessment.expansionFactors.filter((f) => f.points > 0)} scoredAt={assessment.scoredAt} unit="expansion" label="Expansion factors" raising="good" />
          <p className="muted" data-testid="model-info">
            Model {assessment.modelVersion || 'none'} · scored {dateTime.format(new Date(assessment.scoredAt))} (unchanged since)
            {assessment.predictedAt && assessment.predictedAt !== assessment.scoredAt && (
              <> · predictions from {dateTime.format(new Date(assessment.predictedAt))}{status.state === 'stale' ? ' (stale)' : ''}</>
            )}
          </p>
          {option ? (
            <EChart option={option} label="Health, risk and expansion over time" className="usage-chart-canvas" testId="score-history" />
          ) : (
            <p className="muted" data-testid="score-history-pending">
              Score history: {assessment.history.length === 1 ? `one day so far (${formatIsoDate(assessment.history[0]!.date)})` : 'none yet'}.
              The history chart draws a line from the second day of scores on.
            </p>
          )}
        </>
      )}
    </section>
  );
}
