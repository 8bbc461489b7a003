import type { ArrivalNotice } from '../../common/sync/wire-contract';

type Listener = (notice: ArrivalNotice) => void;

/**
 * Notices for a person's open live streams (wire-contract.ts, ArrivalNotice): the bulk re-assignment route announces
 * what it is about to move to someone, and each of that person's streams passes the notice on.
 */
export class ArrivalNotices {
  private readonly listeners = new Map<string, Set<Listener>>();

  /** A stream of `userId` follows their notices; returns the unsubscribe function. */
  subscribe(userId: string, listener: Listener): () => void {
    const own = this.listeners.get(userId) ?? new Set<Listener>();
    own.add(listener);
    this.listeners.set(userId, own);
    return () => {
      own.delete(listener);
      if (own.size === 0 && this.listeners.get(userId) === own) this.listeners.delete(userId);
    };
  }

  announce(userId: string, notice: ArrivalNotice): void {
    for (const listener of this.listeners.get(userId) ?? []) listener(notice);
  }
}
