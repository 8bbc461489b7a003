import { useEffect, useState } from 'react';
import { map, type Observable } from 'rxjs';
import type { CalendarSource } from '../../../../../common/calendar/event-cache';
import type { RemoteEvent } from '../../../../../common/calendar/provider';
import type { Activity } from '../../../../../common/model';
import { useDatabase } from '../../db/database-context';

/** The latest value of a live query (undefined until it first emits). */
function useLive<T>(create: () => Observable<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<{ current: T }>();
  useEffect(() => {
    const subscription = create().subscribe((next) => setValue({ current: next }));
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what `create` depends on
  }, deps);
  return value?.current;
}

/** Meetings booked through Outpost (activities with a schedule), live. */
export function useMeetings(): Activity[] | undefined {
  const db = useDatabase();
  return useLive(
    () => db.activities.find({ selector: { schedule: { $exists: true } } as never }).$.pipe(map((docs) => docs.map((d) => d.toJSON() as Activity))),
    [db],
  );
}

/** The cached events of every connected or imported calendar, live. */
export function useCachedEvents(): (RemoteEvent & { source: string })[] | undefined {
  const db = useDatabase();
  return useLive(
    () =>
      db.activities.getLocal$<{ sources: CalendarSource[] }>('calendar-cache').pipe(
        map((doc) => ((doc?.toJSON().data as { sources?: CalendarSource[] } | undefined)?.sources ?? []).flatMap((s) => s.events.map((e) => ({ ...e, source: s.label })))),
      ),
    [db],
  );
}
