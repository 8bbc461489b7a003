import type { RxDocumentData } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { OutpostDatabase } from '../db/create-database';
import { BatchStamps } from '../db/stamp-writes';
import { type Account, type Alert, type RiskAssessment, teamSettingId } from '../model';
import type { EngineOptions, EngineStatus } from './engine-options';
import { watchBook } from './engine-watch';
import { FEATURE_COUNT, scoringCutoff } from './account-features';
import { type DigestRefresh, DigestStore } from './digest-store';
import { digestOf, type FeatureDigest, featuresFromDigest } from './feature-digest';
import { featureLayout } from './catalogue-features';
import { catalogueFromDigest } from './catalogue-digest';
import { type AlertFields, type AlertRules, parseAlertRules } from './alert-rules';
import { assessAccount } from './assess-account';
import { PhaseTimes } from './phase-times';
import { byId, byIds, groupBy, raw, rawQuery, writeDocs } from './engine-storage';
import type { ExplanationMethod } from './explanations';
import { type BatchScores, type Scorer, ScoringError } from './model-scorer';
import { MEASURE_COUNT, parseScorecard, type ScorecardConfig } from './scorecard';
import { onlyTheDateMoved } from './material-change';

/** An account without stored alerts (most of a book), shared. */
const NO_ALERTS: readonly Alert[] = Object.freeze([]);

interface Settings {
  scorecard: ScorecardConfig;
  rules: AlertRules;
  error?: string;
}

interface ScoringData {
  /** The feature digest of each account scored, position for position with the accounts. */
  digests: readonly FeatureDigest[];
  assessments: Map<string, RiskAssessment>;
  alerts: Map<string, Alert[]>;
  /** The stored versions (with _rev) of the assessments and alerts read, the base of the writes. */
  stored: Map<string, RxDocumentData<unknown>>;
  /**
   * A whole-book run's accounts whose data changed since the last run (their digests were rebuilt); 'all' when any
   * may have (a full rebuild, a rescore after an edit). The others' stored assessments differ from today's by the
   * date alone, if the settings are the same too (assessAccount's dateOnly).
   */
  dataChanged: ReadonlySet<string> | 'all';
}

/**
 * Scores the book on the device: features from the local database, health from the team's scorecard, churn and
 * expansion from the models, stored as riskassessments (with their history of change points; only those that changed are written) and alerts. A model that cannot load or
 * run never stops the scorecard: the status says PRED001 / ML001 and the last stored predictions are kept.
 */
export class ScoringEngine {
  private scorer: Promise<Scorer | ScoringError> | undefined;
  private status: EngineStatus = { state: 'starting', done: 0, total: 0 };
  private queue: Promise<unknown> = Promise.resolve();
  private watching: Subscription | undefined;

  constructor(
    private readonly db: OutpostDatabase,
    private readonly options: EngineOptions,
  ) {
    this.digestStore = new DigestStore(db);
  }

  private scoresHere(account: Account): boolean {
    return this.options.scoresAccount?.(account) ?? true;
  }

  private scoredHere(accounts: Account[]): Account[] {
    return this.options.scoresAccount ? accounts.filter((account) => this.scoresHere(account)) : accounts;
  }

  getStatus(): EngineStatus {
    return this.status;
  }

  private setStatus(patch: Partial<EngineStatus>): void {
    this.status = { ...this.status, ...patch };
    this.options.onStatus?.(this.status);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private loadScorer(): Promise<Scorer | ScoringError> {
    this.scorer ??= this.options.openScorer().then(
      (scorer) => scorer,
      (error: unknown) =>
        error instanceof ScoringError ? error : new ScoringError('PRED001', error instanceof Error ? error.message : String(error), { cause: error }),
    );
    return this.scorer;
  }

  /**
   * Releases the open models, so the next run opens them again through `openScorer` (the team promoted or restored
   * a model). Queued behind any run in progress.
   */
  reloadModels(): Promise<void> {
    return this.enqueue(async () => {
      const previous = this.scorer;
      this.scorer = undefined;
      const scorer = await previous;
      if (scorer && !(scorer instanceof ScoringError)) await scorer.release();
    });
  }

  private async settings(): Promise<Settings> {
    const [scorecardDoc, rulesDoc] = await Promise.all([
      this.db.teamsettings.findOne(teamSettingId(this.options.teamId, 'scorecard')).exec(),
      this.db.teamsettings.findOne(teamSettingId(this.options.teamId, 'alert-rules')).exec(),
    ]);
    const scorecard = scorecardDoc ? parseScorecard(scorecardDoc.toJSON().value) : { config: parseScorecard(undefined).config };
    const rules = rulesDoc ? parseAlertRules(rulesDoc.toJSON().value) : { rules: parseAlertRules(undefined).rules };
    const errors = [(scorecard as { error?: string }).error, (rules as { error?: string }).error].filter(Boolean);
    return { scorecard: scorecard.config, rules: rules.rules, ...(errors.length > 0 && scorecardDoc ? { error: errors.join(' ') } : {}) };
  }

  /** Runs one job after the previous one, so a rescore never interleaves with a full run. */
  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Brings the feature digests of the active accounts up to date (scoreAll does this first; after an import or an
   * upgrade the first refresh reads the whole raw history). `rebuildAll` forgets them first.
   */
  refreshDigests(rebuildAll = false): Promise<DigestRefresh> {
    return this.enqueue(async () => {
      if (rebuildAll) await this.digestStore.forget();
      const accounts = this.scoredHere(await raw<Account>(this.db.accounts, { status: 'active' }));
      return (await this.digestStore.refresh(accounts, scoringCutoff(this.now()))).refresh;
    });
  }

  /** Rescores every active account. */
  scoreAll(): Promise<void> {
    return this.enqueue(async () => {
      const started = performance.now();
      const readStart = started;
      // Read-only from here on, so the stored objects themselves (no copy of 100,000 accounts).
      const active = (await rawQuery(this.db.accounts, { status: 'active' }, false)).docs;
      const accounts = this.scoredHere(active).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.setStatus({ state: 'scoring', done: 0, written: 0, total: accounts.length });
      this.phases.reset(['read', 'features', 'inference', 'assemble', 'write']);
      // Digests instead of the raw history: every write since the last run is folded in first (see DigestStore).
      const { digests, refresh, rebuiltIds } = await this.digestStore.refresh(accounts, scoringCutoff(this.now()));
      // A replica that scores a few of its accounts (a team lead's) reads those accounts' assessments and alerts only.
      const [assessments, alerts] = accounts.length * 2 <= active.length
        ? await this.assessmentsAndAlertsOf(accounts.map((a) => a.id))
        : await Promise.all([rawQuery(this.db.riskassessments), rawQuery(this.db.alerts)]);
      const data: ScoringData = {
        digests,
        assessments: new Map(assessments.docs.map((a) => [a.accountId, a])),
        alerts: groupBy(alerts.docs),
        stored: new Map<string, RxDocumentData<unknown>>([...assessments.stored, ...alerts.stored].map((d) => [(d as { id: string }).id, d])),
        dataChanged: rebuiltIds,
      };
      this.phases.set('read', performance.now() - readStart - refresh.rebuildMs);
      this.phases.set('digest rebuild', refresh.rebuildMs);
      if (refresh.readMs !== undefined) {
        this.phases.set('digest rebuild: read history', refresh.readMs);
        this.phases.set('digest rebuild: build', refresh.buildMs ?? 0);
        this.phases.set('digest rebuild: store', refresh.writeMs ?? 0);
      }
      this.lastRefresh = refresh;
      await this.scoreAccounts(accounts, data, 'path', true);
      this.setStatus({ lastRunMs: performance.now() - started, phases: this.phases.snapshot() });
      const { lastRunMs = 0, phases = {}, total, written = 0 } = this.status;
      this.options.onBookScored?.({ lastRunMs, phases, total, written, refresh });
    });
  }

  /** The stored assessments and alerts of some accounts: by primary key (an assessment's id is its account's), and one indexed query per account. */
  private async assessmentsAndAlertsOf(ids: readonly string[]) {
    const [assessments, perAccount] = await Promise.all([
      byIds(this.db.riskassessments, ids),
      Promise.all(ids.map((accountId) => rawQuery(this.db.alerts, { accountId }))),
    ]);
    return [assessments, { docs: perAccount.flatMap((r) => r.docs), stored: perAccount.flatMap((r) => r.stored) }] as const;
  }

  private readonly phases = new PhaseTimes();
  private readonly digestStore: DigestStore;
  /** What the last full run did to the digests (for the benchmark and diagnostics). */
  lastRefresh: DigestRefresh | undefined;

  /** Rescores some accounts (after an edit, import or sync); `exact` explains them with TreeSHAP. */
  rescore(accountIds: readonly string[], exact = false): Promise<void> {
    const ids = [...new Set(accountIds)];
    if (ids.length === 0) return Promise.resolve();
    return this.enqueue(async () => {
      const started = performance.now();
      // One indexed lookup per account: Dexie would scan a collection for an $in selector.
      const [perAccount, sources] = await Promise.all([
        Promise.all(
          ids.map(async (id) => {
            // By primary key where there is one: a query on `id` may be planned over another index and scan the book.
            const [account, assessment, alerts] = await Promise.all([
              byId(this.db.accounts, id),
              byId(this.db.riskassessments, id),
              rawQuery(this.db.alerts, { accountId: id }),
            ]);
            return { id, account: account.doc, assessment: assessment.doc, alerts: alerts.docs, stored: [...assessment.stored, ...alerts.stored] };
          }),
        ),
        this.digestStore.readSources(ids),
      ]);
      // The raw history is read anyway: rebuild these accounts' digests, so the next full run finds them current.
      const cutoff = scoringCutoff(this.now());
      const digests = ids.map((id) =>
        digestOf(
          {
            account: { id },
            contacts: sources.contacts.get(id) ?? [],
            usage: sources.usage.get(id) ?? [],
            activities: sources.activities.get(id) ?? [],
            revenue: sources.revenue.get(id) ?? [],
          },
          cutoff,
        ),
      );
      await this.digestStore.save(digests);
      const active = perAccount.flatMap((p, i) => (p.account && p.account.status === 'active' && this.scoresHere(p.account) ? [i] : []));
      const accounts = active.map((i) => perAccount[i]!.account!);
      const data: ScoringData = {
        digests: active.map((i) => digests[i]!),
        assessments: new Map(perAccount.flatMap((p) => (p.assessment ? [[p.id, p.assessment] as const] : []))),
        alerts: new Map(perAccount.map((p) => [p.id, p.alerts])),
        stored: new Map(perAccount.flatMap((p) => p.stored.map((d) => [(d as { id: string }).id, d as RxDocumentData<unknown>] as const))),
        dataChanged: 'all',
      };
      this.setStatus({ state: 'scoring', done: 0, written: 0, total: accounts.length });
      await this.scoreAccounts(accounts, data, exact ? 'treeshap' : 'path', false);
      this.setStatus({ lastRunMs: performance.now() - started });
    });
  }

  private async scoreAccounts(
    accounts: readonly Account[],
    data: ScoringData,
    method: ExplanationMethod,
    wholeBook: boolean,
  ): Promise<void> {
    const settings = await this.phases.timeAsync('settings', () => this.settings());
    // The settings the stored assessments were computed with: the same ones let a new day compare by drift alone.
    const settingsMark = JSON.stringify([settings.scorecard, settings.rules]);
    const sameSettings = data.dataChanged !== 'all' && (await this.digestStore.settingsMark()) === settingsMark;
    // Opening the models (worker start, ONNX sessions) is paid by the first run after start or a model change only,
    // and not by a run with nothing to score (a team lead's replica of accounts that others own and score).
    const loaded = accounts.length === 0 ? undefined : await this.phases.timeAsync('open models', () => this.loadScorer());
    let scorer = loaded instanceof ScoringError ? undefined : loaded;
    const modelVersion = scorer?.version;
    // The engine's rows: the core features, then the team's catalogue columns (catalogue-features.ts), then the
    // team's own features the models read (Scorer.ownKeys; none without models).
    const ownKeys = scorer?.ownKeys ?? [];
    const layout = featureLayout(ownKeys);
    const WIDTH = layout.names.length;
    let failure: ScoringError | undefined = loaded instanceof ScoringError ? loaded : undefined;
    const now = this.now();
    const cutoff = scoringCutoff(now);
    const today = now.toISOString().slice(0, 10);
    const batchSize = this.options.batchSize ?? 2000;
    const raised: AlertFields[] = [];
    let done = 0;
    let written = 0;
    // Features of a batch, and its scores requested from the scorer (a worker in the app) without waiting for them.
    const prepare = (start: number, end: number) => {
      const batch = accounts.slice(start, end);
      const values = new Float64Array(batch.length * WIDTH);
      const features = this.phases.time('features', () =>
        batch.map((account, i) => {
          const digest = data.digests[start + i];
          if (digest?.accountId !== account.id) throw new Error(`No feature digest for account ${account.id}`);
          catalogueFromDigest(digest.catalogue, cutoff, values.subarray(i * WIDTH + FEATURE_COUNT, (i + 1) * WIDTH), ownKeys);
          featuresFromDigest(digest, account, cutoff, account.seatsPurchased, values.subarray(i * WIDTH, i * WIDTH + FEATURE_COUNT));
          // The whole row: the scorecard and the recency check read its core features, the factors every column.
          return values.subarray(i * WIDTH, (i + 1) * WIDTH);
        }),
      );
      const scored: Promise<BatchScores | ScoringError> | undefined = scorer?.score(Float32Array.from(values), batch.length, method).catch(
        (error: unknown) => (error instanceof ScoringError ? error : new ScoringError('ML001', error instanceof Error ? error.message : String(error), { cause: error })),
      );
      return { batch, features, scored };
    };
    // Pipelined: while the worker scores batch k+1, this thread stores batch k. The first batch is smaller, so the
    // pipeline fills (and the first scores show) sooner.
    let end = Math.min(accounts.length, Math.max(1, Math.ceil(batchSize / 5)));
    let next = accounts.length > 0 ? prepare(0, end) : undefined;
    while (next) {
      const { batch, features, scored } = next;
      const start = end;
      end = Math.min(accounts.length, start + batchSize);
      next = start < accounts.length ? prepare(start, end) : undefined;
      const outcome = scored ? await this.phases.timeAsync('inference', () => scored) : undefined;
      // After a failure the rest of the run is scorecard-only, including batches already sent.
      let scores: BatchScores | undefined;
      if (outcome instanceof ScoringError) {
        failure ??= outcome;
        scorer = undefined;
      } else if (outcome && !failure) scores = outcome;
      const assessmentWrites: RxDocumentData<RiskAssessment>[] = [];
      const alertWrites: RxDocumentData<Alert>[] = [];
      // One stamp per batch for its new documents, and one shared fieldStamps object per kind (see BatchStamps).
      const newAssessmentStamps = new BatchStamps();
      const measureScores = new Float64Array(MEASURE_COUNT);
      const newAlertStamps = new BatchStamps();
      this.phases.time('assemble', () => batch.forEach((account, i) => {
        const step = assessAccount({
          account,
          row: features[i]!,
          layout,
          scorecard: settings.scorecard,
          rules: settings.rules,
          previous: data.assessments.get(account.id),
          storedAlerts: data.alerts.get(account.id) ?? NO_ALERTS,
          stored: data.stored,
          model: scores && modelVersion
            ? { churn: scores.churn[i]!, expansion: scores.expansion[i]!, churnPoints: scores.churnPoints, expansionPoints: scores.expansionPoints, offset: i * WIDTH, version: modelVersion }
            : undefined,
          now,
          today,
          newAssessmentStamps,
          newAlertStamps,
          measureScores,
          dateOnly: onlyTheDateMoved(account, data.assessments.get(account.id), sameSettings, data.dataChanged),
        });
        if (step.assessment) assessmentWrites.push(step.assessment);
        alertWrites.push(...step.alertWrites);
        raised.push(...step.raised);
      }));
      await this.phases.timeAsync('write', async () => {
        await writeDocs(this.db.riskassessments, assessmentWrites, data.stored);
        written += assessmentWrites.length;
        await writeDocs(this.db.alerts, alertWrites, data.stored);
      });
      done += batch.length;
      this.setStatus({ done, written });
      await this.options.yieldBetweenBatches?.();
    }
    if (failure) {
      this.setStatus({
        state: failure.code === 'PRED001' ? 'stale' : 'scorecard-only',
        code: failure.code,
        message: failure.message,
        ...(settings.error ? { settingsError: settings.error } : {}),
      });
    } else {
      this.setStatus({ state: 'ready', code: undefined, message: undefined, settingsError: settings.error, ...(modelVersion && scorer ? { modelVersion } : {}) });
    }
    if (raised.length > 0) this.options.onAlertsRaised?.(raised);
    // A whole-book run stored (or kept) every account's assessment under these settings.
    if (wholeBook) await this.digestStore.saveSettingsMark(settingsMark);
  }

  /**
   * Rescores by itself when the data behind the scores changes (engine-watch.ts): an account's own data queues that
   * account, a changed scorecard or alert rule the whole book. Changes are collected for `debounceMs`.
   */
  watch(debounceMs = 150): () => void {
    this.watching?.unsubscribe();
    const subscription = watchBook(
      this.db,
      this.options.teamId,
      {
        scoreAll: () => this.scoreAll(),
        rescore: (ids) => this.rescore(ids),
        reloadModels: () => this.reloadModels(),
        failed: (error) => this.setStatus({ message: error instanceof Error ? error.message : String(error) }),
      },
      debounceMs,
    );
    this.watching = subscription;
    return () => subscription.unsubscribe();
  }

  /** Finishes queued work and releases the models. */
  async dispose(): Promise<void> {
    this.watching?.unsubscribe();
    await this.queue;
    const scorer = await this.scorer;
    if (scorer && !(scorer instanceof ScoringError)) await scorer.release();
  }
}
