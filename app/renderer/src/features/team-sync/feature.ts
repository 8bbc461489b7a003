import type { FeatureManifest } from '../feature-manifest';
import { TeamSyncProgress } from './TeamSyncProgress';
import { SyncStatusIndicator } from './SyncStatusIndicator';

// Sign-in lives in Settings (TeamSyncSection); opening the team replica is the shell's BookSwitch.
export const teamSyncFeature: FeatureManifest = { id: 'team-sync', navStatus: SyncStatusIndicator, progress: TeamSyncProgress };
