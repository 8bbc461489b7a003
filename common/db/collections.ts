import type { MigrationStrategies, RxCollection, RxJsonSchema } from 'rxdb';
import type { Account, Activity, Alert, Contact, Preference, RevenueEvent, RiskAssessment, TeamSetting, UsageMonth } from '../model';
import { accountMigrations, accountSchema } from './schemas/account-schema';
import { activityMigrations, activitySchema } from './schemas/activity-schema';
import { alertSchema } from './schemas/alert-schema';
import { contactSchema } from './schemas/contact-schema';
import { preferenceSchema } from './schemas/preference-schema';
import { revenueSchema } from './schemas/revenue-schema';
import { riskAssessmentMigrations, riskAssessmentSchema } from './schemas/risk-assessment-schema';
import { teamSettingMigrations, teamSettingSchema } from './schemas/team-setting-schema';
import { usageMigrations, usageSchema } from './schemas/usage-schema';
import { executionSchema } from './schemas/execution-schema';
import { playbookSchema } from './schemas/playbook-schema';
import { taskMigrations, taskSchema } from './schemas/task-schema';
import type { Execution } from '../playbooks/execution';
import type { PlaybookDocument } from '../playbooks/playbook-document';
import type { Task } from '../tasks/task';

/**
 * The collections of the local book. The free RxDB opens at most 13 collections per process, so the design is
 * held to 12: the twelve below (the plan in docs/ARCHITECTURE.md, "Data"). Meetings are activities with a
 * schedule; the 13th stays free.
 */
export const COLLECTION_BUDGET = 12;
export const RESERVED_COLLECTIONS: readonly string[] = [];

export interface OutpostCollections {
  accounts: RxCollection<Account>;
  contacts: RxCollection<Contact>;
  usage: RxCollection<UsageMonth>;
  activities: RxCollection<Activity>;
  revenue: RxCollection<RevenueEvent>;
  preferences: RxCollection<Preference>;
  riskassessments: RxCollection<RiskAssessment>;
  alerts: RxCollection<Alert>;
  teamsettings: RxCollection<TeamSetting>;
  playbooks: RxCollection<PlaybookDocument>;
  executions: RxCollection<Execution>;
  tasks: RxCollection<Task>;
}

export type CollectionName = keyof OutpostCollections;

export const collectionDefinitions: {
  [K in CollectionName]: { schema: RxJsonSchema<any>; migrationStrategies?: MigrationStrategies; localDocuments?: boolean };
} = {
  // localDocuments: the device-only import batches (undo records) and links of common/import/import-batches.ts.
  accounts: { schema: accountSchema, migrationStrategies: accountMigrations, localDocuments: true },
  contacts: { schema: contactSchema },
  usage: { schema: usageSchema, migrationStrategies: usageMigrations },
  // localDocuments: the device-only cache of the CSM's external calendar events (common/calendar/event-cache.ts).
  activities: { schema: activitySchema, migrationStrategies: activityMigrations, localDocuments: true },
  revenue: { schema: revenueSchema },
  preferences: { schema: preferenceSchema },
  // localDocuments: the device-only feature digests of the scoring engine (common/intelligence/digest-store.ts).
  riskassessments: { schema: riskAssessmentSchema, migrationStrategies: riskAssessmentMigrations, localDocuments: true },
  alerts: { schema: alertSchema },
  teamsettings: { schema: teamSettingSchema, migrationStrategies: teamSettingMigrations },
  playbooks: { schema: playbookSchema },
  executions: { schema: executionSchema },
  tasks: { schema: taskSchema, migrationStrategies: taskMigrations },
};
