import { useEffect, useRef } from 'react';
import { echarts, type EChartsOption } from './echarts-core';

interface EChartProps {
  option: EChartsOption;
  /** Accessible name of the chart image; pair it with a text summary for screen readers. */
  label: string;
  className?: string;
  testId?: string;
  /** 'svg' for the print layout (vector in a PDF); the screen uses canvas. */
  renderer?: 'canvas' | 'svg';
}

/** An ECharts canvas that follows its container's size and is disposed on unmount. */
export function EChart({ option, label, className, testId, renderer = 'canvas' }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = echarts.init(container, undefined, { renderer });
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [renderer]);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option, renderer]);

  return <div ref={containerRef} className={className} role="img" aria-label={label} data-testid={testId} />;
}
