import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { HEALTH_BANDS, type RiskAssessment } from '../../model';
import { ID_MAX, isoDate, isoDateTime, syncProperties, syncRequired } from './sync-properties';

const score = { type: ['number', 'null'], minimum: 0, maximum: 100 } as const;
const factor = {
  type: 'object',
  additionalProperties: false,
  properties: {
    feature: { type: 'string', maxLength: 64 },
    value: { type: ['number', 'null'] },
    points: { type: 'number' },
    text: { type: 'string', maxLength: 200 },
  },
  required: ['feature', 'value', 'points', 'text'],
} as const;

export const riskAssessmentSchema: RxJsonSchema<RiskAssessment> = {
  title: 'risk assessment',
  description: "An account's health, churn risk and expansion scores with their factors and daily history",
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...syncProperties,
    accountId: { type: 'string', maxLength: ID_MAX },
    scoredAt: isoDateTime,
    health: score,
    healthBand: { type: 'string', enum: [...HEALTH_BANDS] },
    measures: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { id: { type: 'string', maxLength: 32 }, score },
        required: ['id', 'score'],
      },
    },
    churnProbability: { type: ['number', 'null'], minimum: 0, maximum: 1 },
    risk: score,
    expansion: score,
    riskFactors: { type: 'array', maxItems: 20, items: factor },
    expansionFactors: { type: 'array', maxItems: 20, items: factor },
    modelVersion: { type: 'string', maxLength: 200 },
    predictedAt: { type: ['string', 'null'], maxLength: 32 },
    dataState: { type: 'string', enum: ['not-enough-recent-data'] },
    history: {
      type: 'array',
      maxItems: 366,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { date: isoDate, health: score, risk: score, expansion: score },
        required: ['date', 'health', 'risk', 'expansion'],
      },
    },
  },
  required: [
    ...syncRequired,
    'accountId',
    'scoredAt',
    'health',
    'healthBand',
    'measures',
    'churnProbability',
    'risk',
    'expansion',
    'riskFactors',
    'expansionFactors',
    'modelVersion',
    'predictedAt',
    'history',
  ],
  indexes: ['accountId'],
};

/** v0 → v1 adds the optional `dataState` ("not enough recent data"); an older assessment had recent data or none. */
export const riskAssessmentMigrations: MigrationStrategies = {
  1: (doc: RiskAssessment) => doc,
};
