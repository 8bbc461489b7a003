import { useMemo } from 'react';
import type { UsageMonth } from '../../../../../common/model';
import { dailyUsageSeries, trailingWindowStart } from '../../../../../common/workbench/usage-series';
import { formatCount } from '../../../../../common/format/format';
import { EChart } from '../../components/EChart';
import type { EChartsOption } from '../../components/echarts-core';
import { useThemeColors } from '../../components/use-theme-colors';

const ZOOM_DAYS = 90;
const COLOR_NAMES = ['text', 'text-muted', 'border', 'accent', 'warning', 'surface-2'] as const;

interface UsageTrendChartProps {
  months: readonly Pick<UsageMonth, 'month' | 'activeUsers'>[] | undefined;
  seatsPurchased: number;
}

/** Daily active users for all reported months, zoomed to the last 90 days, against seats purchased. */
export function UsageTrendChart({ months, seatsPurchased }: UsageTrendChartProps) {
  const colors = useThemeColors(COLOR_NAMES);
  const series = useMemo(() => (months ? dailyUsageSeries(months) : []), [months]);

  const summary = useMemo(() => {
    const recent = series.slice(trailingWindowStart(series, ZOOM_DAYS)).flatMap((p) => (p.activeUsers === null ? [] : [p.activeUsers]));
    if (recent.length === 0) return 'No usage reported.';
    const average = Math.round(recent.reduce((sum, v) => sum + v, 0) / recent.length);
    return `Last ${ZOOM_DAYS} days: on average ${formatCount(average)} daily active users of ${formatCount(seatsPurchased)} seats purchased.`;
  }, [series, seatsPurchased]);

  const option = useMemo<EChartsOption>(() => {
    const dates = series.map((p) => p.date);
    const start = trailingWindowStart(series, ZOOM_DAYS);
    const end = Math.max(0, series.length - 1);
    const axis = { axisLine: { lineStyle: { color: colors.border } }, axisLabel: { color: colors['text-muted'] } };
    return {
      backgroundColor: 'transparent',
      textStyle: { color: colors.text },
      animation: false,
      tooltip: {
        trigger: 'axis',
        backgroundColor: colors['surface-2'],
        borderColor: colors.border,
        textStyle: { color: colors.text },
      },
      legend: { top: 0, textStyle: { color: colors.text } },
      grid: { left: 48, right: 20, top: 32, bottom: 64 },
      xAxis: { type: 'category', data: dates, boundaryGap: false, ...axis },
      yAxis: {
        type: 'value',
        min: 0,
        ...axis,
        splitLine: { lineStyle: { color: colors.border, opacity: 0.6 } },
      },
      dataZoom: [
        { type: 'inside', startValue: start, endValue: end, zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false },
        {
          type: 'slider',
          startValue: start,
          endValue: end,
          height: 22,
          bottom: 8,
          borderColor: colors.border,
          textStyle: { color: colors['text-muted'] },
        },
      ],
      series: [
        {
          name: 'Daily active users',
          type: 'line',
          data: series.map((p) => p.activeUsers),
          showSymbol: false,
          connectNulls: false,
          color: colors.accent,
          areaStyle: { opacity: 0.12 },
        },
        {
          name: 'Seats purchased',
          type: 'line',
          data: dates.map(() => seatsPurchased),
          showSymbol: false,
          color: colors.warning,
          lineStyle: { type: 'dashed', width: 1.5 },
        },
      ],
    };
  }, [series, seatsPurchased, colors]);

  return (
    <section className="panel" aria-labelledby="usage-heading" data-testid="usage-chart">
      <h2 id="usage-heading">Usage trend</h2>
      {months === undefined ? (
        <div className="skeleton chart-skeleton" aria-hidden="true" />
      ) : series.length === 0 ? (
        <p className="muted">No usage reported for this account yet.</p>
      ) : (
        <>
          <EChart option={option} label="Daily active users and seats purchased" className="usage-chart-canvas" />
          <p className="visually-hidden">{summary}</p>
        </>
      )}
    </section>
  );
}
