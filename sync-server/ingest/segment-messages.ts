import { z } from 'zod';

/**
 * The subset of Segment's HTTP Tracking API messages Outpost reads (track, identify, group; batch of them). Other
 * fields are allowed and ignored. The account is the message's `groupId` (group calls), `context.groupId` or
 * `properties.accountId`; for track calls without one, the account the user was last grouped into.
 */
const base = {
  messageId: z.string().min(1).max(200).optional(),
  userId: z.union([z.string().min(1).max(200), z.number()]).optional(),
  anonymousId: z.union([z.string().min(1).max(200), z.number()]).optional(),
  timestamp: z.string().datetime({ offset: true }).optional(),
  context: z.object({ groupId: z.string().min(1).max(200).optional() }).passthrough().optional(),
};

export const trackMessage = z.object({
  ...base,
  type: z.literal('track').optional(),
  event: z.string().min(1).max(200),
  properties: z.object({ accountId: z.string().min(1).max(200).optional(), count: z.number().int().min(1).max(1_000_000).optional() }).passthrough().optional(),
});
export const identifyMessage = z.object({ ...base, type: z.literal('identify').optional(), traits: z.record(z.string(), z.unknown()).optional() });
export const groupMessage = z.object({ ...base, type: z.literal('group').optional(), groupId: z.string().min(1).max(200), traits: z.record(z.string(), z.unknown()).optional() });

export type MessageType = 'track' | 'identify' | 'group';
export const MESSAGE_SCHEMAS = { track: trackMessage, identify: identifyMessage, group: groupMessage } as const;

/** One accepted message, normalised. */
export interface IngestEvent {
  messageId: string;
  type: MessageType;
  user: string;
  accountKey?: string;
  event?: string;
  count: number;
  timestamp: string;
}

export type Checked = { ok: true; event: IngestEvent } | { ok: false; index: number; messageId?: string; error: string };

/** Validates one message of a given type; says what is wrong with it otherwise. */
export function checkMessage(type: MessageType, raw: unknown, index: number, receivedAt: string, fallbackId: () => string): Checked {
  const parsed = MESSAGE_SCHEMAS[type].safeParse(raw);
  const messageId = typeof (raw as { messageId?: unknown })?.messageId === 'string' ? (raw as { messageId: string }).messageId : undefined;
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, index, ...(messageId ? { messageId } : {}), error: `${issue.path.join('.') || 'message'}: ${issue.message}` };
  }
  const m = parsed.data as z.infer<typeof trackMessage> & { groupId?: string };
  const user = m.userId ?? m.anonymousId;
  if (user === undefined) return { ok: false, index, ...(messageId ? { messageId } : {}), error: 'userId or anonymousId is required' };
  const accountKey = m.groupId ?? m.context?.groupId ?? m.properties?.accountId;
  return {
    ok: true,
    event: {
      messageId: m.messageId ?? fallbackId(), type, user: String(user),
      ...(accountKey ? { accountKey } : {}), ...(m.event ? { event: m.event } : {}),
      count: m.properties?.count ?? 1, timestamp: m.timestamp ?? receivedAt,
    },
  };
}
