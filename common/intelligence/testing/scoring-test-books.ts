import * as ort from 'onnxruntime-web';
import { afterEach } from 'vitest';
import type { OutpostDatabase } from '../../db/create-database';
import { openScorer } from '../model-scorer';
import { ScoringEngine } from '../scoring-engine';
import { readCommittedArtifacts } from './model-artifacts.node';

/**
 * The books and scoring engines a test file opens, cleaned up after each test (engines disposed, databases removed).
 * Engines score with the shipped models at `now` for the demo team, in batches of 16 (several on a small book).
 */
export function scoringTestBooks(now: () => Date): { keep(db: OutpostDatabase): OutpostDatabase; newEngine(book: OutpostDatabase): ScoringEngine } {
  ort.env.wasm.numThreads = 1;
  const artifacts = readCommittedArtifacts();
  const opened: OutpostDatabase[] = [];
  const engines: ScoringEngine[] = [];
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.dispose();
    for (const db of opened.splice(0)) if (!db.closed) await db.remove();
  });
  return {
    keep(db) {
      opened.push(db);
      return db;
    },
    newEngine(book) {
      const engine = new ScoringEngine(book, { openScorer: () => openScorer(ort, artifacts), teamId: 'team-demo', now, batchSize: 16 });
      engines.push(engine);
      return engine;
    },
  };
}
