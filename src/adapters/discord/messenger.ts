// The Messenger port over Discord REST only (no gateway state), so any shard — or a
// process with no gateway at all — can send and delete DMs. Rate limits are handled by
// discord.js's REST queue; this never adds its own.
import { DiscordAPIError, HTTPError, RateLimitError, Routes } from 'discord.js';
import type { REST } from 'discord.js';
import { DeliveryError } from '../../core/types';
import type { Messenger, Reply, SendOptions } from '../../core/types';
import { renderMessage } from './render';
import { Stash } from './stash';

/** Discord JSON error codes that matter here. */
export const CANNOT_DM_USER = 50007;
const UNKNOWN_CHANNEL = 10003;
const UNKNOWN_MESSAGE = 10008;
const UNKNOWN_USER = 10013;
const UNKNOWN_WEBHOOK = 10015;
const INVALID_WEBHOOK_TOKEN = 50027;

/** The reference of an interaction's reply, for a durable deletion (holds the token: store it sealed). */
export function interactionReplyRef(applicationId: string, token: string, messageId: string): string {
  return JSON.stringify({ a: applicationId, t: token, m: messageId });
}

const HANGUL = /[\uac00-\ud7a3]/;

/**
 * Maps a REST failure to a DeliveryError with a safe message. The raw error is never
 * passed on: discord.js errors carry the request body, which may hold the revealed code.
 */
export function toDeliveryError(err: unknown, what: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof RateLimitError) return new DeliveryError(`${what}: rate limited`, 'rate_limited', err.retryAfter);
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : 0;
    if (code === CANNOT_DM_USER)
      return new DeliveryError(`${what}: the user does not accept direct messages (Discord ${code})`, 'permanent');
    if (code === UNKNOWN_USER || code === UNKNOWN_CHANNEL)
      return new DeliveryError(`${what}: Discord ${code}`, 'permanent');
    if (err.status === 429) return new DeliveryError(`${what}: rate limited`, 'rate_limited');
    if (err.status >= 500) return new DeliveryError(`${what}: Discord HTTP ${err.status}`, 'transient');
    return new DeliveryError(`${what}: Discord HTTP ${err.status} code ${code}`, 'permanent');
  }
  if (err instanceof HTTPError)
    return new DeliveryError(`${what}: Discord HTTP ${err.status}`, err.status >= 500 ? 'transient' : 'permanent');
  // Network failures, aborts (REST timeout): worth another try later.
  return new DeliveryError(`${what}: ${err instanceof Error ? err.name : 'error'}`, 'transient');
}

export class DiscordMessenger implements Messenger {
  readonly platform = 'discord' as const;

  constructor(
    private readonly rest: REST,
    private readonly stash: Stash = new Stash(),
  ) {}

  async sendDirect(userId: string, reply: Reply, opts: SendOptions = {}): Promise<{ ref: string }> {
    let channelId: string;
    try {
      const channel = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
        id: string;
      };
      channelId = channel.id;
    } catch (err) {
      throw toDeliveryError(err, 'opening a DM channel');
    }
    const lang = HANGUL.test(reply.text) ? 'ko' : 'en';
    const rendered = renderMessage(reply, { ephemeral: false, lang, stash: this.stash });
    // A keyed send: Discord answers a repeat of the nonce (within minutes) with the message
    // already created, so a retry after a lost answer (5xx, timeout) does not post twice.
    const body = opts.key ? { ...rendered, nonce: opts.key.slice(0, 25), enforce_nonce: true } : rendered;
    try {
      const message = (await this.rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
      return { ref: `${channelId}/${message.id}` };
    } catch (err) {
      throw toDeliveryError(err, 'sending a DM');
    }
  }

  async deleteInteractionReply(ref: string): Promise<void> {
    let r: { a?: unknown; t?: unknown; m?: unknown };
    try {
      r = JSON.parse(ref) as typeof r;
    } catch {
      return; // not ours
    }
    if (typeof r.a !== 'string' || typeof r.t !== 'string' || typeof r.m !== 'string') return;
    try {
      await this.rest.delete(Routes.webhookMessage(r.a, r.t, r.m), { auth: false });
    } catch (err) {
      // Gone already, or the token expired (then the ephemeral reply cannot be touched any more).
      if (
        err instanceof DiscordAPIError &&
        [UNKNOWN_MESSAGE, UNKNOWN_WEBHOOK, INVALID_WEBHOOK_TOKEN].includes(Number(err.code))
      )
        return;
      throw toDeliveryError(err, 'deleting an interaction reply');
    }
  }

  async deleteDirect(ref: string): Promise<void> {
    const [channelId, messageId] = ref.split('/');
    // Not a reference we made: nothing we could ever delete (a job must not retry it forever).
    if (!channelId || !messageId) return;
    try {
      await this.rest.delete(Routes.channelMessage(channelId, messageId));
    } catch (err) {
      // Already gone (the user closed the DM or deleted it): the goal is reached.
      if (err instanceof DiscordAPIError && (err.code === UNKNOWN_MESSAGE || err.code === UNKNOWN_CHANNEL)) return;
      throw toDeliveryError(err, 'deleting a DM');
    }
  }
}
