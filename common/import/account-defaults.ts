import type { Account, IsoDate, LifecycleStage } from '../model';
import type { AccountImportRow } from './account-fields';

export interface AccountOwner {
  ownerId: string;
  ownerName: string;
  teamId: string;
}

const DAY_MS = 86_400_000;

function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February rolls to 1 March in a non-leap year; keep it in February.
  if (shifted.getUTCMonth() !== m - 1) shifted.setUTCDate(0);
  return shifted.toISOString().slice(0, 10);
}

/**
 * The stage an imported account is in when the file does not say: onboarding in its first 90 days, renewal in the 90
 * days before its renewal date, mature otherwise.
 */
export function inferLifecycleStage(contractStart: IsoDate, renewalDate: IsoDate, now: Date): LifecycleStage {
  const today = now.getTime();
  const start = Date.parse(`${contractStart}T00:00:00Z`);
  const renewal = Date.parse(`${renewalDate}T00:00:00Z`);
  if (today >= start && today - start < 90 * DAY_MS) return 'onboarding';
  if (renewal >= today && renewal - today <= 90 * DAY_MS) return 'renewal';
  return 'mature';
}

/**
 * A new account from an import row. Defaults for what the file lacks: blank domain, industry, region and plan; tier
 * SMB; status active; zero seats and MRR; owner = the importing person; contract start = renewal date minus a year
 * (else today); renewal date = contract start plus a year; created now; stage inferred from those dates.
 */
export function newAccountFields(row: AccountImportRow, owner: AccountOwner, now: Date): Omit<Account, 'id' | 'updatedAt' | 'fieldStamps'> {
  const today = now.toISOString().slice(0, 10);
  const contractStart = row.contractStart ?? (row.renewalDate ? addYears(row.renewalDate, -1) : today);
  const renewalDate = row.renewalDate ?? addYears(contractStart, 1);
  return {
    ownerId: owner.ownerId,
    teamId: owner.teamId,
    externalId: row.externalId,
    name: row.name,
    domain: row.domain ?? '',
    industry: row.industry ?? '',
    region: row.region ?? '',
    tier: row.tier ?? 'SMB',
    status: row.status ?? 'active',
    lifecycleStage: row.lifecycleStage ?? inferLifecycleStage(contractStart, renewalDate, now),
    ownerName: row.ownerName ?? owner.ownerName,
    plan: row.plan ?? '',
    seatsPurchased: row.seatsPurchased ?? 0,
    seatsActive: row.seatsActive ?? 0,
    mrr: row.mrr ?? 0,
    contractStart,
    renewalDate,
    createdAt: row.createdAt ?? now.toISOString(),
  };
}
