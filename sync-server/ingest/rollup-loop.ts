import type { HybridLogicalClock } from '../../common/clock/hlc';
import type { EventLog, LogSeq, LoggedEvent, RollupCheckpoint } from './event-log';
import type { UsageRollup } from './usage-rollup';

/**
 * Log changes per turn. A turn's cost is per account-month and day it touches, so bigger turns cost less per event;
 * smaller ones hold the thread for less at a time.
 */
const TURN_EVENTS = 250;
/**
 * While events keep arriving, the rollup rests this many times as long as its last turn took before the next one:
 * it takes at most a fifth of the thread from the acknowledgements. The rollup costs several times what the
 * acknowledgement of an event costs (about 0.6 against 0.07 ms of CPU per event measured on LevelDB), so under a
 * long burst it falls behind, durably, and catches up when requests pause.
 */
const REST_FACTOR = 4;
/** No request for this long: the acknowledgements are idle, and the rollup catches up without resting. */
const QUIET_MS = 200;
/** After a failed turn: the events stay in the log; the loop tries again after this long. */
const RETRY_MS = 2_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Drains the event log into the usage documents behind the acknowledgements. A request is answered once its events
 * are in the log (EventLog.append); it only wakes this loop. The loop reads the log's changes after its checkpoint in
 * turns, rolls them up (UsageRollup.apply) and then moves the checkpoint, one local document per turn instead of a
 * rewrite of every event. While requests keep coming it rests between turns (four times as long as the turn took), so
 * the acknowledgements keep most of the thread and their latency stays low; the rollup falls behind under a burst
 * and catches up when the requests pause. A restart resumes from the checkpoint.
 *
 * Counting once across a crash: before its usage writes a turn records in the checkpoint which changes it takes and
 * the stamp its writes carry; a turn found there at start is replayed, skipping the months that already carry the
 * stamp (UsageRollup.apply). So a crash anywhere in a turn neither loses nor double counts an event.
 */
export class RollupLoop {
  private running: Promise<void> | null = null;
  private dirty = false;
  private stopped = false;
  private lastRequestAt = 0;
  private checkpoint: RollupCheckpoint | null = null;

  constructor(
    private readonly log: EventLog,
    private readonly rollup: UsageRollup,
    private readonly clock: HybridLogicalClock,
  ) {}

  /** New events are in the log (or the server started): make sure the loop runs. Returns at once. */
  wake(fromRequest = true): void {
    if (fromRequest) this.lastRequestAt = performance.now();
    this.dirty = true;
    if (this.stopped || this.running) return;
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.dirty && !this.stopped) this.wake(false);
    });
  }

  /** Resolves when the loop has nothing left to roll up (tests, status). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops after the turn under way; what is not rolled up yet stays in the log for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    while (this.running) await this.running;
  }

  /**
   * How far the rollup has got (`rolledUpTo`) against the log's latest change (`logSeq`), and whether it has caught
   * up: nothing in the log left to roll up and no turn under way (for Admins and tests).
   */
  async status(): Promise<{ rolledUpTo: LogSeq; logSeq: LogSeq; caughtUp: boolean }> {
    const logSeq = await this.log.head();
    const checkpoint = this.checkpoint ?? (await this.log.checkpoint());
    const caughtUp = this.running === null && !checkpoint.turn && String(checkpoint.seq) === String(logSeq);
    return { rolledUpTo: checkpoint.seq, logSeq, caughtUp };
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.dirty = false;
      const started = performance.now();
      let more: boolean;
      try {
        more = await this.turn();
      } catch (error) {
        console.error('sync-server ingest: rollup turn failed, events kept in the log, trying again:', error);
        this.checkpoint = null;
        await sleep(RETRY_MS);
        continue;
      }
      if (!more && !this.dirty) return;
      const took = performance.now() - started;
      if (performance.now() - this.lastRequestAt < QUIET_MS) await sleep(Math.max(1, took * REST_FACTOR));
      else await yieldToEvents();
    }
  }

  /** One turn: true if it rolled something up (there may be more). */
  private async turn(): Promise<boolean> {
    const checkpoint = (this.checkpoint ??= await this.log.checkpoint());
    const replay = checkpoint.turn;
    // A replayed turn takes exactly the changes the cut-short turn took, however many pages that is: its usage
    // writes covered all of them.
    const { events: taken, last } = replay ? await this.changesUpTo(checkpoint.seq, replay.to) : await this.log.since(checkpoint.seq, TURN_EVENTS);
    const to = replay ? replay.to : last;
    if (taken.length === 0 && !replay) {
      if (String(last) !== String(checkpoint.seq)) await this.save({ seq: last });
      return false;
    }
    const stamp = replay ? replay.stamp : this.clock.now();
    if (!replay) await this.save({ seq: checkpoint.seq, turn: { to, stamp } });
    const pending: LoggedEvent[] = taken.flatMap((e) => (e.logged.status === 'pending' ? [e.logged] : []));
    if (pending.length > 0) await this.rollup.apply(pending, stamp, replay !== undefined);
    await this.save({ seq: to });
    return true;
  }

  /** The log's changes after `since` up to and including `to`. */
  private async changesUpTo(since: LogSeq, to: LogSeq): Promise<{ events: { seq: LogSeq; logged: LoggedEvent }[]; last: LogSeq }> {
    const events: { seq: LogSeq; logged: LoggedEvent }[] = [];
    let from = since;
    for (;;) {
      const page = await this.log.since(from, TURN_EVENTS);
      for (const event of page.events) if (seqAtMost(event.seq, to)) events.push(event);
      const done = page.events.length === 0 || !seqAtMost(page.last, to) || String(page.last) === String(to);
      if (done) return { events, last: to };
      from = page.last;
    }
  }

  private async save(checkpoint: RollupCheckpoint): Promise<void> {
    await this.log.saveCheckpoint(checkpoint);
    this.checkpoint = checkpoint;
  }
}

/** Whether change `seq` comes no later than `to` (numbers on LevelDB; CouchDB's strings start with the number). */
function seqAtMost(seq: LogSeq, to: LogSeq): boolean {
  return Number.parseInt(String(seq), 10) <= Number.parseInt(String(to), 10);
}
