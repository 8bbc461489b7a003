import { useEffect, useState } from 'react';
import type { OutpostDatabase } from '../../../../../common/db/create-database';
import { parseCondition } from '../../../../../common/segments/segment-condition';
import type { SegmentDefinition } from '../../../../../common/segments/segment-membership';
import { useDatabase } from '../../db/database-context';

/**
 * Personal segments live in `preferences` (`segment:<id>`, device-only, like saved grid views); each is checked
 * with parseCondition when read, so a broken one is reported, not applied. Team segments (teamsettings) are not built.
 */
const PREFIX = 'segment:';

export interface StoredSegments {
  segments: SegmentDefinition[];
  broken: { id: string; problem: string }[];
}

export function useSegments(): StoredSegments | undefined {
  const db = useDatabase();
  const [state, setState] = useState<StoredSegments>();
  useEffect(() => {
    const sub = db.preferences.find({ selector: { id: { $regex: `^${PREFIX}` } } }).$.subscribe((docs) => {
      const segments: SegmentDefinition[] = [];
      const broken: StoredSegments['broken'] = [];
      for (const doc of docs) {
        const value = doc.value as { name?: unknown; condition?: unknown };
        const parsed = parseCondition(value.condition);
        if (parsed.ok && typeof value.name === 'string') segments.push({ id: doc.id.slice(PREFIX.length), name: value.name, condition: parsed.condition });
        else broken.push({ id: doc.id, problem: parsed.ok ? 'no name' : parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ') });
      }
      setState({ segments: segments.sort((a, b) => a.name.localeCompare(b.name)), broken });
    });
    return () => sub.unsubscribe();
  }, [db]);
  return state;
}

export async function saveSegment(db: OutpostDatabase, segment: SegmentDefinition): Promise<void> {
  const parsed = parseCondition(segment.condition);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  if (!segment.name.trim()) throw new Error('A segment needs a name');
  await db.preferences.upsert({ id: `${PREFIX}${segment.id}`, kind: 'setting', value: { name: segment.name.trim(), condition: parsed.condition }, updatedAt: new Date().toISOString() });
}

export async function deleteSegment(db: OutpostDatabase, id: string): Promise<void> {
  await (await db.preferences.findOne(`${PREFIX}${id}`).exec())?.remove();
}
