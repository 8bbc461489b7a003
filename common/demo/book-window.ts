import { formatHlc } from '../clock/hlc';
import type { IsoDate } from '../model';
import { csmRoster, type CsmOwner } from './account-profile';
import { type CalendarMonth, dayToMs, monthsEndingAt, parseIsoDate } from './demo-dates';
import { type CausalStory, DEMO_STORY } from './drivers';
import { SUPPORT_LED_STORY } from './support-led-story';

/** The causal stories a generated book can tell: 'demo' (the shipped models' book) or 'support-led'. */
export const BOOK_PROFILES = { demo: DEMO_STORY, 'support-led': SUPPORT_LED_STORY } as const satisfies Record<string, CausalStory>;
export type BookProfile = keyof typeof BOOK_PROFILES;

export interface DemoBookParams {
  seed: number;
  accounts: number;
  /** The book's "today": usage ends here and renewals up to here have outcomes. */
  asOf: IsoDate;
  teamId?: string;
  /** Which causal story the book tells; 'demo' when absent. */
  profile?: BookProfile;
}

export const DEMO_TEAM_ID = 'team-demo';
export const USAGE_MONTHS = 12;
/** Days simulated before the visible window, so renewals early in the window have a full run-up behind them. */
export const LEAD_IN_DAYS = 150;

/** What every account of one book shares: its dates, owners and write stamp. */
export interface BookWindow {
  seed: number;
  asOfDay: number;
  /** First day of the oldest usage month. */
  windowStartDay: number;
  simStartDay: number;
  months: CalendarMonth[];
  teamId: string;
  roster: CsmOwner[];
  /** One HLC stamp for every generated document, derived from asOf so the output is deterministic. */
  stamp: string;
  story: CausalStory;
}

export function bookWindow(params: DemoBookParams): BookWindow {
  if (!Number.isInteger(params.accounts) || params.accounts < 0) {
    throw new Error(`Demo book: accounts must be a non-negative integer, got ${params.accounts}`);
  }
  if (!Number.isInteger(params.seed)) throw new Error(`Demo book: seed must be an integer, got ${params.seed}`);
  const asOfDay = parseIsoDate(params.asOf);
  const months = monthsEndingAt(asOfDay, USAGE_MONTHS);
  const windowStartDay = months[0]!.firstDay;
  return {
    seed: params.seed,
    asOfDay,
    windowStartDay,
    simStartDay: windowStartDay - LEAD_IN_DAYS,
    months,
    teamId: params.teamId ?? DEMO_TEAM_ID,
    roster: csmRoster(params.seed),
    stamp: formatHlc({ wallMs: dayToMs(asOfDay), counter: 0, node: 'demo' }),
    story: BOOK_PROFILES[params.profile ?? 'demo'],
  };
}
