import type { FeatureManifest } from '../feature-manifest';
import { AccountsPage } from './AccountsPage';

// The Accounts grid is the first screen, so it ships in the initial bundle (every other page loads when first visited).
// It is kept mounted: a CSM goes from the grid to an account and back all day, and finds the grid as they left it
// (sort, filters, selection, scroll) without it being built again.
export const accountsGridFeature: FeatureManifest = {
  id: 'accounts-grid',
  route: { path: '/accounts', page: AccountsPage, keep: true },
  nav: { path: '/accounts', label: 'Accounts', shortcut: '2' },
};
