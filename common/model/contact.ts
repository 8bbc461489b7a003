import type { IsoDate, SyncFields } from './sync-fields';

export const CONTACT_ROLES = ['champion', 'executive_sponsor', 'admin', 'user', 'billing'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export interface Contact extends SyncFields {
  externalId: string;
  accountId: string;
  name: string;
  email: string;
  title: string;
  role: ContactRole;
  status: 'active' | 'departed';
  /** When the contact left the customer; set only for departed contacts. */
  departedOn?: IsoDate;
}
