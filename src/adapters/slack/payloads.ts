// The fields of Slack's payloads that Bolt and our listeners read, as zod schemas. A signed body
// that does not fit is refused with a 400 before Bolt routes it (Bolt itself throws on e.g.
// `user: null` or `actions` that is not an array and answers 500); in Socket Mode the same
// schemas check each envelope's payload (socket-guard.ts). The listeners check them again
// before they use a field.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidSlackRequest } from '@slack/bolt';
import { parse as parseQs } from 'node:querystring';
import { z } from 'zod';

/** Longer than any field Slack sends; a bigger value is refused, not parsed further. */
const MAX_ID = 64;
const id = z.string().min(1).max(MAX_ID);

const userRef = z.object({ id }).passthrough();
const teamRef = z.object({ id }).passthrough().nullable().optional();

export const blockActionSchema = z
  .object({
    type: z.string().max(MAX_ID),
    action_id: z.string().max(255),
    value: z.string().max(2000).optional(),
  })
  .passthrough();

export const blockActionsSchema = z
  .object({
    type: z.literal('block_actions'),
    user: userRef,
    team: teamRef,
    actions: z.array(blockActionSchema).max(50),
    trigger_id: z.string().max(255).optional(),
    response_url: z.string().max(2000).optional(),
    channel: z.object({ id }).passthrough().optional(),
  })
  .passthrough();

export const viewSubmissionSchema = z
  .object({
    type: z.literal('view_submission'),
    user: userRef,
    team: teamRef,
    view: z
      .object({
        id,
        callback_id: z.string().max(255),
        private_metadata: z.string().max(3000).optional(),
        state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }).optional(),
      })
      .passthrough(),
  })
  .passthrough();

export const slashCommandSchema = z
  .object({
    command: z.string().max(MAX_ID),
    user_id: id,
    team_id: id.optional(),
    channel_id: id.optional(),
    text: z.string().max(8000).optional(),
    response_url: z.string().max(2000).optional(),
    trigger_id: z.string().max(255).optional(),
  })
  .passthrough();

const str = z.string().max(255);
const anyObject = z.object({}).passthrough();
/** The events we subscribe to, with the fields Bolt and our listeners read (Bolt throws on `channel: null`). */
const EVENT_SCHEMAS: Record<string, z.ZodType> = {
  message: z.object({ channel: str, user: str.optional(), text: z.string().optional() }).passthrough(),
  app_mention: z.object({ channel: str, user: str, text: z.string().optional() }).passthrough(),
  app_home_opened: z.object({ user: str, channel: str.optional(), tab: str.optional() }).passthrough(),
};

export const eventCallbackSchema = z
  .object({
    type: z.literal('event_callback'),
    team_id: str.optional(),
    // Bolt reads the first authorization's fields without a check.
    authorizations: z.array(anyObject).max(100).optional(),
    // Bolt reads these of any event without a check (helpers.ts getTypeAndConversation, App.ts userId).
    event: z
      .object({
        type: str,
        channel: z.union([z.string(), anyObject]).optional(),
        item: anyObject.optional(),
        subteam: anyObject.optional(),
      })
      .passthrough(),
  })
  .passthrough()
  .refine((b) => EVENT_SCHEMAS[b.event.type]?.safeParse(b.event).success ?? true);

/** Slack's workspace and org ids (T…, E…), or empty. */
const WORKSPACE_ID = /^[A-Z0-9]{0,64}$/;
const field = (o: unknown, k: string) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined);

/**
 * Whether every workspace or org id Bolt reads (App.js buildSource) looks like Slack's. Bolt
 * keeps its clients in a plain object keyed by that id, so a signed `team_id` of `valueOf` or
 * `__proto__` reaches Object's own members and Bolt answers 500.
 */
function workspaceIdsOk(b: Record<string, unknown>): boolean {
  const auth = Array.isArray(b.authorizations) ? b.authorizations[0] : undefined;
  return [
    b.team_id,
    b.enterprise_id,
    field(b.team, 'id'),
    field(b.team, 'enterprise_id'),
    field(b.enterprise, 'id'),
    field(b.user, 'team_id'),
    field(b.view, 'app_installed_team_id'),
    field(auth, 'team_id'),
    field(auth, 'enterprise_id'),
  ].every((v) => v === undefined || v === null || (typeof v === 'string' && WORKSPACE_ID.test(v)));
}

/** Whether a parsed, signed body is one Bolt and our listeners can read without throwing. */
export function readablePayload(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  if (!workspaceIdsOk(b)) return false;
  if ('command' in b) return slashCommandSchema.safeParse(b).success;
  if (b.type === 'block_actions') return blockActionsSchema.safeParse(b).success;
  if (b.type === 'view_submission') return viewSubmissionSchema.safeParse(b).success;
  // Bolt routes any body with an `event` as an event, whatever its type.
  if (b.type === 'event_callback' || b.event !== undefined) return eventCallbackSchema.safeParse(b).success;
  if (BOLT_ROUTED.has(b.type as string) || b.name !== undefined || b.actions !== undefined)
    return routedSchema.safeParse(b).success;
  return true;
}

/** Interactive types Bolt routes by reading the fields of `routedSchema` without a check. */
const BOLT_ROUTED = new Set(['shortcut', 'message_action', 'block_suggestion', 'dialog_submission', 'view_closed']);
/** Bolt reads `user.id`, `channel.id` when there is a channel, and a closed view's `view`. */
const routedSchema = z
  .object({ user: userRef, team: teamRef, channel: z.object({ id }).passthrough().optional() })
  .passthrough()
  .refine((b) => b.type !== 'view_closed' || (typeof b.view === 'object' && b.view !== null));

/**
 * Names SocketModeClient emits for itself: it also emits an envelope's `type` and an event's
 * `event.type` by name, so an event naming one of these would pose as the socket (e.g.
 * `disconnected` marks the adapter down, `ws_message` feeds the event back in as a frame).
 */
const CLIENT_EVENTS = new Set([
  'error',
  'close',
  'ws_message',
  'slack_event',
  'outgoing_message',
  'connecting',
  'connected',
  'reconnecting',
  'disconnecting',
  'disconnected',
  'authenticated',
  'newListener',
  'removeListener',
]);

const envelope = {
  envelope_id: z.string().min(1).max(255),
  accepts_response_payload: z.boolean().optional(),
  // Only handed on to Bolt's context; null is as harmless as absent.
  retry_attempt: z.number().int().min(0).nullable().optional(),
  retry_reason: z.string().max(255).nullable().optional(),
};

/**
 * A Socket Mode envelope carrying a payload, with the payload checked as in HTTP mode. Slack
 * sends these three types (and `hello`/`disconnect` without an envelope_id).
 */
export const socketEnvelopeSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...envelope,
      type: z.literal('events_api'),
      payload: eventCallbackSchema.refine((b) => !CLIENT_EVENTS.has(b.event.type)).refine(workspaceIdsOk),
    })
    .passthrough(),
  z
    .object({ ...envelope, type: z.literal('slash_commands'), payload: slashCommandSchema.refine(workspaceIdsOk) })
    .passthrough(),
  z
    .object({
      ...envelope,
      type: z.literal('interactive'),
      payload: z.object({ type: str }).passthrough().refine(readablePayload),
    })
    .passthrough(),
]);

const controlSchema = z.union([
  z.object({ type: z.literal('hello') }).passthrough(),
  z.object({ type: z.literal('disconnect'), reason: z.string().max(255).optional() }).passthrough(),
]);

export type EnvelopeCheck =
  | { ok: true }
  /** `envelopeId` when the envelope can still be acknowledged (so Slack does not send it again). */
  | { ok: false; reason: 'json' | 'too_large' | 'shape'; envelopeId?: string };

/** Bolt's limit on a request body (HTTPModuleFunctions.defaultBodyLimit, 10 MB). */
const BODY_LIMIT = 10 * 1024 * 1024;

async function buffer(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > BODY_LIMIT) return undefined;
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

/** As Bolt parses a body (HTTPModuleFunctions.parseHTTPRequestBody); undefined when it cannot. */
function parseLikeBolt(raw: string, contentType: string | undefined): unknown {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const qs = parseQs(raw);
      return typeof qs.payload === 'string' ? JSON.parse(qs.payload) : { ...qs };
    }
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * In front of Bolt's HTTP receiver: buffers the body (Bolt reuses `rawBody`) and, when the
 * request is signed, answers 400 to a payload Bolt would throw on. Unsigned requests go on to
 * Bolt untouched: verifying them stays Bolt's job (it answers 401).
 * Returns true when it answered.
 */
export async function refuseUnreadable(
  req: IncomingMessage & { rawBody?: Buffer },
  res: ServerResponse,
  signingSecret: string,
): Promise<boolean> {
  if (!Buffer.isBuffer(req.rawBody)) {
    const raw = await buffer(req).catch(() => undefined);
    if (!raw) {
      res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' });
      res.end('payload too large');
      return true;
    }
    req.rawBody = raw;
  }
  const text = req.rawBody.toString();
  const header = (h: string) => {
    const v = req.headers[h];
    return typeof v === 'string' ? v : undefined;
  };
  const contentType = header('content-type');
  const body = parseLikeBolt(text, contentType);
  // ssl_check and unparseable bodies: Bolt has its own answers for those.
  if (body === undefined || readablePayload(body)) return false;
  if ((body as { ssl_check?: unknown } | null)?.ssl_check === '1') return false;
  const signature = header('x-slack-signature');
  const timestamp = Number(header('x-slack-request-timestamp'));
  if (!signature || !Number.isFinite(timestamp)) return false;
  const signed = isValidSlackRequest({
    signingSecret,
    body: text,
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
  });
  if (!signed) return false;
  res.writeHead(400, { 'content-type': 'text/plain' });
  res.end('malformed payload');
  return true;
}

const ENVELOPE_ID = /"envelope_id"\s*:\s*"([A-Za-z0-9-]{1,255})"/;

/**
 * Whether a Socket Mode frame is one SocketModeClient and Bolt can read without throwing or
 * misrouting: a control message, or an envelope whose payload passes the HTTP guard's schemas.
 */
export function checkSocketFrame(text: string): EnvelopeCheck {
  // Over Bolt's HTTP limit: not parsed; its id (when one is there) is still acknowledged.
  if (text.length > BODY_LIMIT) return { ok: false, reason: 'too_large', envelopeId: ENVELOPE_ID.exec(text)?.[1] };
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'json' };
  }
  if (socketEnvelopeSchema.safeParse(frame).success || controlSchema.safeParse(frame).success) return { ok: true };
  const id = (frame as { envelope_id?: unknown } | null)?.envelope_id;
  const ackable = envelope.envelope_id.safeParse(id).success;
  return { ok: false, reason: 'shape', envelopeId: ackable ? (id as string) : undefined };
}
