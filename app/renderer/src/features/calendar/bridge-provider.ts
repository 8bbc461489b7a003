import type { CalendarCallRequest, OutpostBridge } from '../../../../../common/bridge/channels';
import { CalendarProviderError, type CalendarProvider, type RemoteEvent, type SyncResult } from '../../../../../common/calendar/provider';

/**
 * The calendar provider as the page sees it: every call goes through the bridge to the host (Electron main, or the
 * browser host's Node server) where the Google or CalDAV provider runs. Failures come back as provider errors; an
 * unreachable host or "no calendar connected" counts as offline, so bookings stay queued.
 */
export function bridgeCalendarProvider(bridge: Pick<OutpostBridge, 'calendarCall'>): CalendarProvider {
  async function call<T>(request: CalendarCallRequest): Promise<T> {
    let result;
    try {
      result = await bridge.calendarCall(request);
    } catch (error) {
      throw new CalendarProviderError('offline', `The calendar cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (result.ok) return result.value as T;
    throw new CalendarProviderError(result.code === 'not_connected' ? 'offline' : result.code, result.message, result.status);
  }
  return {
    sync: (syncToken) => call<SyncResult>({ op: 'sync', ...(syncToken ? { syncToken } : {}) }),
    get: (eventId) => call<RemoteEvent | null>({ op: 'get', eventId }),
    create: (draft) => call<RemoteEvent>({ op: 'create', draft }),
    update: (eventId, draft, ifMatch) => call<RemoteEvent>({ op: 'update', eventId, draft, ...(ifMatch ? { ifMatch } : {}) }),
    cancel: (eventId, ifMatch) => call<void>({ op: 'cancel', eventId, ...(ifMatch ? { ifMatch } : {}) }),
  };
}
