import { useEffect, useMemo, useState } from 'react';
import { decidePromotion, type PromotingRole } from '../../../../../common/intelligence/model-promotion';
import type { HoldoutEvaluation } from '../../../../../common/intelligence/model-evaluation';
import type { FeatureDrift } from '../../../../../common/ml/drift';
import { liveDrift } from './live-drift';
import type { TeamModelCard } from '../../../../../common/intelligence/retrain';
import type { RetrainJobResult, RetrainJobStep } from '../../../../../common/intelligence/retrain-job';
import {
  promotedVersions,
  promoteModelVersion,
  readTeamModelSetting,
  restoreModelVersion,
  SHIPPED_VERSION,
  type TeamModelSetting,
} from '../../../../../common/intelligence/team-model';
import { EChart } from '../../components/EChart';
import { AlertPrecisionTable } from './AlertPrecisionTable';
import { ModelCardDetails } from './ModelCardDetails';
import { useDatabase } from '../../db/database-context';
import { LOCAL_USER } from '../../session/local-user';
import { useSyncSession } from '../../session/session-store';
import { importanceOption, reliabilityOption } from './model-charts';
import { RetrainCancelled, RetrainFailed, startRetrain } from './retrain-client';
import { currentTeamId, readTeamSetting, saveTeamSetting } from './team-settings';
import { DEFAULT_SCORECARD, MEASURE_IDS, parseScorecard } from '../../../../../common/intelligence/scorecard';
import type { ScorecardProposal } from '../../../../../common/intelligence/scorecard-optimiser';
import { fetchShippedArtifacts } from './worker-scorer';
import type { RetrainReminderState } from '../../../../../common/intelligence/retrain-reminder';
import { RetrainReminderNotice } from './RetrainReminderNotice';
import { readRetrainReminderState, recordRetrainReminder } from '../../../../../common/intelligence/retrain-reminder-store';

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');

const STEP_TEXT: Record<RetrainJobStep, string> = {
  features: 'Measuring features before each renewal',
  split: 'Splitting renewals by date',
  'train churn': 'Training the churn model',
  'calibrate churn': 'Calibrating the churn model',
  'evaluate churn': 'Measuring the churn model on later renewals',
  'train expansion': 'Training the expansion model',
  'calibrate expansion': 'Calibrating the expansion model',
  'evaluate expansion': 'Measuring the expansion model',
};


function DriftTable({ drift }: { drift: readonly FeatureDrift[] }) {
  const drifted = drift.filter((d) => d.drifted);
  return (
    <div data-testid="drift">
      <p className={drifted.length > 0 ? 'notice' : 'muted'}>
        {drifted.length > 0
          ? `Today's book has moved away from the training data on ${drifted.map((d) => d.feature).join(', ')} (population stability index above 0.25): retrain to keep the scores honest.`
          : 'No feature has drifted from the training data (population stability index ≤ 0.25 for all).'}
      </p>
      <details>
        <summary>Drift per feature</summary>
        <ul>
          {drift.map((d) => (
            <li key={d.feature}>
              {d.feature}: PSI {d.psi.toFixed(3)}
              {d.drifted ? ' (drifted)' : ''}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

type Run =
  | { phase: 'idle' }
  | { phase: 'running'; step: RetrainJobStep; done: number; total: number; cancel(): void }
  | { phase: 'done'; result: RetrainJobResult; drift: FeatureDrift[] }
  | { phase: 'failed'; message: string };

function MetricsTable({ current, candidate }: { current: HoldoutEvaluation; candidate: HoldoutEvaluation }) {
  const rows: [string, (e: HoldoutEvaluation) => string][] = [
    ['ROC-AUC', (e) => f3(e.rocAuc)],
    ['PR-AUC', (e) => f3(e.prAuc)],
    ['Calibration error (ECE)', (e) => f3(e.expectedCalibrationError)],
    ['Lift in the top decile', (e) => f2(e.topDecileLift)],
  ];
  return (
    <table className="data-table" data-testid="model-metrics">
      <caption>
        Churn model on the same {candidate.rows} later renewals (held out; churn rate {(candidate.positiveRate * 100).toFixed(1)}%)
      </caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">Current</th>
          <th scope="col">Candidate</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td data-testid={`current-${label}`}>{value(current)}</td>
            <td data-testid={`candidate-${label}`}>{value(candidate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The Models page (in Scoring settings): retrain on the team's own book in a worker, compare the candidate with the
 * current model on the same time-based holdout, read its card, promote it (Admins and CS Managers; an override
 * needs a reason) and restore earlier versions.
 */
export function ModelsPanel() {
  const db = useDatabase();
  const user = useSyncSession((s) => s.session?.user ?? null);
  const role: PromotingRole = user ? user.role : 'admin';
  const canPromote = role === 'admin' || role === 'cs-manager';
  const [setting, setSetting] = useState<TeamModelSetting | undefined>();
  const [run, setRun] = useState<Run>({ phase: 'idle' });
  const [override, setOverride] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [reminder, setReminder] = useState<RetrainReminderState>();

  useEffect(() => {
    let cancelled = false;
    void readRetrainReminderState(db, new Date()).then((state) => {
      if (!cancelled) setReminder(state);
    });
    void (async () => {
      const teamId = await currentTeamId(db);
      const load = async () => {
        const next = await readTeamModelSetting(db, teamId);
        if (!cancelled) setSetting(next);
      };
      await load();
    })();
    return () => {
      cancelled = true;
    };
  }, [db]);

  async function retrain() {
    setMessage('');
    setError('');
    const teamId = await currentTeamId(db);
    const { readAlertFeedback, readBookHistories } = await import('../../../../../common/intelligence/retrain-job');
    const { teamModelArtifacts } = await import('../../../../../common/intelligence/team-model-artifacts');
    const [histories, feedback, shipped, storedScorecard] = await Promise.all([readBookHistories(db), readAlertFeedback(db), fetchShippedArtifacts(), readTeamSetting(db, 'scorecard')]);
    const scorecard = storedScorecard === undefined ? DEFAULT_SCORECARD : parseScorecard(storedScorecard).config;
    const { artifacts } = await teamModelArtifacts(db, teamId, shipped);
    const job = startRetrain(
      {
        histories,
        current: { churn: artifacts.churn.trees, expansion: artifacts.expansion.trees },
        createdAt: new Date().toISOString(),
        seed: 1,
        leadDays: 30,
        data: `${histories.length} accounts of this book; features 30 days before each renewal`,
        feedback,
        catalogue: true,
        scorecard,
      },
      (step, done, total) => setRun((r) => (r.phase === 'running' ? { ...r, step, done, total } : r)),
    );
    setRun({ phase: 'running', step: 'features', done: 0, total: 8, cancel: job.cancel });
    try {
      const result = await job.result;
      setRun({ phase: 'done', result, drift: liveDrift(result.files.models.churn.card, histories) });
      setReminder(await recordRetrainReminder(db, 'retrained', new Date()));
    } catch (e) {
      if (e instanceof RetrainCancelled) setRun({ phase: 'idle' });
      else setRun({ phase: 'failed', message: e instanceof RetrainFailed || e instanceof Error ? e.message : String(e) });
    }
  }

  const result = run.phase === 'done' ? run.result : undefined;
  const churn = result?.comparison.churn;
  const decision = useMemo(
    () => (churn ? decidePromotion({ candidate: churn.candidate, current: churn.current, role, overrideReason: override }) : undefined),
    [churn, role, override],
  );
  const betterWithoutOverride = churn ? decidePromotion({ candidate: churn.candidate, current: churn.current, role: 'admin' }).promote : false;

  async function promote() {
    if (!result || !decision) return;
    if (!decision.promote) return setError(decision.reason);
    const teamId = await currentTeamId(db);
    const author = user ? { ownerId: user.id, name: user.name } : { ownerId: LOCAL_USER.ownerId, name: LOCAL_USER.ownerName };
    const session = useSyncSession.getState().session;
    if (session) {
      // The team's members download the files from the server; publish them before the setting names the version.
      try {
        const { publishModelVersion } = await import('../../../../../common/intelligence/team-model-transfer');
        await publishModelVersion({ serverUrl: session.serverUrl, accessToken: () => useSyncSession.getState().session?.accessToken ?? '' }, result.files);
      } catch (e) {
        return setError(`Not promoted: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    setSetting(await promoteModelVersion(db, teamId, author, result.files, { basis: decision.basis, reason: decision.reason }));
    setMessage(`Promoted ${result.files.version}. The book is being rescored with it.`);
    setRun({ phase: 'idle' });
    setOverride('');
  }

  async function restore(version: string) {
    const teamId = await currentTeamId(db);
    const author = user ? { ownerId: user.id, name: user.name } : { ownerId: LOCAL_USER.ownerId, name: LOCAL_USER.ownerName };
    try {
      setSetting(await restoreModelVersion(db, teamId, author, version, `Restored ${version}`));
      setMessage(`Restored ${version === SHIPPED_VERSION ? 'the shipped models' : version}. The book is being rescored with it.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  const currentVersion = setting?.version ?? SHIPPED_VERSION;
  const card = result?.files.models.churn.card;
  return (
    <section aria-labelledby="models-heading" className="models-panel" data-testid="models-panel">
      <h2 id="models-heading">Models</h2>
      <p>
        Current model: <strong data-testid="current-model-version">{currentVersion === SHIPPED_VERSION ? 'shipped with Outpost (trained on the demo book)' : currentVersion}</strong>
      </p>
      {reminder && <RetrainReminderNotice state={reminder} promotedAt={setting?.history.at(-1)?.at} onSnooze={() => void recordRetrainReminder(db, 'snoozed', new Date()).then(setReminder)} />}
      {!canPromote && (
        <p className="notice" data-testid="promote-read-only">
          Read-only: only Admins and CS Managers can promote or restore a model. You can retrain to see how a model would do.
        </p>
      )}
      <p className="muted">
        Retrain on this book’s own renewals: earlier renewals train, the next calibrate, the latest are held out and both models are measured on them.
      </p>
      {run.phase === 'running' ? (
        <div role="status" aria-live="polite" data-testid="retrain-progress">
          <label>
            {STEP_TEXT[run.step]}… <progress max={run.total} value={run.done} aria-label="Retraining progress" />
          </label>{' '}
          <button type="button" onClick={() => run.cancel()}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="primary" onClick={() => void retrain()}>
          Retrain on this book
        </button>
      )}
      {run.phase === 'failed' && (
        <p className="error-text" role="alert" data-testid="retrain-failed">
          {run.message}
        </p>
      )}
      {message && <p role="status">{message}</p>}
      {error && <p className="error-text" role="alert">{error}</p>}
      {result && churn && card && (
        <div data-testid="retrain-result">
          <MetricsTable current={churn.current} candidate={churn.candidate} />
          <p data-testid="calibration-note">
            Calibration (Platt scaling on {card.calibrationWindow.rows} renewals of their own): calibration error {f3(card.beforeCalibration.expectedCalibrationError)} before, {f3(card.metrics.expectedCalibrationError)} after.
          </p>
          <EChart
            option={reliabilityOption([
              { name: 'current', bins: churn.current.reliability },
              { name: 'candidate', bins: churn.candidate.reliability },
            ])}
            label="Reliability diagram: observed churn rate against predicted probability, current and candidate models"
            className="model-chart"
            testId="reliability-diagram"
          />
          <EChart option={importanceOption(card.importance)} label="Feature importance of the candidate churn model" className="model-chart" testId="feature-importance" />
          <DriftTable drift={run.phase === 'done' ? run.drift : []} />
          {result.scorecard && <ScorecardProposalTable proposal={result.scorecard} canApply={canPromote} />}
          <ModelCardDetails card={card} />
          {canPromote ? (
            <div className="promote">
              {!betterWithoutOverride && (
                <label>
                  The candidate is not better on the holdout. Reason to promote it anyway (recorded):{' '}
                  <input value={override} onChange={(e) => setOverride(e.target.value)} aria-label="Override reason" />
                </label>
              )}{' '}
              <button type="button" className="primary" onClick={() => void promote()} disabled={!decision?.promote}>
                Promote candidate
              </button>
            </div>
          ) : null}
        </div>
      )}
      <h3>Versions</h3>
      <ul data-testid="model-versions">
        {promotedVersions(setting).map((version) => (
          <li key={version}>
            {version === SHIPPED_VERSION ? 'Shipped models' : version}
            {version === currentVersion ? ' (current)' : canPromote ? (
              <>
                {' '}
                <button type="button" onClick={() => void restore(version)}>
                  Restore
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <CurrentDrift setting={setting} />
      <AlertPrecisionTable />
      {setting && setting.history.length > 0 && (
        <details>
          <summary>Promotion history</summary>
          <ul>
            {setting.history.map((h) => (
              <li key={`${h.at}-${h.version}`}>
                {h.at.slice(0, 16).replace('T', ' ')} {h.by}: {h.basis} → {h.version} ({h.reason})
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** Drift of today's book against the current team model's training data, checked on request (it reads the book). */
function CurrentDrift({ setting }: { setting: TeamModelSetting | undefined }) {
  const db = useDatabase();
  const [drift, setDrift] = useState<FeatureDrift[]>();
  const card = setting?.cards?.['churn'] as TeamModelCard | undefined;
  if (!card?.reference) return null;
  return (
    <section aria-label="Drift of the current model">
      <button
        type="button"
        onClick={() =>
          void (async () => {
            const { readBookHistories } = await import('../../../../../common/intelligence/retrain-job');
            setDrift(liveDrift(card, await readBookHistories(db)));
          })()
        }
      >
        Check drift of the current model
      </button>
      {drift && <DriftTable drift={drift} />}
    </section>
  );
}

/** The optimiser's scorecard weights beside today's, applied only by an Admin or CS Manager. */
function ScorecardProposalTable({ proposal, canApply }: { proposal: ScorecardProposal; canApply: boolean }) {
  const db = useDatabase();
  const [applied, setApplied] = useState(false);
  async function apply() {
    const stored = await readTeamSetting(db, 'scorecard');
    const config = stored === undefined ? DEFAULT_SCORECARD : parseScorecard(stored).config;
    const measures = Object.fromEntries(MEASURE_IDS.map((id) => [id, { ...config.measures[id], weight: proposal.proposed[id] }]));
    await saveTeamSetting(db, 'scorecard', { ...config, measures });
    setApplied(true);
  }
  return (
    <section aria-labelledby="scorecard-proposal-heading" data-testid="scorecard-proposal">
      <h3 id="scorecard-proposal-heading">Scorecard weights that best predict this book’s churn</h3>
      <table className="data-table">
        <caption>
          ROC-AUC of low health for churn on {proposal.heldOut} later renewals: today {f3(proposal.currentRocAuc)}, proposed {f3(proposal.proposedRocAuc)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Today</th>
            <th scope="col">Proposed</th>
          </tr>
        </thead>
        <tbody>
          {MEASURE_IDS.map((id) => (
            <tr key={id}>
              <th scope="row">{id}</th>
              <td>{proposal.current[id]}</td>
              <td>{proposal.proposed[id]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canApply &&
        (applied ? (
          <p role="status">Applied. The book is being rescored with the new weights.</p>
        ) : (
          <button type="button" onClick={() => void apply()}>
            Apply proposed weights
          </button>
        ))}
    </section>
  );
}
