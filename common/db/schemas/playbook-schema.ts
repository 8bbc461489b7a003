import type { RxJsonSchema } from 'rxdb';
import { PLAYBOOK_STATUSES, type PlaybookDocument } from '../../playbooks/playbook-document';
import { isoDateTime, syncProperties, syncRequired } from './sync-properties';

/** One version of a playbook; the definition is checked by validatePlaybook (common/playbooks) on both ends. */
export const playbookSchema: RxJsonSchema<PlaybookDocument> = {
  title: 'playbook version',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...syncProperties,
    playbookId: { type: 'string', maxLength: 60 },
    version: { type: 'integer', minimum: 1, maximum: 100000 },
    name: { type: 'string', maxLength: 200 },
    status: { type: 'string', enum: [...PLAYBOOK_STATUSES] },
    definition: { type: 'object' },
    savedBy: { type: 'string', maxLength: 200 },
    savedAt: isoDateTime,
  },
  required: [...syncRequired, 'playbookId', 'version', 'name', 'status', 'definition', 'savedBy', 'savedAt'],
};
