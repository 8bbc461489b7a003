/**
 * Every open long-lived connection (live sync streams, Yjs note sockets) with the person and session it was opened
 * for. A change to what a person may see (role, team, shares, disabling, deletion) or the end of a session closes
 * theirs at once; the client reconnects and is checked afresh (and its next pull sends the tombstones and newly
 * visible documents, see sync-server/sync/access-rescan.ts). A connection also closes when its access token expires.
 */
export interface LiveConnection {
  userId: string;
  sessionId: string;
  kind: 'stream' | 'notes';
  /** Ends the connection (idempotent). */
  close(reason: string): void;
}

export class LiveConnections {
  private readonly byUser = new Map<string, Set<LiveConnection>>();
  /** A counter of `end` calls, and its value at each person's last one (bounded by the number of people). */
  private ends = 0;
  private readonly lastEnd = new Map<string, number>();

  /**
   * A mark to take before checking a connection's access; `endedSince(userId, mark)` then says whether the person's
   * connections were ended meanwhile (a connection registered after the check would otherwise miss that change).
   */
  mark(): number {
    return this.ends;
  }

  endedSince(userId: string, mark: number): boolean {
    return (this.lastEnd.get(userId) ?? -1) >= mark;
  }

  /** Registers a connection until `expiresAt` (epoch ms); returns the function that unregisters it. */
  add(connection: LiveConnection, expiresAt: number): () => void {
    const set = this.byUser.get(connection.userId) ?? new Set();
    set.add(connection);
    this.byUser.set(connection.userId, set);
    const timer = setTimeout(() => connection.close('access token expired'), Math.max(0, Math.min(expiresAt - Date.now(), 2 ** 31 - 1)));
    timer.unref();
    return () => {
      clearTimeout(timer);
      set.delete(connection);
      if (set.size === 0 && this.byUser.get(connection.userId) === set) this.byUser.delete(connection.userId);
    };
  }

  count(userId: string, kind: LiveConnection['kind']): number {
    return [...(this.byUser.get(userId) ?? [])].filter((connection) => connection.kind === kind).length;
  }

  /** Closes every connection of the person, or only those of one session. */
  end(userId: string, reason: string, sessionId?: string): void {
    this.lastEnd.set(userId, this.ends);
    this.ends += 1;
    for (const connection of [...(this.byUser.get(userId) ?? [])]) {
      if (sessionId === undefined || connection.sessionId === sessionId) connection.close(reason);
    }
  }

  endAll(reason: string): void {
    for (const userId of [...this.byUser.keys()]) this.end(userId, reason);
  }
}
