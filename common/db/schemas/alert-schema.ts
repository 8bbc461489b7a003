import type { RxJsonSchema } from 'rxdb';
import { ALERT_RULES, ALERT_SEVERITIES, ALERT_STATUSES, type Alert } from '../../model';
import { ID_MAX, isoDateTime, syncProperties, syncRequired } from './sync-properties';

export const alertSchema: RxJsonSchema<Alert> = {
  title: 'alert',
  description: 'An alert raised by a rule for one account, with what a person did about it',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...syncProperties,
    accountId: { type: 'string', maxLength: ID_MAX },
    accountName: { type: 'string', maxLength: 500 },
    rule: { type: 'string', enum: [...ALERT_RULES] },
    severity: { type: 'string', enum: [...ALERT_SEVERITIES] },
    title: { type: 'string', maxLength: 300 },
    detail: { type: 'string', maxLength: 2000 },
    raisedAt: isoDateTime,
    status: { type: 'string', enum: [...ALERT_STATUSES] },
    snoozedUntil: isoDateTime,
    feedback: { type: 'string', enum: ['wrong'] },
    feedbackAt: isoDateTime,
    handledBy: { type: 'string', maxLength: 200 },
  },
  required: [...syncRequired, 'accountId', 'accountName', 'rule', 'severity', 'title', 'detail', 'raisedAt', 'status'],
  indexes: ['accountId'],
};
