import { z } from 'zod';
import { ACCOUNT_TIERS, LIFECYCLE_STAGES, type Account, type EditableAccountField } from '../model';

/** How each editable field is shown and typed into in the workbench. */
export const ACCOUNT_FIELD_LABELS: Record<EditableAccountField, string> = {
  name: 'Name',
  domain: 'Domain',
  industry: 'Industry',
  region: 'Region',
  tier: 'Tier',
  lifecycleStage: 'Lifecycle stage',
  plan: 'Plan',
  seatsPurchased: 'Seats purchased',
  seatsActive: 'Seats active',
  mrr: 'MRR',
  renewalDate: 'Renewal date',
};

export type AccountFieldInput =
  | { kind: 'text'; maxLength: number }
  | { kind: 'number' }
  | { kind: 'date' }
  | { kind: 'select'; options: readonly string[] };

export const ACCOUNT_FIELD_INPUTS: Record<EditableAccountField, AccountFieldInput> = {
  name: { kind: 'text', maxLength: 200 },
  domain: { kind: 'text', maxLength: 253 },
  industry: { kind: 'text', maxLength: 100 },
  region: { kind: 'text', maxLength: 100 },
  tier: { kind: 'select', options: ACCOUNT_TIERS },
  lifecycleStage: { kind: 'select', options: LIFECYCLE_STAGES },
  plan: { kind: 'text', maxLength: 100 },
  seatsPurchased: { kind: 'number' },
  seatsActive: { kind: 'number' },
  mrr: { kind: 'number' },
  renewalDate: { kind: 'date' },
};

const label = ACCOUNT_FIELD_LABELS;

function text(field: EditableAccountField, max: number, required: boolean) {
  const base = z.string().trim().max(max, `${label[field]} must be at most ${max} characters`);
  return required ? base.min(1, `${label[field]} is required`) : base;
}

/** Accepts "45000", "45,000" and "$45,000"; the limits are the RxDB schema's. */
function amount(field: EditableAccountField, options: { integer: boolean; max: number }) {
  const pattern = options.integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
  const what = options.integer ? 'a whole number ≥ 0' : 'a number ≥ 0';
  return z
    .string()
    .transform((raw) => raw.replace(/[\s,$]/g, ''))
    .refine((raw) => pattern.test(raw), `${label[field]} must be ${what}`)
    .transform(Number)
    .refine((value) => value <= options.max, `${label[field]} must be at most ${options.max.toLocaleString('en-US')}`);
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function oneOf<T extends string>(field: EditableAccountField, options: readonly [T, ...T[]]) {
  return z.enum(options, { error: `${label[field]} must be one of ${options.join(', ')}` });
}

/** One schema per editable field: raw input text in, the value to store out, or a message naming the field. */
export const accountFieldSchemas = {
  name: text('name', 200, true),
  domain: text('domain', 253, false)
    .transform((value) => value.toLowerCase())
    .refine(
      (value) => value === '' || /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(value),
      `${label.domain} must look like example.com`,
    ),
  industry: text('industry', 100, false),
  region: text('region', 100, false),
  tier: oneOf('tier', ACCOUNT_TIERS),
  lifecycleStage: oneOf('lifecycleStage', LIFECYCLE_STAGES),
  plan: text('plan', 100, false),
  seatsPurchased: amount('seatsPurchased', { integer: true, max: 10_000_000 }),
  seatsActive: amount('seatsActive', { integer: true, max: 10_000_000 }),
  mrr: amount('mrr', { integer: false, max: 1_000_000_000 }),
  renewalDate: z
    .string()
    .trim()
    .refine(isCalendarDate, `${label.renewalDate} must be a valid date (YYYY-MM-DD)`),
} satisfies { [K in EditableAccountField]: z.ZodType<Account[K], string> };

export type AccountFieldParse<K extends EditableAccountField> =
  | { ok: true; value: Account[K] }
  | { ok: false; error: string };

/** Validates what a person typed for one field. */
export function parseAccountField<K extends EditableAccountField>(field: K, raw: string): AccountFieldParse<K> {
  const result = (accountFieldSchemas[field] as unknown as z.ZodType<Account[K], string>).safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: result.error.issues[0]?.message ?? `${label[field]} is not valid` };
}

/** The text an editor starts from for a stored value. */
export function accountFieldToInput(value: Account[EditableAccountField]): string {
  return String(value);
}
