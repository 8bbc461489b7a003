import type { IsoDate } from '../model';

/** The device-local preference that records how far filling the demo book has got (see fill-demo-book.ts). */
export const DEMO_FILL_ID = 'demo-book-fill';

/** What the fill preference holds. Kept apart from the fill itself so a cold start can check it without the generator. */
export interface DemoFillState {
  seed: number;
  accounts: number;
  asOf: IsoDate;
  teamId?: string;
  /** The book's causal story (absent: the demo story). */
  profile?: 'demo' | 'support-led';
  /** Every account document is stored. */
  accountsWritten: boolean;
  /** The history of accounts [0, historyWritten) is stored. */
  historyWritten: number;
}

export const demoFillComplete = (state: DemoFillState): boolean => state.accountsWritten && state.historyWritten >= state.accounts;
