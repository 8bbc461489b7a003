import { describe, expect, it } from 'vitest';
import { holdReactions, reactionsFree, reactionsHeld } from './write-hold';

describe('reactionsFree', () => {
  it('resolves at once when nothing holds the database', async () => {
    await expect(reactionsFree({})).resolves.toBeUndefined();
  });

  it('resolves only once every hold is released (a first sync, an import at once)', async () => {
    const db = {};
    const sync = holdReactions(db);
    const importing = holdReactions(db);
    const order: string[] = [];
    const free = reactionsFree(db).then(() => order.push('free'));
    sync();
    await Promise.resolve();
    order.push('first released');
    expect(reactionsHeld(db)).toBe(true);
    importing();
    await free;
    expect(order).toEqual(['first released', 'free']);
    expect(reactionsHeld(db)).toBe(false);
  });
});
