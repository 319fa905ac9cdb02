import { z } from 'zod';

/** A lone UTF-16 surrogate: `encodeURIComponent` throws on one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** An id the SDK puts into the reply's URL path (`/conversations/{id}/activities/{id}`). */
const PathId = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !LONE_SURROGATE.test(s), 'must be well-formed Unicode');
/** A string field the SDK copies into its reply, whose serializer refuses any other type. */
const Text = z.string().max(1024).nullish();
const Account = z
  .object({ id: z.string().min(1).max(1024), name: Text, aadObjectId: Text, role: Text })
  .passthrough();
/** The SDK reads `type` (and a mention's `mentioned.id` and `text`) of every entity unchecked. */
const Entity = z
  .object({ type: z.string().max(100), mentioned: Account.optional(), text: z.string().optional() })
  .passthrough()
  .refine((e) => e.type !== 'mention' || (e.mentioned && e.text !== undefined), {
    message: 'a mention needs `mentioned` and `text`',
  });
/** The parts of an activity the adapter and the bot rely on; the rest passes through unread. */
const ActivityBody = z
  .object({
    type: z.string().min(1).max(100),
    id: PathId(0, 1024).optional(),
    serviceUrl: z.string().url().max(2048),
    channelId: z.string().min(1).max(100),
    conversation: z
      .object({
        id: PathId(1, 1024),
        conversationType: z.string().max(50).optional(),
        isGroup: z.boolean().nullish(),
        name: Text,
        tenantId: Text,
        aadObjectId: Text,
        role: Text,
      })
      .passthrough(),
    from: Account.optional(),
    recipient: Account.optional(),
    locale: z.string().max(100).nullish(),
    text: z.string().optional(),
    entities: z.array(Entity).max(200).optional(),
    attachments: z.array(z.record(z.string(), z.unknown())).max(50).optional(),
    membersAdded: z.array(Account).max(1000).optional(),
    membersRemoved: z.array(Account).max(1000).optional(),
  })
  .passthrough();

/** What the HTTP host needs of a checked activity: its id, type and kind of conversation. */
export interface ActivityShape {
  id?: string;
  type: string;
  conversationType?: string;
}

/**
 * Checks a request body is an activity the adapter and the bot can handle safely: its shape, or
 * what zod found wrong (the HTTP host words it for the 400 response).
 */
export function checkActivity(
  body: unknown,
): { ok: true; activity: ActivityShape } | { ok: false; error: z.ZodError } {
  const parsed = ActivityBody.safeParse(body);
  if (!parsed.success) return { ok: false, error: parsed.error };
  const { id, type, conversation } = parsed.data;
  return {
    ok: true,
    activity: {
      ...(id !== undefined ? { id } : {}),
      type,
      ...(conversation.conversationType !== undefined
        ? { conversationType: conversation.conversationType }
        : {}),
    },
  };
}
