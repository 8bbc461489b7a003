/**
 * Accounts that reached this device by sync and are now its user's to run (a re-assignment, a first sync). The
 * engine decides nothing for them until the replica has caught up with the server: an account's executions replicate
 * on their own and may arrive after it, and a device deciding without them would start the playbook again over the
 * execution the team already has (the same deterministic id, its progress lost).
 */
export class ArrivalHold {
  /** Each held account with the number of the catch-up round that must finish before it is released. */
  private readonly held = new Map<string, number>();
  private round = 0;
  private running = false;

  constructor(
    private readonly catchUp: () => Promise<void>,
    private readonly release: (accountIds: readonly string[]) => void,
    private readonly failed: (error: unknown) => void,
  ) {}

  holds(accountId: string): boolean {
    return this.held.has(accountId);
  }

  /** Holds an account until a catch-up that starts after this call has finished. */
  hold(accountId: string): void {
    this.held.set(accountId, this.round + 1);
    if (!this.running) void this.catchUpRounds();
  }

  private async catchUpRounds(): Promise<void> {
    this.running = true;
    try {
      while (this.held.size) {
        const round = ++this.round;
        await this.catchUp();
        const released: string[] = [];
        for (const [accountId, needs] of this.held) {
          if (needs > round) continue;
          this.held.delete(accountId);
          released.push(accountId);
        }
        if (released.length) this.release(released);
      }
    } catch (error) {
      // Held accounts stay held (deciding without their executions could start a playbook twice); the next arrival
      // tries again.
      this.failed(error);
    } finally {
      this.running = false;
    }
  }
}
