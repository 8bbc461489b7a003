import { ACCOUNT_TIERS, PRODUCT_FEATURES, type AccountTier, type ProductFeature } from '../model';
import {
  COMPANY_SUFFIXES,
  CSM_DIRECTORY,
  DOMAIN_TLDS,
  FEATURE_PROFILES,
  INDUSTRIES,
  NAME_FIRST_WORDS,
  NAME_QUALIFIERS,
  NAME_SECOND_WORDS,
  REGIONS,
  TIER_PROFILES,
} from './catalogue';
import { deriveSeed, Random } from '../random/seeded-random';

/** Who an account is and what it bought: everything about it that does not depend on how it is doing. */
export interface AccountProfile {
  index: number;
  id: string;
  externalId: string;
  name: string;
  domain: string;
  industry: string;
  region: string;
  tier: AccountTier;
  plan: string;
  /** Net price per seat per month after discount. */
  seatPrice: number;
  seats: number;
  ownerId: string;
  ownerName: string;
  billing: 'monthly' | 'quarterly';
  /** Days the account has been a customer at asOf. */
  tenureDays: number;
  /** Product features this account uses at all. */
  features: ProductFeature[];
}

export interface CsmOwner {
  ownerId: string;
  ownerName: string;
}

/** The 5-8 CSMs who own this book; depends on the seed only. */
export function csmRoster(seed: number): CsmOwner[] {
  const size = 5 + (deriveSeed(seed, 0x0c5) % 4);
  return CSM_DIRECTORY.slice(0, size).map((ownerName) => ({ ownerName, ownerId: `csm-${slugify(ownerName, '-')}` }));
}

export function accountId(index: number): string {
  return `acct-${String(index).padStart(6, '0')}`;
}

export function drawProfile(rng: Random, seed: number, index: number, roster: readonly CsmOwner[]): AccountProfile {
  const tier = rng.weighted(ACCOUNT_TIERS.map((t) => [t, TIER_PROFILES[t].weight] as const));
  const profile = TIER_PROFILES[tier];
  const [planName, listPrice] = rng.pick(profile.plans);
  const discount = Math.round(rng.float(0, profile.maxDiscount) * 20) / 20;
  const { name, domain } = companyName(seed, index, rng);
  const owner = rng.pick(roster);
  const isNew = rng.chance(0.12);
  return {
    index,
    id: accountId(index),
    externalId: `CRM-${String(index + 1).padStart(7, '0')}`,
    name,
    domain,
    industry: rng.pick(INDUSTRIES),
    region: rng.weighted(REGIONS),
    tier,
    plan: planName,
    seatPrice: listPrice * (1 - discount),
    seats: Math.round(rng.logUniform(profile.seats[0], profile.seats[1])),
    ownerId: owner.ownerId,
    ownerName: owner.ownerName,
    billing: rng.chance(profile.monthlyBillingShare) ? 'monthly' : 'quarterly',
    tenureDays: isNew ? rng.int(14, 330) : rng.int(380, 6 * 365),
    features: PRODUCT_FEATURES.filter((feature) => rng.chance(FEATURE_PROFILES[feature].adoption[tier])),
  };
}

export function mrrFor(seats: number, seatPrice: number): number {
  return Math.max(1, Math.round(seats * seatPrice));
}

/**
 * Company names come from a seeded permutation of word pairs, so the first ~40,000 accounts of a book have distinct
 * names (and domains) without any account needing to know the others.
 */
function companyName(seed: number, index: number, rng: Random): { name: string; domain: string } {
  const pairs = NAME_FIRST_WORDS.length * NAME_SECOND_WORDS.length;
  const round = Math.floor(index / pairs);
  const slot = permute(index % pairs, pairs, seed);
  const first = NAME_FIRST_WORDS[slot % NAME_FIRST_WORDS.length]!;
  const second = NAME_SECOND_WORDS[Math.floor(slot / NAME_FIRST_WORDS.length)]!;
  const qualifier =
    round === 0
      ? ''
      : round <= NAME_QUALIFIERS.length
        ? NAME_QUALIFIERS[round - 1]!
        : `${NAME_QUALIFIERS[(round - 1) % NAME_QUALIFIERS.length]!} ${Math.ceil(round / NAME_QUALIFIERS.length)}`;
  const base = [first, second, qualifier].filter(Boolean).join(' ');
  const suffix = rng.pick(COMPANY_SUFFIXES);
  return {
    name: suffix ? `${base} ${suffix}` : base,
    domain: `${slugify(base, '')}${rng.pick(DOMAIN_TLDS)}`,
  };
}

/** A bijection on [0, size): an affine map with a multiplier coprime to size, chosen by the seed. */
function permute(value: number, size: number, seed: number): number {
  let multiplier = (deriveSeed(seed, 0x9a3e) % (size - 1)) + 1;
  while (gcd(multiplier, size) !== 1) multiplier += 1;
  const offset = deriveSeed(seed, 0x0ff5) % size;
  return (multiplier * value + offset) % size;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export function slugify(text: string, separator: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/ /g, separator);
}
