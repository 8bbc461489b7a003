import { describe, expect, it } from 'vitest';
import { parseActivityForm, toDateTimeLocal } from './activity-form-schema';

const valid = { type: 'note', subject: ' Kick-off recap ', body: 'Went well.', occurredAt: '2026-03-01T14:30' };

describe('parseActivityForm', () => {
  it('trims the subject and stores the local date-time as an ISO instant', () => {
    const result = parseActivityForm(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.values.subject).toBe('Kick-off recap');
    expect(result.values.type).toBe('note');
    expect(result.values.occurredAt).toBe(new Date(2026, 2, 1, 14, 30).toISOString());
  });

  it('requires a subject and says so', () => {
    expect(parseActivityForm({ ...valid, subject: '   ' })).toEqual({ ok: false, errors: { subject: 'Subject is required' } });
  });

  it('enforces the schema lengths', () => {
    expect(parseActivityForm({ ...valid, subject: 's'.repeat(501) })).toEqual({
      ok: false,
      errors: { subject: 'Subject must be at most 500 characters' },
    });
    expect(parseActivityForm({ ...valid, body: 'b'.repeat(100_001) })).toEqual({
      ok: false,
      errors: { body: 'Note must be at most 100,000 characters' },
    });
  });

  it('rejects types that cannot be logged by hand and invalid dates', () => {
    const result = parseActivityForm({ ...valid, type: 'nps', occurredAt: 'yesterday' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['occurredAt', 'type']);
    expect(result.errors.occurredAt).toBe('Date must be a valid date and time');
  });
});

describe('toDateTimeLocal', () => {
  it('formats a local date-time for a datetime-local input', () => {
    expect(toDateTimeLocal(new Date(2026, 0, 5, 9, 7, 33))).toBe('2026-01-05T09:07');
  });
});
