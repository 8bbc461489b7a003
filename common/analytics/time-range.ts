import type { IsoDate } from '../model';
import { addMonths, dayBefore, firstDayOf, monthOf, previousQuarter, quarterOf, type IsoMonth } from './calendar';
import type { TimeRange } from './dashboard-config';

export interface DateRange {
  start: IsoDate;
  end: IsoDate;
  /** The calendar months the range touches (for monthly charts). */
  fromMonth: IsoMonth;
  toMonth: IsoMonth;
  label: string;
}

/** The dates a time-range choice stands for, as of `today`. Retention runs from the close of the day before `start`. */
export function resolveTimeRange(range: TimeRange, today: IsoDate): DateRange {
  const make = (start: IsoDate, end: IsoDate, label: string): DateRange => ({ start, end, fromMonth: monthOf(start), toMonth: monthOf(end), label });
  switch (range) {
    case 'last-30-days': {
      let start = today;
      for (let i = 0; i < 29; i++) start = dayBefore(start);
      return make(start, today, 'Last 30 days');
    }
    case 'this-quarter': {
      const q = quarterOf(today);
      return make(q.start, today, `${q.label} to date`);
    }
    case 'last-quarter': {
      const q = previousQuarter(today);
      return make(q.start, q.end, q.label);
    }
    case 'last-6-months':
      return make(firstDayOf(addMonths(monthOf(today), -5)), today, 'Last 6 months');
    case 'last-12-months':
      return make(firstDayOf(addMonths(monthOf(today), -11)), today, 'Last 12 months');
  }
}

