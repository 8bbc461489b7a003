import { z } from 'zod';
import { ROLES } from '../sync/access-policy';
import {
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

// The interfaces in channels.ts and what the schemas accept must be the same types: the build fails otherwise.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasMatchChannelTypes: [
  Same<z.input<typeof openFilesRequestSchema>, OpenFilesRequest>,
  Same<z.input<typeof saveFileRequestSchema>, SaveFileRequest>,
  Same<z.input<typeof desktopNotificationSchema>, DesktopNotification>,
  Same<z.infer<typeof syncSessionSchema>, SyncSession>,
  Same<z.input<typeof exportPdfRequestSchema>, ExportPdfRequest>,
] = [true, true, true, true, true];
void schemasMatchChannelTypes;
