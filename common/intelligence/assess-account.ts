import type { RxDocumentData } from 'rxdb';
import { type BatchStamps, stampChanges } from '../db/stamp-writes';
import type { Account, Alert, RiskAssessment } from '../model';
import { type AlertFields, type AlertRules, evaluateAlertRules, type FiringAlert, reconcileAlerts } from './alert-rules';
import { type ModelOutput, nextAssessment } from './assessment';
import { changedFields, stampAssessment, withoutUndefined } from './assessment-stamps';
import type { FeatureLayout } from './catalogue-features';
import { hasRecentData } from './data-recency';
import { driftMatters, shownChanged } from './material-change';
import { storageDocument } from './engine-storage';
import { bandOf, type ScorecardConfig, scoreMeasuresInto } from './scorecard';

/** What one engine run knows about one account, and the batch's shared stamps and buffer. */
export interface AccountToAssess {
  account: Account;
  /** The account's feature row (core features, then the layout's catalogue and own columns). */
  row: Float64Array;
  layout: FeatureLayout;
  scorecard: ScorecardConfig;
  rules: AlertRules;
  previous: RiskAssessment | undefined;
  storedAlerts: readonly Alert[];
  /** The stored versions (with _rev) of the documents read, the base of an alert's changed-field stamps. */
  stored: ReadonlyMap<string, RxDocumentData<unknown>>;
  /** Undefined when the models did not run for this batch. */
  model: ModelOutput | undefined;
  now: Date;
  today: string;
  newAssessmentStamps: BatchStamps;
  newAlertStamps: BatchStamps;
  /** Scratch space for the scorecard's measures, reused across the batch. */
  measureScores: Float64Array;
  /**
   * True when nothing behind this account's stored assessment changed but the date: its data, the scorecard and the
   * alert rules are as they were when it was stored. It is then rewritten only when the drift matters (driftMatters).
   */
  dateOnly?: boolean;
}

export interface AccountAssessed {
  /** The assessment to store, or null when nothing changed (a new day by itself is no change). */
  assessment: RxDocumentData<RiskAssessment> | null;
  alertWrites: RxDocumentData<Alert>[];
  raised: readonly AlertFields[];
}

/**
 * One account's step of a scoring run, without I/O: its health from the scorecard, its assessment from the row and
 * the model's output, and the alerts that follow. An unchanged assessment is not written, and the alerts then read
 * what is stored, so an alert's text does not change either.
 */
export function assessAccount(input: AccountToAssess): AccountAssessed {
  const { account, row, previous, now } = input;
  const health = scoreMeasuresInto(row, input.scorecard, input.measureScores).score;
  const next = nextAssessment({
    account,
    row,
    health: { score: health, band: health === null ? null : bandOf(health, input.scorecard.bands), measureScores: input.measureScores },
    previous: previous ?? null,
    now,
    recentData: hasRecentData(row),
    layout: input.layout,
    model: input.model,
  });
  let changed: boolean;
  let firing: readonly FiringAlert[];
  if (input.dateOnly && previous) {
    // An alert rule that would start or stop firing on today's scores is a change that matters too.
    const onStored = evaluateAlertRules(input.rules, previous, account, input.today);
    const onNext = evaluateAlertRules(input.rules, next, account, input.today);
    changed = driftMatters(previous, next) || !sameRules(onStored, onNext);
    firing = changed ? onNext : onStored;
  } else {
    changed = shownChanged(previous, next);
    firing = evaluateAlertRules(input.rules, changed || !previous ? next : previous, account, input.today);
  }
  const result = reconcileAlerts(account, firing, input.storedAlerts, now);
  const alertWrites = result.writes.map((write) => {
    const before = input.stored.get(write.id) as Alert | undefined;
    const fields = withoutUndefined({ ...write });
    const stamps = before ? stampChanges(before.fieldStamps, changedFields(before, fields)) : input.newAlertStamps.forNew(fields);
    return storageDocument({ ...fields, updatedAt: stamps.updatedAt, fieldStamps: stamps.fieldStamps } as Alert);
  });
  return { assessment: changed ? stampAssessment(previous, next, input.newAssessmentStamps) : null, alertWrites, raised: result.raised };
}

/** The same alert rules fire (the alerts' texts follow the stored scores). */
function sameRules(a: readonly FiringAlert[], b: readonly FiringAlert[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.rule !== b[i]!.rule) return false;
  return true;
}
