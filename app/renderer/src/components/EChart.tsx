import { useEffect, useRef } from 'react';
import { echarts, type EChartsOption } from './echarts-core';

interface EChartProps {
  option: EChartsOption;
  /** Accessible name of the chart image; pair it with a text summary for screen readers. */
  label: string;
  className?: string;
  testId?: string;
}

/** An ECharts canvas that follows its container's size and is disposed on unmount. */
export function EChart({ option, label, className, testId }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = echarts.init(container, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={containerRef} className={className} role="img" aria-label={label} data-testid={testId} />;
}
