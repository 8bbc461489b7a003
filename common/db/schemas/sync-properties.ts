/** JSON-schema pieces shared by every account-scoped collection (see common/model/sync-fields.ts). */
export const ID_MAX = 128;

export const syncProperties = {
  id: { type: 'string', maxLength: ID_MAX },
  ownerId: { type: 'string', maxLength: ID_MAX },
  teamId: { type: 'string', maxLength: ID_MAX },
  updatedAt: { type: 'string', maxLength: 64 },
  fieldStamps: { type: 'object', additionalProperties: { type: 'string' } },
} as const;

export const syncRequired = ['id', 'ownerId', 'teamId', 'updatedAt', 'fieldStamps'] as const;

export const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 } as const;
export const isoDateTime = { type: 'string', format: 'date-time', maxLength: 32 } as const;
