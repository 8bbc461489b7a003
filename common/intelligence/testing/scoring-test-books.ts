import * as ort from 'onnxruntime-web';
import { afterEach, expect } from 'vitest';
import type { OutpostDatabase } from '../../db/create-database';
import type { RiskAssessment } from '../../model';
import type { EngineOptions } from '../engine-options';
import { openScorer } from '../model-scorer';
import { ScoringEngine } from '../scoring-engine';
import { readCommittedArtifacts } from './model-artifacts.node';

/**
 * The books and scoring engines a test file opens, cleaned up after each test (engines disposed, databases removed).
 * Engines score with the shipped models at `now` for the demo team, in batches of 16 (several on a small book).
 */
export interface ScoringTestBooks {
  keep(db: OutpostDatabase): OutpostDatabase;
  /** An engine on `book` with the shipped models; `options` override the defaults (e.g. scoresAccount). */
  newEngine(book: OutpostDatabase, options?: Partial<EngineOptions>): ScoringEngine;
  /** Scores the book, then again with every digest rebuilt from the raw history: nothing may differ. The scores. */
  expectSameAsRebuild(book: OutpostDatabase, engine?: ScoringEngine): Promise<Map<string, RiskAssessment>>;
}

/** Every stored assessment of the book, plain, by id. */
export async function storedAssessments(book: OutpostDatabase): Promise<Map<string, RiskAssessment>> {
  return new Map((await book.riskassessments.find().exec()).map((doc) => [doc.id, doc.toJSON() as RiskAssessment]));
}

export function scoringTestBooks(now: () => Date): ScoringTestBooks {
  ort.env.wasm.numThreads = 1;
  const artifacts = readCommittedArtifacts();
  const opened: OutpostDatabase[] = [];
  const engines: ScoringEngine[] = [];
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.dispose();
    for (const db of opened.splice(0)) if (!db.closed) await db.remove();
  });
  const newEngine = (book: OutpostDatabase, options: Partial<EngineOptions> = {}) => {
    const engine = new ScoringEngine(book, { openScorer: () => openScorer(ort, artifacts), teamId: 'team-demo', now, batchSize: 16, ...options });
    engines.push(engine);
    return engine;
  };
  return {
    keep(db) {
      opened.push(db);
      return db;
    },
    newEngine,
    async expectSameAsRebuild(book, engine = newEngine(book)) {
      await engine.scoreAll();
      const first = await storedAssessments(book);
      expect(first.size).toBeGreaterThan(0);
      expect(await engine.refreshDigests(true)).toMatchObject({ mode: 'full' });
      await engine.scoreAll();
      expect(await storedAssessments(book)).toEqual(first);
      return first;
    },
  };
}
