import { create } from 'zustand';
import { whenState } from './when-state';

/** How far filling the local book has got (the demo book on first start; a resumed fill after an interruption). */
export interface BookFillState {
  /** 'filling' while history is still being written behind the grid. */
  phase: 'idle' | 'filling' | 'complete' | 'failed';
  /** Accounts whose history is stored, of all accounts. */
  done: number;
  total: number;
  /** When this window started (or resumed) the fill, for the time left. */
  startedAt: number;
  startedDone: number;
  /** Before the grid opens on a first start: accounts stored of all (the history count above follows them). */
  accountsDone?: number;
  accountsTotal?: number;
  error?: string;
}

export const useBookFillStore = create<BookFillState>(() => ({ phase: 'idle', done: 0, total: 0, startedAt: 0, startedDone: 0 }));

/** Resolves when no fill is under way (scoring waits for the whole book before its first run). */
export function bookFilled(): Promise<void> {
  return whenState(useBookFillStore, (state) => state.phase !== 'filling');
}
