import type { FeatureManifest } from '../feature-manifest';
import { AccountsPage } from './AccountsPage';

// The Accounts grid is the first screen, so it ships in the initial bundle (every other page loads when first visited).
export const accountsGridFeature: FeatureManifest = {
  id: 'accounts-grid',
  route: { path: '/accounts', page: AccountsPage },
  nav: { path: '/accounts', label: 'Accounts', shortcut: '2' },
};
