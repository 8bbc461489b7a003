import type { MigrationStrategies, RxCollection, RxJsonSchema } from 'rxdb';
import type { Account, Activity, Alert, Contact, Preference, RevenueEvent, RiskAssessment, TeamSetting, UsageMonth } from '../model';
import { accountMigrations, accountSchema } from './schemas/account-schema';
import { activitySchema } from './schemas/activity-schema';
import { alertSchema } from './schemas/alert-schema';
import { contactSchema } from './schemas/contact-schema';
import { preferenceSchema } from './schemas/preference-schema';
import { revenueSchema } from './schemas/revenue-schema';
import { riskAssessmentSchema } from './schemas/risk-assessment-schema';
import { teamSettingMigrations, teamSettingSchema } from './schemas/team-setting-schema';
import { usageSchema } from './schemas/usage-schema';

/**
 * The collections of the local book. The free RxDB opens at most 13 collections per process, so the design is
 * held to 12: the nine below, plus three reserved for later features — playbooks, executions, tasks (the plan in
 * docs/ARCHITECTURE.md, "Data"). Meetings are activities with a schedule; the 13th stays free.
 */
export const COLLECTION_BUDGET = 12;
export const RESERVED_COLLECTIONS = ['playbooks', 'executions', 'tasks'] as const;

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
}

export type CollectionName = keyof OutpostCollections;

export const collectionDefinitions: {
  [K in CollectionName]: { schema: RxJsonSchema<any>; migrationStrategies?: MigrationStrategies; localDocuments?: boolean };
} = {
  accounts: { schema: accountSchema, migrationStrategies: accountMigrations },
  contacts: { schema: contactSchema },
  usage: { schema: usageSchema },
  activities: { schema: activitySchema },
  revenue: { schema: revenueSchema },
  preferences: { schema: preferenceSchema },
  // localDocuments: the device-only feature digests of the scoring engine (common/intelligence/digest-store.ts).
  riskassessments: { schema: riskAssessmentSchema, localDocuments: true },
  alerts: { schema: alertSchema },
  teamsettings: { schema: teamSettingSchema, migrationStrategies: teamSettingMigrations },
};
