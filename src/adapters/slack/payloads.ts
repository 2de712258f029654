// The fields of Slack's payloads that Bolt and our listeners read, as zod schemas. A signed body
// that does not fit is refused with a 400 before Bolt routes it (Bolt itself throws on e.g.
// `user: null` or `actions` that is not an array and answers 500), and the listeners check the
// same schemas again before they use a field (Socket Mode has no HTTP guard in front).
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
    event: z.object({ type: str }).passthrough(),
  })
  .passthrough()
  .refine((b) => EVENT_SCHEMAS[b.event.type]?.safeParse(b.event).success ?? true);

/** Whether a parsed, signed body is one Bolt and our listeners can read without throwing. */
export function readablePayload(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  if ('command' in b) return slashCommandSchema.safeParse(b).success;
  if (b.type === 'block_actions') return blockActionsSchema.safeParse(b).success;
  if (b.type === 'view_submission') return viewSubmissionSchema.safeParse(b).success;
  if (b.type === 'event_callback') return eventCallbackSchema.safeParse(b).success;
  return true;
}

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
