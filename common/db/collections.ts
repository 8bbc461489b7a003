import type { MigrationStrategies, RxCollection, RxJsonSchema } from 'rxdb';
import type { Account, Activity, Contact, Preference, RevenueEvent, UsageMonth } from '../model';
import { accountMigrations, accountSchema } from './schemas/account-schema';
import { activitySchema } from './schemas/activity-schema';
import { contactSchema } from './schemas/contact-schema';
import { preferenceSchema } from './schemas/preference-schema';
import { revenueSchema } from './schemas/revenue-schema';
import { usageSchema } from './schemas/usage-schema';

/**
 * The collections of the local book. The free RxDB opens at most 13 collections per process, so the design is
 * held to 12: the six below, plus six reserved for later features —
 * tasks, riskassessments (scores + history), alerts, playbooks, executions, meetings.
 */
export const COLLECTION_BUDGET = 12;
export const RESERVED_COLLECTIONS = ['tasks', 'riskassessments', 'alerts', 'playbooks', 'executions', 'meetings'] as const;

export interface OutpostCollections {
  accounts: RxCollection<Account>;
  contacts: RxCollection<Contact>;
  usage: RxCollection<UsageMonth>;
  activities: RxCollection<Activity>;
  revenue: RxCollection<RevenueEvent>;
  preferences: RxCollection<Preference>;
}

export type CollectionName = keyof OutpostCollections;

export const collectionDefinitions: {
  [K in CollectionName]: { schema: RxJsonSchema<any>; migrationStrategies?: MigrationStrategies };
} = {
  accounts: { schema: accountSchema, migrationStrategies: accountMigrations },
  contacts: { schema: contactSchema },
  usage: { schema: usageSchema },
  activities: { schema: activitySchema },
  revenue: { schema: revenueSchema },
  preferences: { schema: preferenceSchema },
};
