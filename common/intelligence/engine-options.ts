import type { Account } from '../model';
import type { AlertFields } from './alert-rules';
import type { DigestRefresh } from './digest-store';
import type { Scorer, ScoringErrorCode } from './model-scorer';

// What a ScoringEngine (scoring-engine.ts) is given, and what it reports of itself.

export interface EngineStatus {
  /** 'ready': models and scorecard ran; 'stale': the models could not load (PRED001) — predictions shown are the
   *  last stored ones; 'scorecard-only': inference failed (ML001) — only health is current. */
  readonly state: 'starting' | 'scoring' | 'ready' | 'stale' | 'scorecard-only';
  readonly code?: ScoringErrorCode;
  readonly message?: string;
  readonly modelVersion?: string;
  readonly done: number;
  readonly total: number;
  /** Duration of the last full-book or batch run. */
  readonly lastRunMs?: number;
  /** Where the last run spent its time (ms): read, features, inference (waiting for the worker beyond what overlapped
   *  with storing the previous batch), assemble, write. */
  readonly phases?: Readonly<Record<string, number>>;
  /** Assessments the last run wrote (only the changed ones are). */
  readonly written?: number;
  readonly settingsError?: string;
}

/** What one whole-book run did (EngineOptions.onBookScored). */
export interface BookRun {
  lastRunMs: number;
  phases: Readonly<Record<string, number>>;
  total: number;
  written: number;
  refresh: DigestRefresh;
}

export interface EngineOptions {
  /** Opens the models (in the app: a Web Worker running onnxruntime-web). Rejects with ScoringError PRED001. */
  openScorer(): Promise<Scorer>;
  /** The team whose settings (scorecard, alert rules) apply. */
  teamId: string;
  now?: () => Date;
  onStatus?(status: EngineStatus): void;
  /** Alerts raised (or reopened) by a run, for desktop notifications. */
  onAlertsRaised?(alerts: readonly AlertFields[]): void;
  /** A whole-book run (scoreAll) ended: its duration, phases, writes and what it did to the digests (for the benchmark). */
  onBookScored?(run: BookRun): void;
  /** Accounts scored per batch (one inference call and one bulk write each). */
  batchSize?: number;
  /** Lets the UI breathe between batches (the app passes a macrotask yield). */
  yieldBetweenBatches?: () => Promise<void>;
  /**
   * Which accounts this device scores (default: all). On a team replica only the owner's device computes and pushes
   * an account's assessment and alerts; the others receive them through sync, so a manager's replica of the whole
   * team neither rescores nor re-pushes every account.
   */
  scoresAccount?: (account: Account) => boolean;
}
