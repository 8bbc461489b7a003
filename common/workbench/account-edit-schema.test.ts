import { describe, expect, it } from 'vitest';
import { parseAccountField } from './account-edit-schema';

describe('parseAccountField', () => {
  it('parses MRR, tolerating currency formatting', () => {
    expect(parseAccountField('mrr', '45000')).toEqual({ ok: true, value: 45000 });
    expect(parseAccountField('mrr', ' $45,000.50 ')).toEqual({ ok: true, value: 45000.5 });
    expect(parseAccountField('mrr', '0')).toEqual({ ok: true, value: 0 });
  });

  it('says what is wrong with an MRR', () => {
    for (const bad of ['-5', 'abc', '', '1e5', '12.']) {
      expect(parseAccountField('mrr', bad)).toEqual({ ok: false, error: 'MRR must be a number ≥ 0' });
    }
    expect(parseAccountField('mrr', '2000000000')).toEqual({
      ok: false,
      error: 'MRR must be at most 1,000,000,000',
    });
  });

  it('requires whole, non-negative seat counts', () => {
    expect(parseAccountField('seatsPurchased', '250')).toEqual({ ok: true, value: 250 });
    expect(parseAccountField('seatsActive', '2.5')).toEqual({
      ok: false,
      error: 'Seats active must be a whole number ≥ 0',
    });
    expect(parseAccountField('seatsPurchased', '-1')).toMatchObject({ ok: false });
  });

  it('requires a name and trims text fields to the schema limits', () => {
    expect(parseAccountField('name', '  Acme Corporation ')).toEqual({ ok: true, value: 'Acme Corporation' });
    expect(parseAccountField('name', '   ')).toEqual({ ok: false, error: 'Name is required' });
    expect(parseAccountField('name', 'x'.repeat(201))).toEqual({
      ok: false,
      error: 'Name must be at most 200 characters',
    });
    expect(parseAccountField('industry', '')).toEqual({ ok: true, value: '' });
    expect(parseAccountField('plan', 'p'.repeat(101))).toMatchObject({ ok: false });
  });

  it('accepts only the known tiers and lifecycle stages', () => {
    expect(parseAccountField('tier', 'SMB')).toEqual({ ok: true, value: 'SMB' });
    expect(parseAccountField('tier', 'Gold')).toEqual({
      ok: false,
      error: 'Tier must be one of Enterprise, Mid-Market, SMB',
    });
    expect(parseAccountField('lifecycleStage', 'renewal')).toEqual({ ok: true, value: 'renewal' });
    expect(parseAccountField('lifecycleStage', 'later')).toMatchObject({ ok: false });
  });

  it('accepts only real calendar dates for the renewal date', () => {
    expect(parseAccountField('renewalDate', '2027-02-28')).toEqual({ ok: true, value: '2027-02-28' });
    for (const bad of ['2027-02-30', '28/02/2027', '', '2027-13-01']) {
      expect(parseAccountField('renewalDate', bad)).toEqual({
        ok: false,
        error: 'Renewal date must be a valid date (YYYY-MM-DD)',
      });
    }
  });

  it('validates and normalises domains', () => {
    expect(parseAccountField('domain', 'Acme.COM')).toEqual({ ok: true, value: 'acme.com' });
    expect(parseAccountField('domain', '')).toEqual({ ok: true, value: '' });
    expect(parseAccountField('domain', 'not a domain')).toEqual({
      ok: false,
      error: 'Domain must look like example.com',
    });
  });
});
