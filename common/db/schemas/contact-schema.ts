import type { RxJsonSchema } from 'rxdb';
import type { Contact } from '../../model';
import { CONTACT_ROLES } from '../../model';
import { ID_MAX, isoDate, syncProperties, syncRequired } from './sync-properties';

export const contactSchema: RxJsonSchema<Contact> = {
  title: 'contact',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...syncProperties,
    externalId: { type: 'string', maxLength: ID_MAX },
    accountId: { type: 'string', maxLength: ID_MAX },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    email: { type: 'string', maxLength: 320 },
    title: { type: 'string', maxLength: 200 },
    role: { type: 'string', enum: [...CONTACT_ROLES] },
    status: { type: 'string', enum: ['active', 'departed'] },
    departedOn: isoDate,
  },
  required: [...syncRequired, 'externalId', 'accountId', 'name', 'email', 'title', 'role', 'status'],
  indexes: ['accountId', 'externalId'],
};
