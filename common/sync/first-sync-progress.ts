/**
 * How far a replica's first sync (or the catch-up of a device back after a while) has got: documents pulled of the
 * documents the server said it would send. Each collection's first pull of the session asks the server how many
 * more the reader may pull after that page (`remaining`, counted with the reader's own access, so nobody learns the
 * size of what they cannot read); its total is then what it pulled plus that. Documents written on the server during
 * the sync arrive too, so a collection can pull more than its total: the total then grows with it. Pure.
 */
export interface PullCount {
  pulled: number;
  /** null until every collection has answered its first pull with a count (a server that cannot count never does). */
  total: number | null;
}

export class FirstSyncProgress {
  private readonly collections = new Map<string, { pulled: number; total: number | null }>();

  constructor(names: readonly string[]) {
    for (const name of names) this.collections.set(name, { pulled: 0, total: null });
  }

  /** A page of `documents` handed to the replica; `remaining` when the server counted what follows it. */
  page(collection: string, documents: number, remaining?: number): void {
    const counted = this.collections.get(collection);
    if (!counted) throw new Error(`first-sync progress: no collection "${collection}"`);
    counted.pulled += documents;
    if (remaining !== undefined) counted.total = counted.pulled + remaining;
    else if (counted.total !== null && counted.pulled > counted.total) counted.total = counted.pulled;
  }

  summary(): PullCount {
    let pulled = 0;
    let total: number | null = 0;
    for (const counted of this.collections.values()) {
      pulled += counted.pulled;
      total = total === null || counted.total === null ? null : total + counted.total;
    }
    return { pulled, total };
  }
}
