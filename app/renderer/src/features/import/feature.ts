import type { FeatureManifest } from '../feature-manifest';

// No page of its own: the Accounts grid opens the import dialog.
export const importFeature: FeatureManifest = { id: 'import' };
