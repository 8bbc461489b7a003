/**
 * The pushes RxDB has not yet recorded, and when the pull must go back over what arrived meanwhile.
 *
 * RxDB's downstream (replication-protocol/downstream.js) drops a master state that arrives for a document whose
 * local state differs from the master state it last recorded (a local write not yet recorded as pushed) and still
 * stores the checkpoint after it: it expects the push to meet that master state as a conflict. That holds for states
 * the server had when it decided the push, not for a change the server took after deciding it (another device's
 * write) and handed out before RxDB recorded the push's answer: the push met no conflict, the checkpoint is past the
 * change, and the device keeps its own version while the server and every other device hold the newer one. (RxDB
 * delays stream events while it pushes, but not during a resync pass, which pushes after every reconnect, nor pulls.)
 *
 * So: from the moment the push handler sends a document until RxDB has recorded the push's outcome in its meta
 * instance, a master state of that document handed to RxDB (stream event or pull page) may have been dropped. Once
 * recorded, the pull starts once from the checkpoint RxDB had stored when the push started: everything the server
 * took after it decided the push comes after that checkpoint, and RxDB now judges it against the recorded push.
 * Pure: the caller reports what happens and asks `pullFrom` which checkpoint the next pull starts from.
 */
export interface UnrecordedPushes<C> {
  /** The push handler sends these documents; `stored` is the pull checkpoint RxDB had stored just before. */
  sending(ids: readonly string[], stored: C | null): void;
  /** The push handler answered RxDB for these documents (accepted, or with the master state to adopt). */
  answered(ids: readonly string[]): void;
  /** Master states of these documents were handed to RxDB. */
  handedOut(ids: readonly string[]): void;
  /**
   * RxDB recorded the outcome of these documents' pushes (meta rows it writes after the answer). True when this
   * makes a pull from an earlier checkpoint due: the caller then has RxDB pull again (RESYNC).
   */
  recorded(ids: readonly string[]): boolean;
  /** Where the next pull starts: `requested` (RxDB's checkpoint), or once the checkpoint a due catch-up goes back to. */
  pullFrom(requested: C | null): C | null;
  /** Forgets everything (the replication was cancelled). */
  clear(): void;
  /** Documents sent and not yet recorded, for tests. */
  readonly unrecorded: number;
}

interface Entry<C> {
  /** The checkpoint stored when the document's first unrecorded push started, and the order it was taken in. */
  since: { checkpoint: C | null; order: number };
  answered: boolean;
  handedOut: boolean;
}

export function unrecordedPushes<C>(): UnrecordedPushes<C> {
  const entries = new Map<string, Entry<C>>();
  let taken = 0;
  /** The catch-up due: the earliest checkpoint (by when it was taken) of the pushes whose window saw a hand-out. */
  let due: { checkpoint: C | null; order: number } | null = null;
  return {
    sending(ids, stored) {
      const since = { checkpoint: stored, order: taken++ };
      for (const id of ids) {
        const entry = entries.get(id);
        // Sent again before the earlier push was recorded (a retry, or a write that raced the conflict's
        // resolution): the window stays open from the earlier start.
        if (entry) entry.answered = false;
        else entries.set(id, { since, answered: false, handedOut: false });
      }
    },
    answered(ids) {
      for (const id of ids) {
        const entry = entries.get(id);
        if (entry) entry.answered = true;
      }
    },
    handedOut(ids) {
      for (const id of ids) {
        const entry = entries.get(id);
        if (entry) entry.handedOut = true;
      }
    },
    recorded(ids) {
      let becameDue = false;
      for (const id of ids) {
        const entry = entries.get(id);
        // A meta row written before the answer belongs to an earlier push: this one is still open.
        if (!entry?.answered) continue;
        entries.delete(id);
        if (!entry.handedOut) continue;
        if (!due || entry.since.order < due.order) due = entry.since;
        becameDue = true;
      }
      return becameDue;
    },
    pullFrom(requested) {
      if (!due) return requested;
      const from = due.checkpoint;
      due = null;
      return from;
    },
    clear() {
      entries.clear();
      due = null;
    },
    get unrecorded() {
      return entries.size;
    },
  };
}
