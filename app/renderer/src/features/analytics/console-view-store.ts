import { create } from 'zustand';
import type { TimeRange } from '../../../../../common/analytics/dashboard-config';
import { ALL_OF_THE_BOOK, type Slice } from '../../../../../common/analytics/slices';

/** The console's time range and slice, kept while the person moves between the console and its print layout. */
interface ConsoleViewState {
  timeRange: TimeRange;
  slice: Slice;
  /** Whether the person changed them; until then the shared dashboard configuration's apply. */
  touched: boolean;
  set(change: Partial<Pick<ConsoleViewState, 'timeRange' | 'slice'>>): void;
}

export const useConsoleView = create<ConsoleViewState>((set) => ({
  timeRange: 'last-12-months',
  slice: ALL_OF_THE_BOOK,
  touched: false,
  set: (change) => set({ ...change, touched: true }),
}));
