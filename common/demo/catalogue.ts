import type { AccountTier, ContactRole, ProductFeature } from '../model';

/** Word lists and tier economics the demo book is drawn from. */

export const NAME_FIRST_WORDS = [
  'Apex', 'Atlas', 'Aurora', 'Beacon', 'Birch', 'Blue', 'Bright', 'Cedar', 'Cobalt', 'Copper', 'Crimson', 'Delta',
  'Drift', 'Echo', 'Ember', 'Evergreen', 'Falcon', 'Fjord', 'Glacier', 'Golden', 'Granite', 'Harbor', 'Helix',
  'Horizon', 'Indigo', 'Iron', 'Jade', 'Juniper', 'Keystone', 'Kinetic', 'Lattice', 'Lumen', 'Maple', 'Meridian',
  'Nimbus', 'North', 'Nova', 'Onyx', 'Orchid', 'Pacific', 'Pioneer', 'Prairie', 'Quantum', 'Quarry', 'Redwood',
  'Ridge', 'Silver', 'Solar', 'Sterling', 'Summit', 'Tidal', 'Timber', 'Unity', 'Vector', 'Vertex', 'Willow',
  'Zenith', 'Alder', 'Basalt', 'Canyon', 'Harvest', 'Lakeside', 'Oakmont', 'Riverside',
] as const;

export const NAME_SECOND_WORDS = [
  'Analytics', 'Bio', 'Capital', 'Cloud', 'Data', 'Dynamics', 'Energy', 'Foods', 'Freight', 'Health', 'Insurance',
  'Labs', 'Learning', 'Logic', 'Logistics', 'Materials', 'Media', 'Motors', 'Networks', 'Partners', 'Pharma',
  'Retail', 'Robotics', 'Security', 'Software', 'Solutions', 'Studios', 'Systems', 'Ventures', 'Works', 'Medical',
  'Payments', 'Foundry', 'Mobility', 'Telecom', 'Hospitality', 'Realty', 'Brands', 'Outfitters', 'Aerospace',
] as const;

/** Third words used once the two-word names run out, so the first ~40,000 names are unique. */
export const NAME_QUALIFIERS = [
  'Group', 'Holdings', 'International', 'Global', 'Europe', 'Americas', 'Digital', 'Technologies', 'Industries',
  'Services', 'Collective', 'Worldwide',
] as const;

export const COMPANY_SUFFIXES = ['', '', '', 'Inc.', 'LLC', 'Corp.', 'Co.', 'Ltd.', 'GmbH'] as const;
export const DOMAIN_TLDS = ['.com', '.com', '.com', '.io', '.co', '.ai', '.net'] as const;

export const INDUSTRIES = [
  'Software', 'Financial Services', 'Healthcare', 'Manufacturing', 'Retail', 'Education', 'Logistics', 'Media',
  'Telecommunications', 'Energy', 'Insurance', 'Professional Services', 'Hospitality', 'Real Estate', 'Public Sector',
] as const;

export const REGIONS: readonly (readonly [string, number])[] = [
  ['North America', 50],
  ['EMEA', 28],
  ['APAC', 15],
  ['LATAM', 7],
];

export const CSM_DIRECTORY = [
  'Ava Chen', 'Marcus Reid', 'Priya Nair', 'Diego Alvarez', 'Hannah Okafor', 'Liam Novak', 'Sofia Rossi', 'Kenji Watanabe',
] as const;

export const SUPPORT_AGENTS = ['Jordan Lee', 'Sam Patel', 'Riley Morgan', 'Alex Kim', 'Taylor Brooks'] as const;

export const FIRST_NAMES = [
  'Olivia', 'Noah', 'Emma', 'James', 'Amelia', 'Lucas', 'Mia', 'Mateo', 'Isla', 'Ethan', 'Chloe', 'Daniel', 'Zara',
  'Omar', 'Leah', 'Ravi', 'Grace', 'Felix', 'Nina', 'Hugo', 'Aisha', 'Tomas', 'Elena', 'Yusuf', 'Clara', 'Arjun',
  'Maya', 'Jonas', 'Ingrid', 'Wei', 'Lena', 'Carlos', 'Fatima', 'Pierre', 'Sara', 'Kofi', 'Julia', 'Mei', 'David',
  'Anna',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Garcia', 'Müller', 'Brown', 'Singh', 'Kowalski', 'Nguyen', 'Martin', 'Rossi', 'Dubois',
  'Tanaka', 'Silva', 'Andersen', 'Cohen', 'Okoye', 'Fischer', 'Lopez', 'Patel', 'Wilson', 'Larsen', 'Kim', 'Moreau',
  'Haddad', 'Bauer', 'Ivanova', 'Costa', 'Murphy', 'Schmidt', 'Yamamoto', 'Walsh', 'Ahmed', 'Novak', 'Berg', 'Clarke',
  'Santos', 'Weber', 'Hughes', 'Reyes', 'Lindqvist',
] as const;

export const TITLES_BY_ROLE: Record<ContactRole, readonly string[]> = {
  champion: ['Director of Operations', 'Head of Analytics', 'Operations Manager', 'VP Customer Experience', 'Product Operations Lead'],
  executive_sponsor: ['VP of Operations', 'Chief Operating Officer', 'CTO', 'VP Engineering', 'Chief Revenue Officer'],
  admin: ['IT Administrator', 'Systems Administrator', 'Platform Admin', 'IT Manager'],
  user: ['Analyst', 'Team Lead', 'Specialist', 'Engineer', 'Coordinator', 'Account Manager'],
  billing: ['Accounts Payable Specialist', 'Finance Manager', 'Controller', 'Procurement Manager'],
};

export interface TierProfile {
  /** Share of the book. */
  weight: number;
  seats: readonly [number, number];
  /** Plan name and list price per seat per month (USD). */
  plans: readonly (readonly [string, number])[];
  maxDiscount: number;
  /** Share of accounts billed monthly; the rest quarterly. */
  monthlyBillingShare: number;
  contacts: readonly [number, number];
  /** Baseline support tickets per month. */
  ticketsPerMonth: number;
  /** QBRs in a year. */
  qbrsPerYear: number;
  /** Shift of the churn log-odds: small customers churn more easily. */
  churnBias: number;
}

export const TIER_PROFILES: Record<AccountTier, TierProfile> = {
  Enterprise: {
    weight: 15,
    seats: [300, 4000],
    plans: [['Enterprise', 69], ['Enterprise Plus', 89]],
    maxDiscount: 0.25,
    monthlyBillingShare: 0.05,
    contacts: [5, 8],
    ticketsPerMonth: 0.5,
    qbrsPerYear: 4,
    churnBias: -0.5,
  },
  'Mid-Market': {
    weight: 30,
    seats: [50, 300],
    plans: [['Growth', 45], ['Business', 59]],
    maxDiscount: 0.15,
    monthlyBillingShare: 0.3,
    contacts: [4, 6],
    ticketsPerMonth: 0.3,
    qbrsPerYear: 2,
    churnBias: 0,
  },
  SMB: {
    weight: 55,
    seats: [5, 50],
    plans: [['Starter', 25], ['Team', 39]],
    maxDiscount: 0,
    monthlyBillingShare: 0.8,
    contacts: [3, 5],
    ticketsPerMonth: 0.18,
    qbrsPerYear: 0,
    churnBias: 0.4,
  },
};

/** Feature events per active-user-day for an account that uses the feature; which tiers tend to adopt it. */
export const FEATURE_PROFILES: Record<ProductFeature, { perUserDay: number; adoption: Record<AccountTier, number> }> = {
  dashboards: { perUserDay: 3.2, adoption: { Enterprise: 0.98, 'Mid-Market': 0.95, SMB: 0.9 } },
  reports: { perUserDay: 1.1, adoption: { Enterprise: 0.9, 'Mid-Market': 0.8, SMB: 0.6 } },
  integrations: { perUserDay: 0.25, adoption: { Enterprise: 0.8, 'Mid-Market': 0.6, SMB: 0.35 } },
  automation: { perUserDay: 0.6, adoption: { Enterprise: 0.7, 'Mid-Market': 0.5, SMB: 0.25 } },
  api: { perUserDay: 4.5, adoption: { Enterprise: 0.75, 'Mid-Market': 0.4, SMB: 0.1 } },
  sso: { perUserDay: 0.9, adoption: { Enterprise: 0.95, 'Mid-Market': 0.45, SMB: 0.05 } },
};
