import { z } from 'zod';
import type { Account } from '../model';

/** Which part of the book a chart shows; empty = all. Time is the console's range, not part of the slice. */
export const sliceSchema = z.object({
  tiers: z.array(z.string().max(100)).max(20).default([]),
  ownerIds: z.array(z.string().max(200)).max(500).default([]),
  regions: z.array(z.string().max(100)).max(200).default([]),
  /** A segment (when segments exist): its id; the accounts in it are passed to `sliceAccounts`. */
  segmentId: z.string().max(200).nullable().default(null),
});
export type Slice = z.infer<typeof sliceSchema>;

export const ALL_OF_THE_BOOK: Slice = { tiers: [], ownerIds: [], regions: [], segmentId: null };

/** The accounts in the slice. `segmentAccountIds` are the members of `slice.segmentId` (ignored without one). */
export function sliceAccounts(accounts: readonly Account[], slice: Slice, segmentAccountIds: ReadonlySet<string> | null = null): readonly Account[] {
  const tiers = slice.tiers.length ? new Set(slice.tiers) : null;
  const owners = slice.ownerIds.length ? new Set(slice.ownerIds) : null;
  const regions = slice.regions.length ? new Set(slice.regions) : null;
  const segment = slice.segmentId !== null ? segmentAccountIds : null;
  if (!tiers && !owners && !regions && !segment) return accounts;
  return accounts.filter(
    (a) => (!tiers || tiers.has(a.tier)) && (!owners || owners.has(a.ownerId)) && (!regions || regions.has(a.region)) && (!segment || segment.has(a.id)),
  );
}

/** The values a slice can choose from in this book. */
export function sliceOptions(accounts: readonly Account[]): { tiers: string[]; owners: { id: string; name: string }[]; regions: string[] } {
  const tiers = new Set<string>();
  const owners = new Map<string, string>();
  const regions = new Set<string>();
  for (const a of accounts) {
    tiers.add(a.tier);
    if (!owners.has(a.ownerId)) owners.set(a.ownerId, a.ownerName || a.ownerId);
    if (a.region) regions.add(a.region);
  }
  return {
    tiers: [...tiers].sort(),
    owners: [...owners].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    regions: [...regions].sort(),
  };
}
