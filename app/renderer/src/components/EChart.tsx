import { useEffect, useRef } from 'react';
import { afterPaint } from './after-paint-queue';
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

/**
 * An ECharts canvas that follows its container's size and is disposed on unmount. On screen the chart is made and
 * drawn after the page's first paint, one chart per task (`afterPaint`), so opening a page of charts or changing what
 * they show hands back a frame first; the print layout (SVG) draws at once, before it is printed.
 */
export function EChart({ option, label, className, testId, renderer = 'canvas' }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const optionRef = useRef(option);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let observer: ResizeObserver | null = null;
    const start = () => {
      const chart = echarts.init(container, undefined, { renderer });
      chartRef.current = chart;
      chart.setOption(optionRef.current, { notMerge: true });
      observer = new ResizeObserver(() => chart.resize());
      observer.observe(container);
    };
    const cancel = renderer === 'svg' ? (start(), () => undefined) : afterPaint(start);
    return () => {
      cancel();
      observer?.disconnect();
      chartRef.current?.dispose();
      chartRef.current = null;
    };
  }, [renderer]);

  useEffect(() => {
    if (optionRef.current === option) return;
    optionRef.current = option;
    const draw = () => chartRef.current?.setOption(option, { notMerge: true });
    // A chart not made yet draws the latest option when it is.
    if (!chartRef.current) return;
    if (renderer === 'svg') return draw();
    return afterPaint(draw);
  }, [option, renderer]);

  return <div ref={containerRef} className={className} role="img" aria-label={label} data-testid={testId} />;
}
