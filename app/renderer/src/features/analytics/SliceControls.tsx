import { useMemo } from 'react';
import { TIME_RANGES, type TimeRange } from '../../../../../common/analytics/dashboard-config';
import { sliceOptions, type Slice } from '../../../../../common/analytics/slices';
import { useAccountsStore } from '../../stores/accounts-store';

const RANGE_LABELS: Record<TimeRange, string> = {
  'last-30-days': 'Last 30 days',
  'this-quarter': 'This quarter',
  'last-quarter': 'Last quarter',
  'last-6-months': 'Last 6 months',
  'last-12-months': 'Last 12 months',
};

/**
 * Time range and slice pickers: tier, owner and region (a segment picker appears once the book has segments to offer;
 * it has none yet). One value each; "All" clears it.
 */
export function SliceControls({ timeRange, slice, onChange }: { timeRange: TimeRange | null; slice: Slice; onChange(change: { timeRange?: TimeRange; slice?: Slice }): void }) {
  const accounts = useAccountsStore((s) => s.accounts);
  const options = useMemo(() => sliceOptions(accounts), [accounts]);
  const pick = (key: 'tiers' | 'ownerIds' | 'regions', value: string) => onChange({ slice: { ...slice, [key]: value ? [value] : [] } });
  return (
    <div className="slice-controls" role="group" aria-label="Time range and slice">
      {timeRange !== null && (
        <label>
          Time range{' '}
          <select value={timeRange} onChange={(e) => onChange({ timeRange: e.target.value as TimeRange })} data-testid="time-range">
            {TIME_RANGES.map((r) => (
              <option key={r} value={r}>
                {RANGE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Tier{' '}
        <select value={slice.tiers[0] ?? ''} onChange={(e) => pick('tiers', e.target.value)} data-testid="slice-tier">
          <option value="">All</option>
          {options.tiers.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label>
        Owner{' '}
        <select value={slice.ownerIds[0] ?? ''} onChange={(e) => pick('ownerIds', e.target.value)} data-testid="slice-owner">
          <option value="">All</option>
          {options.owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Region{' '}
        <select value={slice.regions[0] ?? ''} onChange={(e) => pick('regions', e.target.value)} data-testid="slice-region">
          <option value="">All</option>
          {options.regions.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
    </div>
  );
}

export function rangeLabel(range: TimeRange): string {
  return RANGE_LABELS[range];
}
