/**
 * The pushes RxDB has not yet recorded, and when the pull must go back over what arrived meanwhile.
 *
 * RxDB's downstream (replication-protocol/downstream.js) drops a master state that arrives for a document whose
 * local state differs from the master state it last recorded (a local write not yet recorded as pushed) and still
 * stores the checkpoint after it: it expects the push to meet that master state as a conflict. That holds for states
 * the server had when it decided the push, not for a change the server took after deciding it (another device's
 * write, or the history the server keeps on the pushed document) and handed out before RxDB recorded the push's
 * answer: the push met no conflict, the checkpoint is past the change, and the device keeps its own version while
 * the server and every other device hold the newer one. (RxDB holds stream events back while it pushes, but not
 * during a resync pass, which pushes after every reconnect, and never pulls.)
 *
 * So: from the moment the push handler sends a document until RxDB has recorded the push's outcome in its meta
 * instance, a master state of that document handed to RxDB (stream event or pull page) may have been dropped. If one
 * differs from the state RxDB records (the pushed one if accepted, else the master state the answer gave), the pull
 * starts once, after the record, from the checkpoint RxDB had stored when the push started: everything the server
 * took after deciding the push comes after that checkpoint, and RxDB now judges it against the recorded push. A
 * state equal to the recorded one (the server's echo of the device's own write, as a rule) loses nothing when dropped.
 * Pure: the caller reports what happens and asks `pullFrom` which checkpoint the next pull starts from.
 */
export interface UnrecordedPushes<C, D> {
  /** The push handler sends these documents; `stored` is the pull checkpoint RxDB had stored just before. */
  sending(docs: readonly D[], stored: C | null): void;
  /** The push handler answered RxDB: the states it will record for the documents sent (pushed or master). */
  answered(recordedStates: readonly D[]): void;
  /** Master states handed to RxDB. */
  handedOut(docs: readonly D[]): void;
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
  /** The state RxDB will record, once the push is answered. */
  answer: string | null;
  /** States handed out before the answer was known. */
  seen: string[];
  /** A state other than the recorded one was handed out. */
  atRisk: boolean;
}

/** `idOf` names a document, `stateOf` gives a key equal for equal documents (canonical JSON). */
export function unrecordedPushes<C, D>(idOf: (doc: D) => string, stateOf: (doc: D) => string): UnrecordedPushes<C, D> {
  const entries = new Map<string, Entry<C>>();
  let taken = 0;
  /** The catch-up due: the earliest checkpoint (by when it was taken) of the pushes whose window saw a hand-out. */
  let due: { checkpoint: C | null; order: number } | null = null;
  return {
    sending(docs, stored) {
      const since = { checkpoint: stored, order: taken++ };
      for (const doc of docs) {
        const entry = entries.get(idOf(doc));
        // Sent again before the earlier push was recorded (a retry, or a write that raced the conflict's
        // resolution): the window stays open from the earlier start.
        if (entry) entry.answer = null;
        else entries.set(idOf(doc), { since, answer: null, seen: [], atRisk: false });
      }
    },
    answered(recordedStates) {
      for (const doc of recordedStates) {
        const entry = entries.get(idOf(doc));
        if (!entry) continue;
        entry.answer = stateOf(doc);
        if (entry.seen.some((state) => state !== entry.answer)) entry.atRisk = true;
        entry.seen = [];
      }
    },
    handedOut(docs) {
      for (const doc of docs) {
        const entry = entries.get(idOf(doc));
        if (!entry) continue;
        const state = stateOf(doc);
        if (entry.answer === null) entry.seen.push(state);
        else if (state !== entry.answer) entry.atRisk = true;
      }
    },
    recorded(ids) {
      let becameDue = false;
      for (const id of ids) {
        const entry = entries.get(id);
        // A meta row written before the answer belongs to an earlier push: this one is still open.
        if (!entry || entry.answer === null) continue;
        entries.delete(id);
        if (!entry.atRisk) continue;
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
