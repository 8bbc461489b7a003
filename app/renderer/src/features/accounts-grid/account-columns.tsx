import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { ACCOUNT_STATUSES, ACCOUNT_TIERS, LIFECYCLE_STAGES, type Account, type IsoDate } from '../../../../../common/model';
import { formatSeatUse, formatSeats } from '../../../../../common/format/format';
import { annualRecurringRevenue, daysToRenewal, seatUtilizationPercent } from '../../../../../common/model/derived-fields';

/** Decides the filter control and the sort comparison. */
export type AccountColumnKind = 'text' | 'number' | 'enum' | 'date';

/** What a column's value may depend on besides the account itself. */
export interface AccountColumnContext {
  /** `YYYY-MM-DD`, the person's local calendar day (`todayIsoDate`). */
  today: IsoDate;
}

/** A sortable, filterable value; `undefined` is "no value" and sorts last. */
export type AccountColumnValue = string | number | undefined;

export interface AccountColumn {
  /** Stable id: used in saved views, `data-column` on cells, and CSV export order. Never rename one. */
  id: string;
  /** Header text, filter label ("Filter <label>") and CSV header. */
  label: string;
  kind: AccountColumnKind;
  /** The choices of an `enum` column's filter. */
  options?: readonly string[];
  /** The value sorted, filtered and exported. Called once per row per data change, so keep it cheap. */
  value(account: Account, context: AccountColumnContext): AccountColumnValue;
  /** Cell text; defaults to the value as a string (or an empty cell). */
  format?(value: AccountColumnValue, account: Account): string;
  /** Cell content when it is more than text (e.g. a link); defaults to `format`. */
  render?(value: AccountColumnValue, account: Account): ReactNode;
  /** CSV cell; defaults to `value`. */
  exportValue?(account: Account, context: AccountColumnContext): unknown;
  /** Width in px. */
  width: number;
  /** Right-align numbers. */
  align?: 'start' | 'end';
  /** Columns are shown unless this says otherwise (a person can still show them). */
  hiddenByDefault?: boolean;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

const money = (value: AccountColumnValue) => (typeof value === 'number' ? usd.format(value) : '');
const whole = (value: AccountColumnValue) => (typeof value === 'number' ? integer.format(value) : '');

/** The columns of the account's own fields, in default order (the grid adds the score columns after them). */
export const ACCOUNT_FIELD_COLUMNS: readonly AccountColumn[] = [
  {
    id: 'name',
    label: 'Name',
    kind: 'text',
    width: 240,
    value: (a) => a.name,
    render: (_value, a) => (
      <Link href={`/accounts/${encodeURIComponent(a.id)}`} tabIndex={-1} className="grid-link" title={a.name}>
        {a.name}
      </Link>
    ),
  },
  { id: 'tier', label: 'Tier', kind: 'enum', options: ACCOUNT_TIERS, width: 110, value: (a) => a.tier },
  { id: 'owner', label: 'Owner', kind: 'text', width: 160, value: (a) => a.ownerName },
  { id: 'industry', label: 'Industry', kind: 'text', width: 180, value: (a) => a.industry },
  { id: 'region', label: 'Region', kind: 'text', width: 140, value: (a) => a.region },
  { id: 'status', label: 'Status', kind: 'enum', options: ACCOUNT_STATUSES, width: 110, value: (a) => a.status },
  { id: 'stage', label: 'Stage', kind: 'enum', options: LIFECYCLE_STAGES, width: 130, value: (a) => a.lifecycleStage },
  {
    id: 'seats',
    label: 'Seats',
    kind: 'number',
    width: 130,
    align: 'end',
    value: (a) => a.seatsActive,
    format: (_value, a) => formatSeats(a.seatsActive, a.seatsPurchased),
    exportValue: (a) => `${a.seatsActive} / ${a.seatsPurchased}`,
  },
  {
    id: 'seatUse',
    label: 'Seat use %',
    kind: 'number',
    width: 120,
    align: 'end',
    value: (a) => {
      const percent = seatUtilizationPercent(a);
      return percent === null ? undefined : Math.round(percent);
    },
    format: (value) => (typeof value === 'number' ? formatSeatUse(value) : ''),
  },
  { id: 'mrr', label: 'MRR', kind: 'number', width: 120, align: 'end', value: (a) => a.mrr, format: money },
  {
    id: 'arr',
    label: 'ARR',
    kind: 'number',
    width: 140,
    align: 'end',
    value: (a) => annualRecurringRevenue(a.mrr),
    format: money,
  },
  { id: 'renewalDate', label: 'Renewal date', kind: 'date', width: 150, value: (a) => a.renewalDate },
  {
    id: 'daysToRenewal',
    label: 'Days to renewal',
    kind: 'number',
    width: 160,
    align: 'end',
    value: (a, context) => daysToRenewal(a.renewalDate, context.today) ?? undefined,
    format: whole,
  },
];

/** The text a cell shows (and the accessible text of rendered cells). */
export function formatAccountCell(column: AccountColumn, value: AccountColumnValue, account: Account): string {
  if (column.format) return column.format(value, account);
  return value === undefined ? '' : String(value);
}
