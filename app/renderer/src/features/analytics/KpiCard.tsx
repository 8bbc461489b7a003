import type { ReactNode } from 'react';

export interface KpiCardProps {
  label: string;
  /** The compact figure ("$1.87 B"); never wraps: the card clips it with an ellipsis rather than break it. */
  value: string;
  /** The exact figure, on hover and for screen readers. */
  exact?: string;
  detail?: ReactNode;
  tone?: 'danger' | 'warning' | 'success';
  testId: string;
}

export function KpiCard({ label, value, exact, detail, tone, testId }: KpiCardProps) {
  return (
    <div className={`kpi-card${tone ? ` kpi-${tone}` : ''}`} data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value" title={exact ?? value} aria-label={exact ? `${label}: ${exact}` : undefined}>
        {value}
      </div>
      {detail !== undefined && <div className="kpi-detail">{detail}</div>}
    </div>
  );
}
