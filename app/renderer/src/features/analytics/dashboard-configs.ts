import { useEffect } from 'react';
import { create } from 'zustand';
import type { OutpostDatabase } from '../../../../../common/db/create-database';
import { stampChanges, stampNew } from '../../../../../common/db/stamp-writes';
import type { TeamSetting } from '../../../../../common/model';
import {
  DEFAULT_DASHBOARD_CONFIG,
  dashboardSettingId,
  parseDashboardConfig,
  type DashboardConfig,
} from '../../../../../common/analytics/dashboard-config';
import { useDatabase } from '../../db/database-context';
import { LOCAL_USER } from '../../session/local-user';
import { useSyncSession } from '../../session/session-store';
import { currentTeamId } from '../scoring/team-settings';

export type SharedDashboard = { id: string; config: DashboardConfig; updatedBy: string } | { id: string; error: string };

interface DashboardConfigsState {
  shared: readonly SharedDashboard[];
  /** The configuration this device shows (kept on the device); null = the default one. */
  selectedId: string | null;
  select(id: string | null): void;
}

const SELECTED_KEY = 'outpost.dashboard-config';

export const useDashboardConfigs = create<DashboardConfigsState>((set) => ({
  shared: [],
  selectedId: localStorage.getItem(SELECTED_KEY),
  select(id) {
    if (id === null) localStorage.removeItem(SELECTED_KEY);
    else localStorage.setItem(SELECTED_KEY, id);
    set({ selectedId: id });
  },
}));

let bound: OutpostDatabase | null = null;

/** The team's shared dashboard configurations (teamsettings kind 'dashboard'), each validated as it is read. */
export function useSharedDashboards(): DashboardConfigsState {
  const db = useDatabase();
  useEffect(() => {
    if (bound === db) return;
    bound = db;
    db.teamsettings.find({ selector: { kind: 'dashboard' } }).$.subscribe((docs) => {
      const shared = docs.map((doc): SharedDashboard => {
        const parsed = parseDashboardConfig(doc.value);
        const id = doc.id.split(':dashboard:')[1] ?? doc.id;
        return parsed.ok ? { id, config: parsed.config, updatedBy: doc.updatedBy } : { id, error: parsed.error };
      });
      useDashboardConfigs.setState({ shared });
    });
  }, [db]);
  return useDashboardConfigs();
}

/** The configuration in effect: the selected shared one when it is valid, else the default. */
export function useActiveDashboardConfig(): { id: string | null; config: DashboardConfig } {
  const { shared, selectedId } = useSharedDashboards();
  const found = shared.find((s) => s.id === selectedId);
  return found && 'config' in found ? { id: found.id, config: found.config } : { id: null, config: DEFAULT_DASHBOARD_CONFIG };
}

/** `Weekly review` → `weekly-review`: the configuration's id within the team. */
export function dashboardIdFor(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'dashboard';
}

/** Saves a configuration for the whole team (synced; the server lets only Admins and CS Managers write it). */
export async function saveSharedDashboard(db: OutpostDatabase, config: DashboardConfig): Promise<string> {
  const teamId = await currentTeamId(db);
  const id = dashboardIdFor(config.name);
  const docId = dashboardSettingId(teamId, id);
  const user = useSyncSession.getState().session?.user;
  const { ownerId, ownerName } = user ? { ownerId: user.id, ownerName: user.name } : LOCAL_USER;
  const value = config as unknown as Record<string, unknown>;
  const existing = await db.teamsettings.findOne(docId).exec();
  if (existing) await existing.incrementalPatch(stampChanges(existing.fieldStamps, { value, updatedBy: ownerName }) as Partial<TeamSetting>);
  else await db.teamsettings.insert(stampNew({ id: docId, ownerId, teamId, kind: 'dashboard' as const, value, updatedBy: ownerName }) as TeamSetting);
  return id;
}
