import type { AccountFacts } from './account-facts';
import { compileCondition, type CompiledCondition } from './evaluate-condition';
import type { Condition } from './segment-condition';

export interface SegmentDefinition {
  id: string;
  name: string;
  condition: Condition;
}

export interface MembershipChange {
  segmentId: string;
  accountId: string;
  change: 'enter' | 'leave';
}

interface SegmentState {
  definition: SegmentDefinition;
  test: CompiledCondition;
  /** One byte per account slot: 1 = member. */
  members: Uint8Array;
  count: number;
}

/**
 * Live membership of many segments, kept up to date one account at a time (from the database's change streams),
 * so a change costs one evaluation per segment for that account, never a rescan of the book. Knows nothing of
 * storage: feed it facts, read the enter / leave changes.
 *
 * Each account holds one slot (a dense index) and each segment one byte array over the slots with a running count:
 * filling 50 segments over a 10,000-account book writes 500,000 bytes instead of growing 50 hash sets, and a count
 * is read without walking anything. The ids of the members are listed only when asked for.
 */
export class SegmentMembership {
  private readonly segments = new Map<string, SegmentState>();
  private readonly slots = new Map<string, number>();
  private ids: string[] = [];
  private readonly freeSlots: number[] = [];
  private capacity = 0;

  setSegments(definitions: readonly SegmentDefinition[], book: Iterable<AccountFacts> = []): void {
    this.segments.clear();
    this.slots.clear();
    this.freeSlots.length = 0;
    const all: AccountFacts[] = [];
    this.ids = [];
    for (const facts of book) {
      if (this.slots.has(facts.accountId)) continue;
      this.slots.set(facts.accountId, all.length);
      this.ids.push(facts.accountId);
      all.push(facts);
    }
    this.capacity = Math.max(64, all.length);
    // Segment by segment over the whole book (one compiled test at a time), without enter / leave bookkeeping.
    for (const definition of definitions) {
      const test = compileCondition(definition.condition);
      const members = new Uint8Array(this.capacity);
      let count = 0;
      for (let slot = 0; slot < all.length; slot++) {
        if (test(all[slot]!)) {
          members[slot] = 1;
          count++;
        }
      }
      this.segments.set(definition.id, { definition, test, members, count });
    }
  }

  /** Re-evaluates one account; returns the segments it entered or left. */
  update(facts: AccountFacts): MembershipChange[] {
    const slot = this.slotOf(facts.accountId);
    const changes: MembershipChange[] = [];
    for (const [segmentId, segment] of this.segments) {
      const was = segment.members[slot] === 1;
      const is = segment.test(facts);
      if (is === was) continue;
      segment.members[slot] = is ? 1 : 0;
      segment.count += is ? 1 : -1;
      changes.push({ segmentId, accountId: facts.accountId, change: is ? 'enter' : 'leave' });
    }
    return changes;
  }

  /** An account deleted or no longer in the book. */
  remove(accountId: string): MembershipChange[] {
    const slot = this.slots.get(accountId);
    if (slot === undefined) return [];
    const changes: MembershipChange[] = [];
    for (const [segmentId, segment] of this.segments) {
      if (segment.members[slot] !== 1) continue;
      segment.members[slot] = 0;
      segment.count--;
      changes.push({ segmentId, accountId, change: 'leave' });
    }
    this.slots.delete(accountId);
    this.ids[slot] = '';
    this.freeSlots.push(slot);
    return changes;
  }

  /** Is the account in the segment now? */
  has(segmentId: string, accountId: string): boolean {
    const slot = this.slots.get(accountId);
    return slot !== undefined && this.segments.get(segmentId)?.members[slot] === 1;
  }

  /** The segment's members (listed on demand from its byte array). */
  members(segmentId: string): ReadonlySet<string> {
    const segment = this.segments.get(segmentId);
    const members = new Set<string>();
    if (!segment) return members;
    for (let slot = 0; slot < this.ids.length; slot++) if (segment.members[slot] === 1) members.add(this.ids[slot]!);
    return members;
  }

  count(segmentId: string): number {
    return this.segments.get(segmentId)?.count ?? 0;
  }

  /** The account's slot, given a new one (a freed one first) when it is new to the book. */
  private slotOf(accountId: string): number {
    let slot = this.slots.get(accountId);
    if (slot !== undefined) return slot;
    slot = this.freeSlots.pop() ?? this.ids.length;
    if (slot >= this.capacity) this.grow(Math.max(64, this.capacity * 2));
    this.slots.set(accountId, slot);
    this.ids[slot] = accountId;
    return slot;
  }

  private grow(capacity: number): void {
    for (const segment of this.segments.values()) {
      const members = new Uint8Array(capacity);
      members.set(segment.members);
      segment.members = members;
    }
    this.capacity = capacity;
  }
}
