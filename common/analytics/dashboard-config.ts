import { z } from 'zod';
import { sliceSchema } from './slices';

export const TIME_RANGES = ['last-30-days', 'this-quarter', 'last-quarter', 'last-6-months', 'last-12-months'] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

/**
 * A dashboard configuration a team lead saves and shares through sync: the slice, the time range and the targets the
 * goal KPI reads. Stored in teamsettings as `<teamId>:dashboard:<id>` (kind 'dashboard') and validated when read.
 */
export const dashboardConfigSchema = z.object({
  name: z.string().trim().min(1).max(100),
  timeRange: z.enum(TIME_RANGES).default('this-quarter'),
  slice: sliceSchema.default({ tiers: [], ownerIds: [], regions: [], segmentId: null }),
  targets: z
    .object({
      /** Expansion ARR the team aims for per quarter (the "% of goal" KPI). */
      quarterlyExpansionArr: z.number().finite().nonnegative().max(1e12).nullable().default(null),
    })
    .default({ quarterlyExpansionArr: null }),
});
export type DashboardConfig = z.infer<typeof dashboardConfigSchema>;

export const DEFAULT_DASHBOARD_CONFIG: DashboardConfig = {
  name: 'Team dashboard',
  timeRange: 'this-quarter',
  slice: { tiers: [], ownerIds: [], regions: [], segmentId: null },
  targets: { quarterlyExpansionArr: null },
};

export function dashboardSettingId(teamId: string, id: string): string {
  return `${teamId}:dashboard:${id}`;
}

/** A stored configuration, or the reason it cannot be used (which field, what is wrong). */
export function parseDashboardConfig(value: unknown): { ok: true; config: DashboardConfig } | { ok: false; error: string } {
  const parsed = dashboardConfigSchema.safeParse(value);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, error: `Shared dashboard configuration: ${issue.path.join('.') || '(value)'}: ${issue.message}` };
}
