import { z } from 'zod';
import type { ActivityType } from '../model';

/** Activity types a person can log by hand; tickets and NPS responses arrive from imports. */
export const LOGGABLE_ACTIVITY_TYPES = ['note', 'email', 'call', 'meeting', 'qbr'] as const satisfies readonly ActivityType[];
export type LoggableActivityType = (typeof LOGGABLE_ACTIVITY_TYPES)[number];

/** Limits from the RxDB activity schema. */
export const ACTIVITY_SUBJECT_MAX = 500;
export const ACTIVITY_BODY_MAX = 100_000;

/** The "Add a note / log an activity" form: raw form values in, the fields to store out. */
export const activityFormSchema = z.object({
  type: z.enum(LOGGABLE_ACTIVITY_TYPES, { error: `Type must be one of ${LOGGABLE_ACTIVITY_TYPES.join(', ')}` }),
  subject: z
    .string()
    .trim()
    .min(1, 'Subject is required')
    .max(ACTIVITY_SUBJECT_MAX, `Subject must be at most ${ACTIVITY_SUBJECT_MAX} characters`),
  body: z.string().max(ACTIVITY_BODY_MAX, `Note must be at most ${ACTIVITY_BODY_MAX.toLocaleString('en-US')} characters`),
  /** A `datetime-local` value (local time, no zone), stored as an ISO instant. */
  occurredAt: z
    .string()
    .refine((value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(new Date(value).getTime()), 'Date must be a valid date and time')
    .transform((value) => new Date(value).toISOString()),
});

/** What the form holds: plain strings, whatever was typed or selected. */
export type ActivityFormInput = Record<'type' | 'subject' | 'body' | 'occurredAt', string>;
export type ActivityFormValues = z.output<typeof activityFormSchema>;

export type ActivityFormParse = { ok: true; values: ActivityFormValues } | { ok: false; errors: Partial<Record<keyof ActivityFormInput, string>> };

export function parseActivityForm(input: ActivityFormInput): ActivityFormParse {
  const result = activityFormSchema.safeParse(input);
  if (result.success) return { ok: true, values: result.data };
  const errors: Partial<Record<keyof ActivityFormInput, string>> = {};
  for (const issue of result.error.issues) {
    const key = issue.path[0] as keyof ActivityFormInput | undefined;
    if (key && !errors[key]) errors[key] = issue.message;
  }
  return { ok: false, errors };
}

/** `now` as a `datetime-local` input value in the user's time zone. */
export function toDateTimeLocal(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}
