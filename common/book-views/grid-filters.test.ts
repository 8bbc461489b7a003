import { describe, expect, it } from 'vitest';
import type { Account } from '../model';
import { dateInRange, enumEquals, isEmptyFilterValue, numberInRange, parseBound, searchAccounts, textContains } from './grid-filters';

function account(overrides: Partial<Account>): Account {
  return {
    id: 'a', ownerId: 'u', teamId: 't', updatedAt: '', fieldStamps: {}, externalId: 'SF-1', name: 'Acme', domain: 'acme.example',
    industry: 'Software', region: 'EMEA', tier: 'SMB', status: 'active', lifecycleStage: 'adoption', ownerName: 'Dana Diaz',
    plan: 'Pro', seatsPurchased: 10, seatsActive: 5, mrr: 100, contractStart: '2025-01-01', renewalDate: '2026-01-01',
    createdAt: '2025-01-01T00:00:00.000Z', ...overrides,
  };
}

describe('column filters', () => {
  it('text contains ignores case and surrounding space, blank matches all', () => {
    expect(textContains('Northwind Analytics', ' north ')).toBe(true);
    expect(textContains('Northwind Analytics', 'south')).toBe(false);
    expect(textContains(null, '')).toBe(true);
    expect(textContains(null, 'x')).toBe(false);
  });

  it('number ranges are inclusive and either bound may be open', () => {
    expect(numberInRange(100, { min: 100, max: 200 })).toBe(true);
    expect(numberInRange(200, { min: 100, max: 200 })).toBe(true);
    expect(numberInRange(99, { min: 100, max: null })).toBe(false);
    expect(numberInRange(5000, { min: null, max: 4000 })).toBe(false);
    expect(numberInRange(null, { min: null, max: null })).toBe(true);
    expect(numberInRange(null, { min: 0, max: null })).toBe(false);
  });

  it('date ranges compare ISO dates', () => {
    expect(dateInRange('2026-03-15', { from: '2026-03-01', to: '2026-03-31' })).toBe(true);
    expect(dateInRange('2026-04-01', { from: '2026-03-01', to: '2026-03-31' })).toBe(false);
    expect(dateInRange('2026-02-28', { from: '2026-03-01', to: null })).toBe(false);
  });

  it('enum filter matches exactly, empty selection matches all', () => {
    expect(enumEquals('Enterprise', 'Enterprise')).toBe(true);
    expect(enumEquals('SMB', 'Enterprise')).toBe(false);
    expect(enumEquals('SMB', '')).toBe(true);
  });

  it('recognises empty filter values and parses bounds', () => {
    expect(isEmptyFilterValue('  ')).toBe(true);
    expect(isEmptyFilterValue({ min: null, max: null })).toBe(true);
    expect(isEmptyFilterValue({ min: 0, max: null })).toBe(false);
    expect(isEmptyFilterValue('x')).toBe(false);
    expect(parseBound('')).toBeNull();
    expect(parseBound('abc')).toBeNull();
    expect(parseBound('1.5')).toBe(1.5);
  });
});

describe('global search', () => {
  const book = [
    account({ id: '1', name: 'Northwind Analytics', ownerName: 'Ana Ortiz' }),
    account({ id: '2', name: 'Bluebird Logistics', region: 'APAC' }),
    account({ id: '3', name: 'Cobalt Health', domain: 'cobalt.example', industry: 'Healthcare' }),
  ];

  it('returns the same array for a blank query', () => {
    expect(searchAccounts(book, '   ')).toBe(book);
  });

  it('requires every term to match some field', () => {
    expect(searchAccounts(book, 'northwind ortiz').map((a) => a.id)).toEqual(['1']);
    expect(searchAccounts(book, 'apac').map((a) => a.id)).toEqual(['2']);
    expect(searchAccounts(book, 'COBALT.example health').map((a) => a.id)).toEqual(['3']);
    expect(searchAccounts(book, 'northwind apac')).toEqual([]);
  });
});
