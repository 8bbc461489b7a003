import { useState, type ReactNode } from 'react';
import { EChart } from '../../components/EChart';
import type { EChartsOption } from '../../components/echarts-core';
import { usePrintMode } from './print-mode';

export interface ChartPanelProps {
  id: string;
  title: string;
  /** How the figure is computed, stated under the title (docs/METRICS.md has the same). */
  formula?: ReactNode;
  option: EChartsOption;
  /** What the chart shows, in words, for screen readers. */
  summary: string;
  /** The chart's data as a table: the fallback for keyboard and screen-reader users, and its CSV export. */
  table: ReactNode;
  children?: ReactNode;
}

/**
 * A titled chart with its data table: collapsed under the chart on screen (its rows rendered once it is opened, not
 * with every page visit), always shown in the print layout.
 */
export function ChartPanel({ id, title, formula, option, summary, table, children }: ChartPanelProps) {
  const printing = usePrintMode();
  const [open, setOpen] = useState(false);
  return (
    <section className="analytics-panel" aria-labelledby={`${id}-title`} data-testid={`panel-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {formula && <p className="analytics-formula muted">{formula}</p>}
      {children}
      <EChart
        option={printing ? { ...option, animation: false } : option}
        label={`${title}: ${summary}`}
        className="analytics-chart"
        renderer={printing ? 'svg' : 'canvas'}
        testId={`chart-${id}`}
      />
      {printing ? (
        table
      ) : (
        <details className="analytics-table-toggle" onToggle={(event) => setOpen(event.currentTarget.open)}>
          <summary>Data table: {title}</summary>
          {open && table}
        </details>
      )}
    </section>
  );
}
