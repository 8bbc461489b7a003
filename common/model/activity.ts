import type { MeetingSchedule } from './meeting-schedule';
import type { IsoDateTime, SyncFields } from './sync-fields';

export const ACTIVITY_TYPES = ['email', 'call', 'meeting', 'qbr', 'note', 'support_ticket', 'nps'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const TICKET_SEVERITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type TicketSeverity = (typeof TICKET_SEVERITIES)[number];

/** Everything that happened with an account, newest first on the timeline. */
export interface Activity extends SyncFields {
  /** Id in the source system, when imported; empty for activities created in Outpost. */
  externalId: string;
  accountId: string;
  type: ActivityType;
  occurredAt: IsoDateTime;
  subject: string;
  body: string;
  /** Who logged or performed it. */
  actorName: string;
  /** Outcome as the seed's "Result" column shows it, e.g. "Connected", "Resolved", "Promoter". */
  result: string;
  /** Support tickets only. */
  ticket?: {
    severity: TicketSeverity;
    status: 'open' | 'closed';
    closedAt?: IsoDateTime;
    /** How it was resolved, as the help desk says it. */
    resolution?: string;
    /** Minutes from opening to resolution, as the help desk measured them (business hours or not). */
    resolutionMinutes?: number;
    /** The requester's satisfaction rating, 1 (bad) to 5 (good). */
    csat?: number;
    escalated?: boolean;
  };
  /** NPS responses only: 0-10. */
  npsScore?: number;
  /** The import batch that last wrote this activity (see common/import/commit-plan.ts); absent when none did. */
  importBatch?: string;
  /** Meetings scheduled through Outpost (activities v1): when, with whom, and the external calendar link. */
  schedule?: MeetingSchedule;
}
