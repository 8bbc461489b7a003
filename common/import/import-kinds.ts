import { accountsSpec, type AccountImportRow } from './account-fields';
import { activitiesSpec, type ActivityImportRow } from './activity-fields';
import { contactsSpec, type ContactImportRow } from './contact-fields';
import type { ImportKind, ImportKindSpec } from './field-spec';
import { eventsSpec, type EventImportRow } from './event-fields';
import { outcomesSpec, type OutcomeImportRow } from './outcome-fields';
import { subscriptionsSpec, type SubscriptionImportRow } from './subscription-fields';
import { ticketsSpec, type TicketImportRow } from './ticket-fields';
import { usageSpec, type UsageImportRow } from './usage-fields';

/** The record type each import kind produces. */
export interface ImportRowByKind {
  accounts: AccountImportRow;
  contacts: ContactImportRow;
  usage: UsageImportRow;
  activities: ActivityImportRow;
  subscriptions: SubscriptionImportRow;
  outcomes: OutcomeImportRow;
  events: EventImportRow;
  tickets: TicketImportRow;
}

export const IMPORT_KIND_SPECS: { [K in ImportKind]: ImportKindSpec<ImportRowByKind[K]> } = {
  accounts: accountsSpec,
  contacts: contactsSpec,
  usage: usageSpec,
  activities: activitiesSpec,
  subscriptions: subscriptionsSpec,
  outcomes: outcomesSpec,
  events: eventsSpec,
  tickets: ticketsSpec,
};

export function importKindSpec<K extends ImportKind>(kind: K): ImportKindSpec<ImportRowByKind[K]> {
  return IMPORT_KIND_SPECS[kind];
}
