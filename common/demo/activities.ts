import { type Activity, type ActivityType, type Contact, type TicketSeverity } from '../model';
import type { AccountSimulation } from './account-simulation';
import type { BookWindow } from './book-window';
import { SUPPORT_AGENTS, TIER_PROFILES } from './catalogue';
import { dayToIsoDate, dayToIsoDateTime } from './demo-dates';
import type { Random } from '../random/seeded-random';
import { npsCategory, npsComment, ROUTINE_TEMPLATES, type RoutineType, TICKET_SUBJECTS } from './story-text';
import { withSyncFields } from './sync-stamp';

export const MIN_ACTIVITIES = 15;
export const MAX_ACTIVITIES = 40;

interface Draft {
  day: number;
  type: ActivityType;
  subject: string;
  body: string;
  actorName: string;
  result: string;
  ticket?: { severity: TicketSeverity; status: 'open' | 'closed'; closedAt?: string };
  npsScore?: number;
}

/**
 * The account's timeline inside the window: support tickets (a cluster where a ticket spike drives the story), NPS
 * responses, CSM touches about the drivers (departed champion, failed payments, renewal talks), and routine emails,
 * calls, meetings, QBRs and notes topping it up to 15-40 entries.
 */
export function buildActivities(sim: AccountSimulation, contacts: readonly Contact[], window: BookWindow, rng: Random): Activity[] {
  const { profile, renewal } = sim;
  const csm = profile.ownerName;
  const firstDay = Math.max(window.windowStartDay, sim.customerSinceDay);
  const lastDay = sim.churnDay ?? window.asOfDay;
  const inWindow = (day: number) => day >= window.windowStartDay && day <= window.asOfDay;
  const activeContact = (day: number) =>
    contacts.find((c) => c.role === 'champion' && (c.departedOn === undefined || c.departedOn > dayToIsoDate(day))) ??
    contacts.find((c) => c.role === 'executive_sponsor')!;
  const drafts: Draft[] = [];
  const ticket = (day: number, severity: TicketSeverity) => {
    const closedDay = day + (severity === 'low' || severity === 'medium' ? rng.int(1, 12) : rng.int(1, 6));
    const closed = closedDay <= window.asOfDay;
    drafts.push({
      day,
      type: 'support_ticket',
      subject: rng.pick(TICKET_SUBJECTS[severity]),
      body: `Reported by ${activeContact(day).name}. Severity ${severity}.`,
      actorName: rng.pick(SUPPORT_AGENTS),
      result: closed ? 'Resolved' : 'Open',
      ticket: closed
        ? { severity, status: 'closed', closedAt: dayToIsoDateTime(closedDay, rng.int(600, 1300)) }
        : { severity, status: 'open' },
    });
  };

  const months = Math.max(0, lastDay - firstDay) / 30.4;
  const baselineTickets = Math.min(10, rng.poisson(TIER_PROFILES[profile.tier].ticketsPerMonth * months));
  for (let t = 0; t < baselineTickets; t += 1) {
    ticket(rng.int(firstDay, lastDay), rng.weighted<TicketSeverity>([['low', 45], ['medium', 40], ['high', 12], ['urgent', 3]]));
  }

  for (const { drivers } of sim.epochs) {
    const spike = drivers.ticketSpike;
    if (spike) {
      for (let t = 0; t < spike.count; t += 1) {
        const day = rng.int(spike.startDay, spike.endDay);
        if (inWindow(day)) ticket(day, rng.weighted<TicketSeverity>([['low', 10], ['medium', 30], ['high', 40], ['urgent', 20]]));
      }
      const reviewDay = Math.min(spike.endDay + rng.int(1, 7), lastDay);
      if (inWindow(reviewDay)) {
        drafts.push({ day: reviewDay, type: 'call', subject: 'Escalation review', body: `Reviewed ${spike.count} recent escalated tickets with the customer.`, actorName: csm, result: 'Connected' });
      }
    }
    if (drivers.nps && inWindow(drivers.nps.day)) {
      const { day, score } = drivers.nps;
      drafts.push({ day, type: 'nps', subject: `NPS response: ${score}`, body: npsComment(score), actorName: activeContact(day).name, result: npsCategory(score), npsScore: score });
    }
    const left = drivers.championDepartedOn;
    if (left !== undefined && inWindow(left)) {
      const departed = contacts.find((c) => c.role === 'champion' && c.departedOn === dayToIsoDate(left));
      const noteDay = Math.min(left + rng.int(0, 10), window.asOfDay);
      drafts.push({ day: noteDay, type: 'note', subject: 'Champion left the company', body: `${departed?.name ?? 'Our champion'} has left ${profile.name}. Need a new champion.`, actorName: csm, result: 'Risk flagged' });
    }
  }

  const billing = contacts.find((c) => c.role === 'billing');
  for (const failure of sim.paymentFailures) {
    const day = failure.failureDays[0]!;
    if (inWindow(day)) {
      drafts.push({ day, type: 'email', subject: 'Payment failed: please update billing details', body: `Sent to ${billing?.name ?? 'billing contact'} after the invoice payment failed.`, actorName: csm, result: failure.paidDay === undefined ? 'No reply' : 'Replied' });
    }
  }

  if (renewal) {
    const talkDay = renewal.day - rng.int(20, 60);
    if (inWindow(talkDay)) {
      drafts.push({ day: talkDay, type: 'call', subject: 'Renewal discussion', body: `Discussed the upcoming renewal of ${renewal.seatsBefore} seats.`, actorName: csm, result: renewal.outcome === 'churn' ? 'At risk' : 'Positive' });
    }
    drafts.push({ day: renewal.day, type: 'note', subject: renewalNoteSubject(renewal.outcome), body: `Renewal outcome: ${renewal.outcome}. Seats ${renewal.seatsBefore} to ${renewal.seatsAfter}.`, actorName: csm, result: renewal.outcome });
  }
  if (sim.churnDay === undefined && sim.termEndDay - window.asOfDay <= 90) {
    const prepDay = window.asOfDay - rng.int(0, 10);
    if (prepDay >= firstDay) drafts.push({ day: prepDay, type: 'email', subject: 'Renewal preparation', body: `Renewal due ${dayToIsoDate(sim.termEndDay)}; proposed a review meeting.`, actorName: csm, result: 'Sent' });
  }

  addRoutineTouches(drafts, sim, firstDay, lastDay, rng);
  drafts.sort((a, b) => a.day - b.day);
  const owner = { ownerId: profile.ownerId, teamId: window.teamId };
  // Over the cap (rare: two ticket spikes plus a full year of QBRs) the oldest entries go; recent signals matter most.
  return drafts.slice(-MAX_ACTIVITIES).map((draft, n) =>
    withSyncFields(
      {
        id: `${profile.id}:act-${n + 1}`,
        externalId: `${profile.externalId}-A${n + 1}`,
        accountId: profile.id,
        type: draft.type,
        occurredAt: dayToIsoDateTime(draft.day, rng.int(8 * 60, 18 * 60)),
        subject: draft.subject,
        body: draft.body,
        actorName: draft.actorName,
        result: draft.result,
        ...(draft.ticket ? { ticket: draft.ticket } : {}),
        ...(draft.npsScore === undefined ? {} : { npsScore: draft.npsScore }),
      },
      owner,
      window.stamp,
    ),
  );
}

function renewalNoteSubject(outcome: string): string {
  switch (outcome) {
    case 'churn':
      return 'Customer did not renew';
    case 'expansion':
      return 'Renewed with expansion';
    case 'contraction':
      return 'Renewed with fewer seats';
    default:
      return 'Renewed';
  }
}

/** QBRs by tier, then emails, calls, meetings and notes, until the timeline has its target size. */
function addRoutineTouches(drafts: Draft[], sim: AccountSimulation, firstDay: number, lastDay: number, rng: Random): void {
  const csm = sim.profile.ownerName;
  const target = Math.min(MAX_ACTIVITIES, Math.max(MIN_ACTIVITIES, rng.int(16, 34)));
  const span = Math.max(1, lastDay - firstDay);
  const qbrs = Math.min(Math.round((TIER_PROFILES[sim.profile.tier].qbrsPerYear * span) / 365), 4);
  for (let q = 0; q < qbrs && drafts.length < MAX_ACTIVITIES; q += 1) {
    const day = firstDay + Math.floor(((q + 0.5) * span) / qbrs) + rng.int(-7, 7);
    drafts.push({ day: Math.min(lastDay, Math.max(firstDay, day)), type: 'qbr', subject: `Quarterly business review`, body: 'Reviewed adoption, outcomes and the success plan with the sponsor.', actorName: csm, result: 'Held' });
  }
  while (drafts.length < target) {
    const type = rng.weighted<RoutineType>([['email', 45], ['call', 25], ['meeting', 15], ['note', 15]]);
    const [subject, body] = rng.pick(ROUTINE_TEMPLATES[type]);
    const result =
      type === 'email' ? rng.pick(['Sent', 'Replied']) : type === 'call' ? rng.pick(['Connected', 'Connected', 'Left voicemail']) : type === 'meeting' ? 'Held' : 'Logged';
    drafts.push({ day: rng.int(firstDay, lastDay), type, subject, body, actorName: csm, result });
  }
}
