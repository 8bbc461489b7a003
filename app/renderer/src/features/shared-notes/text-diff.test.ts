import { describe, expect, it } from 'vitest';
import { shiftPosition, textChange } from './text-diff';

describe('textChange', () => {
  it('finds a typed character, a deletion, a replacement and no change', () => {
    expect(textChange('abc', 'abXc')).toEqual({ index: 2, remove: 0, insert: 'X' });
    expect(textChange('abc', 'ac')).toEqual({ index: 1, remove: 1, insert: '' });
    expect(textChange('hello world', 'hello there')).toEqual({ index: 6, remove: 5, insert: 'there' });
    expect(textChange('same', 'same')).toBeNull();
  });

  it('applied to the old text gives the new one, for repeated letters too', () => {
    for (const [before, after] of [['aaa', 'aaaa'], ['abab', 'ab'], ['', 'new'], ['gone', '']] as const) {
      const change = textChange(before, after)!;
      expect(before.slice(0, change.index) + change.insert + before.slice(change.index + change.remove)).toBe(after);
    }
  });
});

describe('shiftPosition', () => {
  it('moves a caret after a remote insert before it, and leaves one before it alone', () => {
    expect(shiftPosition(5, { index: 2, remove: 0, insert: 'XY' })).toBe(7);
    expect(shiftPosition(1, { index: 2, remove: 0, insert: 'XY' })).toBe(1);
    expect(shiftPosition(3, { index: 2, remove: 3, insert: '' })).toBe(2);
  });
});
