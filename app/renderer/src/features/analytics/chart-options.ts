import type { EChartsOption } from '../../components/echarts-core';
import type { CohortRow } from '../../../../../common/analytics/cohorts';
import type { ActiveInterventionRow } from '../../../../../common/analytics/interventions';
import type { CsmWorkload } from '../../../../../common/analytics/workload';
import type { ForecastRollup } from '../../../../../common/analytics/renewal-forecast';
import type { MrrMovements } from '../../../../../common/analytics/mrr-waterfall';
import type { RiskBandRow } from '../../../../../common/analytics/revenue-at-risk';
import type { ScoreTrendPoint } from '../../../../../common/analytics/score-trend';
import { formatPercent, formatUsd, formatUsdCompact } from '../../../../../common/format/format';

/** The theme.css colours a chart reads (light or dark). */
export const CHART_COLOR_NAMES = ['text', 'text-muted', 'border', 'accent', 'danger', 'warning', 'success', 'surface-2'] as const;
export type ChartColors = Record<(typeof CHART_COLOR_NAMES)[number], string>;

function base(colors: ChartColors): EChartsOption {
  return {
    textStyle: { color: colors.text },
    grid: { left: 64, right: 16, top: 24, bottom: 48, containLabel: false },
    tooltip: { trigger: 'axis', backgroundColor: colors['surface-2'], borderColor: colors.border, textStyle: { color: colors.text } },
  };
}

const axis = (colors: ChartColors) => ({
  axisLine: { lineStyle: { color: colors.border } },
  axisLabel: { color: colors['text-muted'] },
  splitLine: { lineStyle: { color: colors.border, opacity: 0.5 } },
});

const money = (value: number) => formatUsdCompact(value);

export function riskDistributionOption(rows: readonly RiskBandRow[], colors: ChartColors): EChartsOption {
  const tones = [colors.success, colors.accent, colors.warning, colors.danger, colors.danger, colors['text-muted']];
  return {
    ...base(colors),
    // Short band names on the axis ("Low"), the full label with its range in the tooltip and the data table.
    xAxis: { type: 'category', data: rows.map((r) => r.label.replace(/ \(.*\)$/, '')), ...axis(colors), axisLabel: { color: colors['text-muted'], interval: 0 } },
    yAxis: { type: 'value', name: 'Accounts', nameTextStyle: { color: colors['text-muted'] }, ...axis(colors) },
    series: [
      {
        type: 'bar',
        name: 'Accounts',
        data: rows.map((r, i) => ({ value: r.accounts, name: r.label, itemStyle: { color: tones[i] } })),
      },
    ],
  };
}

/** Opening → new → reactivation → expansion → contraction → churn → closing, as floating bars. */
export function waterfallOption(m: MrrMovements, colors: ChartColors): EChartsOption {
  const steps = [
    { label: 'Opening', value: m.opening, kind: 'total' },
    { label: 'New', value: m.new, kind: 'up' },
    { label: 'Reactivation', value: m.reactivation, kind: 'up' },
    { label: 'Expansion', value: m.expansion, kind: 'up' },
    { label: 'Contraction', value: m.contraction, kind: 'down' },
    { label: 'Churn', value: m.churn, kind: 'down' },
    { label: 'Closing', value: m.closing, kind: 'total' },
  ] as const;
  let running = 0;
  const bases: number[] = [];
  for (const step of steps) {
    if (step.kind === 'total') {
      bases.push(0);
      running = step.value;
    } else if (step.kind === 'up') {
      bases.push(running);
      running += step.value;
    } else {
      running -= step.value;
      bases.push(running);
    }
  }
  const color = (kind: string) => (kind === 'total' ? colors.accent : kind === 'up' ? colors.success : colors.danger);
  return {
    ...base(colors),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (params: unknown) => {
      const p = (params as { dataIndex: number }[]).find(Boolean);
      const step = p ? steps[p.dataIndex] : undefined;
      return step ? `${step.label}: ${formatUsd(step.value)} MRR` : '';
    } },
    xAxis: { type: 'category', data: steps.map((s) => s.label), ...axis(colors) },
    yAxis: { type: 'value', name: 'MRR', nameTextStyle: { color: colors['text-muted'] }, ...axis(colors), axisLabel: { color: colors['text-muted'], formatter: money } },
    series: [
      { type: 'bar', stack: 'w', data: bases, itemStyle: { color: 'transparent' }, emphasis: { disabled: true }, tooltip: { show: false } },
      { type: 'bar', stack: 'w', name: 'MRR', data: steps.map((s) => ({ value: s.value, itemStyle: { color: color(s.kind) } })) },
    ],
  };
}

export function scoreTrendOption(points: readonly ScoreTrendPoint[], colors: ChartColors): EChartsOption {
  return {
    ...base(colors),
    legend: { bottom: 0, textStyle: { color: colors.text } },
    xAxis: { type: 'category', data: points.map((p) => p.month), ...axis(colors) },
    yAxis: { type: 'value', min: 0, max: 100, ...axis(colors) },
    series: [
      { type: 'line', name: 'Mean health', data: points.map((p) => (p.meanHealth === null ? null : Math.round(p.meanHealth * 10) / 10)), itemStyle: { color: colors.success }, connectNulls: true },
      { type: 'line', name: 'Mean risk', data: points.map((p) => (p.meanRisk === null ? null : Math.round(p.meanRisk * 10) / 10)), itemStyle: { color: colors.danger }, connectNulls: true },
    ],
  };
}

export function cohortOption(rows: readonly CohortRow[], colors: ChartColors): EChartsOption {
  const longest = Math.max(0, ...rows.map((r) => r.revenueRetention.length));
  return {
    ...base(colors),
    legend: { bottom: 0, type: 'scroll', textStyle: { color: colors.text } },
    grid: { left: 64, right: 16, top: 24, bottom: 64 },
    xAxis: { type: 'category', name: 'Months since start', nameLocation: 'middle', nameGap: 28, data: Array.from({ length: longest }, (_, k) => String(k)), ...axis(colors) },
    yAxis: { type: 'value', ...axis(colors), axisLabel: { color: colors['text-muted'], formatter: (v: number) => formatPercent(v, 0) } },
    series: rows.map((r) => ({ type: 'line', name: r.cohort, data: r.logoRetention.map((v) => Math.round(v * 1000) / 1000), showSymbol: false })),
  };
}

export function forecastOption(rollups: readonly ForecastRollup[], colors: ChartColors): EChartsOption {
  return {
    ...base(colors),
    legend: { bottom: 0, textStyle: { color: colors.text } },
    grid: { left: 64, right: 16, top: 24, bottom: 64 },
    xAxis: { type: 'category', data: rollups.map((r) => r.ownerName || r.ownerId), ...axis(colors), axisLabel: { color: colors['text-muted'], interval: 0, rotate: rollups.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', ...axis(colors), axisLabel: { color: colors['text-muted'], formatter: money } },
    series: [
      { type: 'bar', name: 'Renewing ARR', data: rollups.map((r) => r.arr), itemStyle: { color: colors['text-muted'] } },
      { type: 'bar', name: 'Model expected', data: rollups.map((r) => Math.round(r.expectedArr)), itemStyle: { color: colors.accent } },
      { type: 'bar', name: 'CSM commit', data: rollups.map((r) => r.csm.commit), itemStyle: { color: colors.success } },
      { type: 'bar', name: 'CSM at risk', data: rollups.map((r) => r.csm.atRisk), itemStyle: { color: colors.danger } },
    ],
  };
}

export function workloadOption(rows: readonly CsmWorkload[], colors: ChartColors): EChartsOption {
  return {
    ...base(colors),
    legend: { bottom: 0, textStyle: { color: colors.text } },
    grid: { left: 64, right: 64, top: 24, bottom: 64 },
    xAxis: { type: 'category', data: rows.map((r) => r.ownerName || r.ownerId), ...axis(colors), axisLabel: { color: colors['text-muted'], interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: [
      { type: 'value', name: 'Accounts', ...axis(colors) },
      { type: 'value', name: 'Touches / account', ...axis(colors), splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: 'Accounts', data: rows.map((r) => r.accounts), itemStyle: { color: colors.accent } },
      { type: 'line', name: 'Touches per account', yAxisIndex: 1, data: rows.map((r) => Math.round(r.touchesPerAccount * 100) / 100), itemStyle: { color: colors.warning } },
    ],
  };
}

export function expansionOption(expansionArr: number, targetArr: number | null, colors: ChartColors): EChartsOption {
  const labels = targetArr === null ? ['Expansion ARR'] : ['Expansion ARR', 'Target'];
  const values = targetArr === null ? [expansionArr] : [expansionArr, targetArr];
  return {
    ...base(colors),
    grid: { left: 110, right: 24, top: 16, bottom: 32 },
    xAxis: { type: 'value', ...axis(colors), axisLabel: { color: colors['text-muted'], formatter: money } },
    yAxis: { type: 'category', data: labels, ...axis(colors) },
    series: [{ type: 'bar', data: values.map((v, i) => ({ value: v, itemStyle: { color: i === 0 ? colors.success : colors['text-muted'] } })) }],
  };
}

/** Active interventions per playbook: a horizontal bar of steps done against steps still to do (stacked to the total). */
export function interventionsOption(rows: readonly ActiveInterventionRow[], colors: ChartColors): EChartsOption {
  const shown = [...rows].reverse(); // the first row (most ARR) on top
  return {
    ...base(colors),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, backgroundColor: colors['surface-2'], borderColor: colors.border, textStyle: { color: colors.text } },
    legend: { bottom: 0, textStyle: { color: colors.text } },
    grid: { left: 160, right: 24, top: 16, bottom: 48 },
    xAxis: { type: 'value', name: 'Steps', nameTextStyle: { color: colors['text-muted'] }, ...axis(colors) },
    yAxis: { type: 'category', data: shown.map((r) => r.playbookName), ...axis(colors), axisLabel: { color: colors['text-muted'], width: 150, overflow: 'truncate' } },
    series: [
      { type: 'bar', name: 'Steps done', stack: 'steps', data: shown.map((r) => r.stepsDone), itemStyle: { color: colors.success } },
      { type: 'bar', name: 'Steps to go', stack: 'steps', data: shown.map((r) => r.stepsTotal - r.stepsDone), itemStyle: { color: colors['text-muted'] } },
    ],
  };
}

/** theme.css's light palette: paper is light whatever the screen's theme, so the print layout draws with these. */
export const PRINT_COLORS: ChartColors = {
  text: '#1b1f27',
  'text-muted': '#5b6472',
  border: '#d5d9e0',
  accent: '#2457d6',
  danger: '#c62828',
  warning: '#b26a00',
  success: '#2e7d32',
  'surface-2': '#f5f6f8',
};
