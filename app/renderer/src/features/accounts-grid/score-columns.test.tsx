import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { Account, RiskAssessment } from '../../../../../common/model';
import { useAssessmentsStore } from '../../stores/assessments-store';
import { SCORE_COLUMNS } from './score-columns';

/** What a score cell shows for an account: its text and, for a blank score, the reason's tooltip. */
function cell(columnId: string, account: Pick<Account, 'id' | 'status'>): { text: string; title: string | null } {
  const column = SCORE_COLUMNS.find((c) => c.id === columnId)!;
  const html = renderToStaticMarkup(<>{column.render!(column.value(account as Account, { today: '2027-01-01' } as never), account as Account)}</>);
  return { text: html.replace(/<[^>]+>/g, ''), title: /title="([^"]*)"/.exec(html)?.[1] ?? null };
}

const assessed = (accountId: string, scores: Partial<RiskAssessment>) =>
  useAssessmentsStore.setState({ byAccount: new Map([[accountId, { accountId, health: null, risk: null, expansion: null, healthBand: 'none', ...scores } as RiskAssessment]]) });

afterEach(() => useAssessmentsStore.setState({ byAccount: new Map() }));

describe('score cells say why a score is blank', () => {
  it('a churned account: Health, Risk and Expansion all say "churned"', () => {
    for (const id of ['health', 'risk', 'expansion']) expect(cell(id, { id: 'a', status: 'churned' })).toEqual({ text: 'churned', title: 'Churned accounts are not scored' });
  });

  it('an account not scored yet (just imported), and a scored one with too little data for health', () => {
    expect(cell('health', { id: 'new', status: 'active' }).text).toBe('not scored yet');
    assessed('b', { risk: 40, expansion: 12 });
    expect(cell('health', { id: 'b', status: 'active' }).text).toBe('not enough data');
    expect(cell('risk', { id: 'b', status: 'active' }).text).toBe('40');
  });

  it('an account without recent data says so in every score column', () => {
    assessed('c', { dataState: 'not-enough-recent-data' } as Partial<RiskAssessment>);
    for (const id of ['health', 'risk', 'expansion']) expect(cell(id, { id: 'c', status: 'active' }).text).toBe('no recent data');
  });

  it('a health score is shown in its band', () => {
    assessed('d', { health: 72, healthBand: 'green' } as Partial<RiskAssessment>);
    expect(cell('health', { id: 'd', status: 'active' })).toEqual({ text: '72', title: 'Health 72 (green)' });
  });
});
