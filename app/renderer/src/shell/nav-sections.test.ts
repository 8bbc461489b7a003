import { describe, expect, it } from 'vitest';
import { NAV_SECTIONS, shortcutCode } from './nav-sections';

describe('navigation shortcuts', () => {
  it('give every section its own key, a digit or a letter', () => {
    const keys = NAV_SECTIONS.map((section) => section.shortcut);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[0-9A-Z]$/);
  });

  it('match the physical key, whatever character the layout types with Alt', () => {
    expect(shortcutCode('2')).toBe('Digit2');
    expect(shortcutCode('N')).toBe('KeyN');
  });
});
