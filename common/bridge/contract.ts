import { z } from 'zod';
import { ROLES } from '../sync/access-policy';
import {
  type CalendarCallRequest,
  type CalendarConnectRequest,
  MAX_OPEN_FILE_BYTES,
  type DesktopNotification,
  type ExportPdfRequest,
  type OpenFilesRequest,
  type SaveFileRequest,
  type SyncSession,
} from './channels';

/**
 * The one contract between the renderer and its host. The Electron preload implements it over IPC
 * (app/preload), the browser host implements it with web APIs (app/renderer/src/host/browser-host.ts);
 * the renderer only ever sees `OutpostBridge`. The interface and channel names live in the zod-free `channels.ts`
 * (all the preload needs); this module adds the schemas that validate every argument, and re-exports the rest.
 */
export * from './channels';

const fileFilter = z.object({
  name: z.string().min(1).max(100),
  extensions: z.array(z.string().regex(/^[A-Za-z0-9*]{1,16}$/, 'extension must be alphanumeric, without a dot')).max(20),
});

export const openFilesRequestSchema = z.object({
  title: z.string().max(200).optional(),
  filters: z.array(fileFilter).max(10).default([]),
  multiple: z.boolean().default(false),
});

export const saveFileRequestSchema = z.object({
  suggestedName: z
    .string()
    .min(1)
    .max(255)
    .refine((n) => !/[\\/]/.test(n), 'suggestedName must be a file name, not a path'),
  content: z.string().max(MAX_OPEN_FILE_BYTES),
  filters: z.array(fileFilter).max(10).default([]),
});

export const exportPdfRequestSchema = z.object({
  suggestedName: z
    .string()
    .min(5)
    .max(255)
    .refine((n) => !/[\\/]/.test(n), 'suggestedName must be a file name, not a path')
    .refine((n) => /\.pdf$/i.test(n), 'suggestedName must end in .pdf'),
  landscape: z.boolean().default(false),
});

export const desktopNotificationSchema = z.object({
  title: z.string().min(1).max(200),
  body: z.string().max(2000).default(''),
});

/** What the app keeps of a team-sync sign-in: enough to refresh the access token after a restart. */
export const syncSessionSchema = z
  .object({
    serverUrl: z
      .string()
      .max(2048)
      .url()
      .refine((url) => /^https?:\/\//.test(url), 'serverUrl must be an http(s) URL'),
    user: z.object({
      id: z.string().min(1).max(128),
      email: z.string().max(254),
      name: z.string().max(200),
      role: z.enum(ROLES),
      teamId: z.string().max(128).nullable(),
    }),
    refreshToken: z.string().min(1).max(4096),
    accessToken: z.string().min(1).max(4096),
    /** Epoch ms when the access token expires. */
    accessExpiresAt: z.number().int().nonnegative(),
  })
  .strict();

const httpUrl = z
  .string()
  .max(2048)
  .url()
  .refine((url) => /^https?:\/\//.test(url), 'must be an http(s) URL');

const googleConnectionSchema = z
  .object({
    provider: z.literal('google'),
    clientId: z.string().min(1).max(512),
    clientSecret: z.string().max(512).optional(),
    refreshToken: z.string().min(1).max(4096),
    calendarId: z.string().min(1).max(1024),
    rootUrl: httpUrl.optional(),
    tokenUrl: httpUrl.optional(),
  })
  .strict();
const calDavConnectionSchema = z.object({ provider: z.literal('caldav'), calendarUrl: httpUrl, username: z.string().min(1).max(512), password: z.string().max(4096) }).strict();

/** What the host keeps of a connection across restarts (a sign-in is kept as the Google connection it produced). */
export const keptCalendarConnectionSchema = z.union([googleConnectionSchema, calDavConnectionSchema]);

export const calendarConnectRequestSchema = z.union([
  googleConnectionSchema,
  z
    .object({
      provider: z.literal('google-sign-in'),
      clientId: z.string().min(1).max(512),
      clientSecret: z.string().max(512).optional(),
      calendarId: z.string().min(1).max(1024),
      rootUrl: httpUrl.optional(),
      tokenUrl: httpUrl.optional(),
      authUrl: httpUrl.optional(),
    })
    .strict(),
  calDavConnectionSchema,
]);

const isoInstant = z.string().max(40).refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO date-time');
const calendarDraftSchema = z
  .object({
    activityId: z.string().min(1).max(128),
    title: z.string().max(500),
    description: z.string().max(100_000),
    start: isoInstant,
    end: isoInstant,
    timeZone: z.string().min(1).max(64),
    attendees: z.array(z.object({ name: z.string().max(200), email: z.string().max(320), contactId: z.string().max(128).optional() }).strict()).max(100),
    accountId: z.string().max(128).optional(),
    meetingType: z.enum(['qbr', 'onboarding', 'training', 'executive_review', 'renewal', 'check_in']).optional(),
    cancelled: z.boolean().optional(),
  })
  .strict();

const eventId = z.string().min(1).max(2048);
export const calendarCallRequestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('status') }).strict(),
  z.object({ op: z.literal('sync'), syncToken: z.string().max(4096).optional() }).strict(),
  z.object({ op: z.literal('get'), eventId }).strict(),
  z.object({ op: z.literal('create'), draft: calendarDraftSchema }).strict(),
  z.object({ op: z.literal('update'), eventId, draft: calendarDraftSchema, ifMatch: z.string().max(256).optional() }).strict(),
  z.object({ op: z.literal('cancel'), eventId, ifMatch: z.string().max(256).optional() }).strict(),
]);

// The interfaces in channels.ts and what the schemas accept must be the same types: the build fails otherwise.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatchChannelTypes: [
  Same<z.input<typeof openFilesRequestSchema>, OpenFilesRequest>,
  Same<z.input<typeof saveFileRequestSchema>, SaveFileRequest>,
  Same<z.input<typeof desktopNotificationSchema>, DesktopNotification>,
  Same<z.infer<typeof syncSessionSchema>, SyncSession>,
  Same<z.input<typeof calendarConnectRequestSchema>, CalendarConnectRequest>,
  Same<z.input<typeof calendarCallRequestSchema>, CalendarCallRequest>,
  Same<z.input<typeof exportPdfRequestSchema>, ExportPdfRequest>,
] = [true, true, true, true, true, true, true];
void schemasMatchChannelTypes;
