import type { FeatureManifest } from '../feature-manifest';

// No page of its own: the account workbench shows the notes panel on a team book.
export const sharedNotesFeature: FeatureManifest = { id: 'shared-notes' };
