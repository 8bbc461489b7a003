import { stampNew } from '../db/stamp-writes';
import { annualRecurringRevenue, daysToRenewal } from '../model/derived-fields';
import type { Account, Activity, Alert, CalendarProviderKind, MeetingAttendee, MeetingType, RiskAssessment } from '../model';
import { MEETING_TYPE_LABELS } from './types';
import type { Interval } from './types';

export interface AgendaFacts {
  account: Pick<Account, 'name' | 'renewalDate' | 'mrr' | 'seatsActive' | 'seatsPurchased'>;
  assessment?: Pick<RiskAssessment, 'health' | 'healthBand' | 'risk' | 'riskFactors'> | null | undefined;
  openAlerts?: readonly Pick<Alert, 'title'>[];
  /** Open tasks, when the tasks feature provides them (titles). */
  openTasks?: readonly string[];
  today: string;
}

/** A first agenda drafted from what Outpost knows of the account: health, risks, open tasks, renewal. */
export function draftAgenda(meetingType: MeetingType, facts: AgendaFacts): string {
  const { account, assessment } = facts;
  const lines = [`${MEETING_TYPE_LABELS[meetingType]} with ${account.name}`, ''];
  lines.push('Agenda');
  lines.push('1. Goals and outcomes since we last met');
  if (assessment && assessment.health !== null) {
    const risk = assessment.risk === null ? '' : `, churn risk ${assessment.risk}/100`;
    lines.push(`2. Health: ${assessment.health}/100 (${assessment.healthBand})${risk}`);
  } else lines.push('2. Health: not scored yet');
  const risks = [...(assessment?.riskFactors ?? []).filter((f) => f.points > 0).slice(0, 3).map((f) => f.text), ...(facts.openAlerts ?? []).map((a) => a.title)];
  lines.push(`3. Risks: ${risks.length > 0 ? risks.join('; ') : 'none flagged'}`);
  lines.push(`4. Open tasks: ${facts.openTasks && facts.openTasks.length > 0 ? facts.openTasks.join('; ') : 'none'}`);
  const days = daysToRenewal(account.renewalDate, facts.today);
  const arr = annualRecurringRevenue(account.mrr).toLocaleString('en-US');
  lines.push(`5. Renewal: ${account.renewalDate}${days === null ? '' : ` (in ${days} days)`}, ARR $${arr}; seats ${account.seatsActive}/${account.seatsPurchased}`);
  lines.push('6. Next steps and owners');
  return lines.join('\n');
}

export interface BookingRequest {
  id: string;
  account: Pick<Account, 'id' | 'name' | 'ownerId' | 'teamId'>;
  meetingType: MeetingType;
  slot: Interval;
  timeZone: string;
  attendees: MeetingAttendee[];
  agenda: string;
  actorName: string;
  /** The calendar the meeting goes to; absent = kept in Outpost only. */
  provider?: CalendarProviderKind | undefined;
  now?: Date;
}

/** The activity a booking writes: a meeting (type `qbr` for QBRs) with its schedule, queued for the calendar. */
export function meetingActivity(request: BookingRequest): Activity {
  const now = (request.now ?? new Date()).toISOString();
  return stampNew({
    id: request.id,
    ownerId: request.account.ownerId,
    teamId: request.account.teamId,
    externalId: '',
    accountId: request.account.id,
    type: request.meetingType === 'qbr' ? ('qbr' as const) : ('meeting' as const),
    occurredAt: new Date(request.slot.start).toISOString(),
    subject: `${MEETING_TYPE_LABELS[request.meetingType]}: ${request.account.name}`,
    body: request.agenda,
    actorName: request.actorName,
    result: 'Booked',
    schedule: {
      meetingType: request.meetingType,
      start: new Date(request.slot.start).toISOString(),
      end: new Date(request.slot.end).toISOString(),
      timeZone: request.timeZone,
      attendees: request.attendees,
      status: 'booked' as const,
      editedAt: now,
      ...(request.provider ? { calendar: { provider: request.provider, eventId: '', etag: '', state: 'pending' as const } } : {}),
    },
  });
}
