import type { EChartsOption } from '../../components/echarts-core';
import type { ReliabilityBin } from '../../../../../common/ml/metrics';

/** Reliability diagram: observed churn rate per predicted-probability bin, for the current and the candidate model. */
export function reliabilityOption(series: readonly { name: string; bins: readonly ReliabilityBin[] }[]): EChartsOption {
  return {
    animation: false,
    tooltip: { trigger: 'item' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 32, bottom: 40 },
    xAxis: { type: 'value', min: 0, max: 1, name: 'predicted probability', nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', min: 0, max: 1, name: 'observed rate' },
    series: [
      { name: 'perfectly calibrated', type: 'line', data: [[0, 0], [1, 1]], lineStyle: { type: 'dashed' }, symbol: 'none' },
      ...series.map((s) => ({
        name: s.name,
        type: 'line',
        data: s.bins.filter((b) => b.count > 0).map((b) => [b.predicted, b.observed]),
        symbolSize: 7,
      })),
    ],
  };
}

/** Feature importance: mean |contribution| in log-odds on the holdout, largest on top. */
export function importanceOption(importance: readonly { feature: string; meanAbsLogOdds: number }[]): EChartsOption {
  const rows = [...importance].reverse();
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 170, right: 24, top: 8, bottom: 28 },
    xAxis: { type: 'value', name: 'mean |log-odds|' },
    yAxis: { type: 'category', data: rows.map((r) => r.feature) },
    series: [{ type: 'bar', data: rows.map((r) => Number(r.meanAbsLogOdds.toFixed(4))) }],
  };
}
