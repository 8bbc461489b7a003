import type { IsoDate } from '../model';
import type { OutpostDatabase } from '../db/create-database';
import type { DigestLedger } from '../intelligence/digests-along-writes';

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
  /** How far the feature digests stored with the history go (absent: none are, or the fill gave them up). */
  digests?: DigestLedger;
}

export const demoFillComplete = (state: DemoFillState): boolean => state.accountsWritten && state.historyWritten >= state.accounts;

/**
 * The fill preference as stored, read from the storage itself: BookLoader's check on every start, which then makes no
 * RxDocument (the first one of a collection builds its document prototype, tens of ms before the grid could show).
 */
export async function readDemoFillState(db: Pick<OutpostDatabase, 'preferences'>): Promise<DemoFillState | undefined> {
  const [stored] = await db.preferences.storageInstance.findDocumentsById([DEMO_FILL_ID], false);
  return stored?.value as DemoFillState | undefined;
}
