import type { RxJsonSchema } from 'rxdb';
import type { Preference } from '../../model';

export const preferenceSchema: RxJsonSchema<Preference> = {
  title: 'preference',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 128 },
    kind: { type: 'string', enum: ['theme', 'grid-view', 'setting'] },
    value: { type: 'object' },
    updatedAt: { type: 'string', maxLength: 64 },
  },
  required: ['id', 'kind', 'value', 'updatedAt'],
};
