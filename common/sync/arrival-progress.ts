/**
 * How far the documents a bulk re-assignment brings this device have got (the server's ArrivalNotice, wire-contract.ts):
 * documents handed to the replica since the move was announced, of what the server counted for the collections this
 * device follows. An arrival is over once the server has written it and the replica has caught up with the server
 * (`over`). Other writes received meanwhile count too, so the count is capped at the total. Pure.
 */
export interface ArrivalCount {
  received: number;
  total: number;
  /** Whether the accounts (any of the moves open) go to this device's user, not only to someone on their team. */
  yours: boolean;
}

export class ArrivalProgress {
  /** The open arrivals, and whether each goes to this device's user. */
  private readonly open = new Map<string, boolean>();
  private received = 0;
  private total = 0;

  constructor(private readonly followed: ReadonlySet<string>) {}

  /** The server announced a move bringing `documents` per collection, to the user or to someone on their team. */
  arriving(arrival: string, documents: Readonly<Record<string, number>>, to: 'you' | 'team' = 'you'): void {
    if (this.open.has(arrival)) return;
    this.open.set(arrival, to === 'you');
    for (const [collection, count] of Object.entries(documents)) {
      if (this.followed.has(collection) && Number.isSafeInteger(count) && count > 0) this.total += count;
    }
  }

  /** Documents handed to the replica (pulled or streamed); counted while an arrival is open. */
  receive(documents: number): void {
    if (this.open.size > 0) this.received = Math.min(this.total, this.received + documents);
  }

  /** The arrival is written and the replica has caught up with it; when it was the last one open, the count starts over. */
  over(arrival: string): void {
    this.open.delete(arrival);
    if (this.open.size === 0) this.clear();
  }

  /** Forgets every open arrival (the stream was lost, so their end may never be heard). */
  clear(): void {
    this.open.clear();
    this.received = 0;
    this.total = 0;
  }

  summary(): ArrivalCount | null {
    return this.open.size === 0 ? null : { received: this.received, total: this.total, yours: [...this.open.values()].some(Boolean) };
  }
}
