import type { RiskAssessment } from '../model';

/** What the metrics read of an account's stored risk assessment. */
export type AccountScores = Pick<RiskAssessment, 'churnProbability' | 'expansion' | 'healthBand' | 'history'>;

/** The latest assessment per account id (the assessments store's map is one). */
export type ScoresByAccount = ReadonlyMap<string, AccountScores>;
