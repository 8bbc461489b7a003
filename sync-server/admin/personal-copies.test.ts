import { describe, expect, it } from 'vitest';
import { ERASED, holdsValue, personalFinder, redactedStored, redactStrings } from './personal-copies';

const zelda = personalFinder({ name: 'Zelda Quist', email: 'zelda.quist@example.com' });

describe('personalFinder', () => {
  it('finds the whole name and email in any case and spacing, URL-encoded too, and never inside another word', () => {
    expect(zelda.redact('Call ZELDA  quist at zelda.quist@example.com', false)).toBe(`Call ${ERASED} at ${ERASED}`);
    expect(zelda.redact('mailto:zelda.quist%40example.com?subject=Deck%20for%20Zelda%20Quist', false)).toBe(`mailto:${ERASED}?subject=Deck%20for%20${ERASED}`);
    expect(zelda.redact('Zelda+Quist', false)).toBe(ERASED);
    expect(zelda.test('Zelda Quistberg and Azelda Quist', false)).toBe(false);
    // A first name alone only with parts.
    expect(zelda.redact("Zelda's deck for Quist", false)).toBe("Zelda's deck for Quist");
    expect(zelda.redact("Zelda's deck for QUIST, Zeldaville", true)).toBe(`${ERASED}'s deck for ${ERASED}, Zeldaville`);
    expect(zelda.redact('Zelda Quist $&', false, '-')).toBe('- $&');
  });

  it('finds several people’s values at once (an erased account’s contacts), a longer value before one it begins with', () => {
    const both = personalFinder([{ name: 'Zelda Quist', email: 'z@q.co' }, { name: 'Ivo Marl', email: 'z@q.com' }]);
    expect(both.redact('Zelda Quist and IVO MARL wrote from z@q.com and z@q.co', false)).toBe(`${ERASED} and ${ERASED} wrote from ${ERASED} and ${ERASED}`);
    expect(both.redact('Ivo asked Quist', true)).toBe(`${ERASED} asked ${ERASED}`);
    expect(both.redact('Ivo asked Quist', false)).toBe('Ivo asked Quist');
  });

  it('gives the ranges of what it finds, for editing shared text in place', () => {
    const text = 'Met Zelda Quist; Zelda decides';
    expect(zelda.ranges(text, false)).toEqual([[4, 15]]);
    expect(zelda.ranges(text, true)).toEqual([[4, 15], [17, 22]]);
    expect(personalFinder({ name: '', email: '' }).ranges(text, true)).toEqual([]);
  });
});

describe('redacting copies in documents', () => {
  it('redacts every string but ids, scope and stamps, and stamps the changed fields so the write wins', () => {
    const doc = {
      id: 'act-1', ownerId: 'u1', teamId: 't1', accountId: 'acc', updatedAt: 'old', fieldStamps: { subject: 'old', schedule: 'old', body: 'old' },
      subject: 'Call with Zelda Quist', body: 'Kept', schedule: { attendees: [{ name: 'Zelda Quist', email: 'zelda.quist@example.com', contactId: 'con-z' }] },
      fieldHistory: [{ field: 'subject', value: 'Zelda Quist' }],
    };
    const stored = redactedStored({ doc: doc as never, departed: [{ ownerId: 'u0', teamId: 't1', tombstone: { ...doc, _deleted: true } as never }] }, (text) => zelda.redact(text, false), 'now');
    expect(stored?.doc).toMatchObject({
      id: 'act-1', updatedAt: 'now', body: 'Kept', subject: `Call with ${ERASED}`,
      fieldStamps: { subject: 'now', schedule: 'now', body: 'old' },
      schedule: { attendees: [{ name: ERASED, email: ERASED, contactId: 'con-z' }] },
      fieldHistory: [{ field: 'subject', value: ERASED }],
    });
    expect(stored?.doc.fieldStamps).not.toHaveProperty('fieldHistory');
    expect(stored?.departed?.[0]?.tombstone).toMatchObject({ _deleted: true, subject: `Call with ${ERASED}`, updatedAt: 'now' });
    expect(redactedStored({ doc: { ...doc, subject: 'x', schedule: {}, fieldHistory: [] } as never }, (text) => zelda.redact(text, false), 'now')).toBeNull();
  });

  it('leaves keys and references alone and finds a person named by id', () => {
    expect(redactStrings({ assigneeId: 'Zelda', 'Zelda': 'Zelda', externalId: 'Zelda' }, () => 'x')).toEqual({ assigneeId: 'Zelda', Zelda: 'x', externalId: 'x' });
    expect(holdsValue({ comments: [{ by: 'u-7' }] }, 'u-7')).toBe(true);
    expect(holdsValue({ title: 'u-77' }, 'u-7')).toBe(false);
  });
});
