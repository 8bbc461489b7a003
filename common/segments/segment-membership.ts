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

/**
 * Live membership of many segments, kept up to date one account at a time (from the database's change streams),
 * so a change costs one evaluation per segment for that account, never a rescan of the book. Knows nothing of
 * storage: feed it facts, read the enter / leave changes.
 */
export class SegmentMembership {
  private readonly segments = new Map<string, { definition: SegmentDefinition; test: CompiledCondition; members: Set<string> }>();

  setSegments(definitions: readonly SegmentDefinition[], book: Iterable<AccountFacts> = []): void {
    this.segments.clear();
    const all = [...book];
    // Segment by segment over the whole book (one compiled test at a time), without enter / leave bookkeeping.
    for (const definition of definitions) {
      const test = compileCondition(definition.condition);
      const members = new Set<string>();
      for (const facts of all) if (test(facts)) members.add(facts.accountId);
      this.segments.set(definition.id, { definition, test, members });
    }
  }

  /** Re-evaluates one account; returns the segments it entered or left. */
  update(facts: AccountFacts): MembershipChange[] {
    const changes: MembershipChange[] = [];
    for (const [segmentId, segment] of this.segments) {
      const was = segment.members.has(facts.accountId);
      const is = segment.test(facts);
      if (is === was) continue;
      if (is) segment.members.add(facts.accountId);
      else segment.members.delete(facts.accountId);
      changes.push({ segmentId, accountId: facts.accountId, change: is ? 'enter' : 'leave' });
    }
    return changes;
  }

  /** An account deleted or no longer in the book. */
  remove(accountId: string): MembershipChange[] {
    const changes: MembershipChange[] = [];
    for (const [segmentId, segment] of this.segments) {
      if (segment.members.delete(accountId)) changes.push({ segmentId, accountId, change: 'leave' });
    }
    return changes;
  }

  members(segmentId: string): ReadonlySet<string> {
    return this.segments.get(segmentId)?.members ?? new Set();
  }

  count(segmentId: string): number {
    return this.segments.get(segmentId)?.members.size ?? 0;
  }
}
