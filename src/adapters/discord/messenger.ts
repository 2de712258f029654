// Everything the adapter sends, over Discord REST only (no gateway state): the Messenger port
// (DMs, so any shard — or a process with no gateway at all — can send and delete them) and
// InteractionResponder (one interaction's responses). Rate limits are handled by discord.js's
// REST queue; this never adds its own.
import { metrics } from '../../core/metrics';
import { DiscordAPIError, HTTPError, RateLimitError, Routes } from 'discord.js';
import type { REST } from 'discord.js';
import { DeliveryError } from '../../core/types';
import type { Messenger, Reply, SendOptions } from '../../core/types';
import { MessageFlagsEphemeral, renderMessage, type ApiMessage, type ApiModal } from './render';
import { PendingForms } from './forms';

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
    private readonly forms: PendingForms = new PendingForms(),
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
    const rendered = renderMessage(reply, { ephemeral: false, lang, forms: this.forms });
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

/** What Discord's interaction responses need: who answers, and the interaction's token. */
export interface InteractionRef {
  id: string;
  token: string;
  applicationId: string;
}

// Initial response types (Discord API: InteractionResponseType).
const CHANNEL_MESSAGE = 4;
const DEFERRED_CHANNEL_MESSAGE = 5;
const MODAL = 9;

// The same query discord.js sends: the callback answers 204 with no body.
const NO_RESPONSE = new URLSearchParams({ with_response: 'false' });
const WAIT = new URLSearchParams({ wait: 'true' });

/**
 * One interaction's responses: exactly one initial callback, then webhook edits and follow-ups.
 * Straight over the REST client from bodies already in API shape (render.ts): discord.js's own
 * reply()/showModal() would turn them into options and back through MessagePayload (lazy
 * requires, builders, snake-casing) on every call — the largest avoidable per-interaction cost
 * in the adapter's profile. Rate limits and errors (DiscordAPIError) are still @discordjs/rest's.
 */
export class InteractionResponder {
  /** Made as the interaction arrives (handleInteraction): the start of pccc_ack_seconds. */
  private readonly received = performance.now();

  constructor(
    private readonly rest: REST,
    private readonly ref: InteractionRef,
  ) {}

  /** The initial response is Discord's acknowledgement: timed until Discord accepted it. */
  private async callback(body: { type: number; data: unknown }): Promise<void> {
    await this.rest.post(Routes.interactionCallback(this.ref.id, this.ref.token), {
      body,
      auth: false,
      query: NO_RESPONSE,
    });
    metrics().ack('discord', (performance.now() - this.received) / 1000);
  }

  /** The initial response: a message (ephemeral when `message.flags` says so). */
  async reply(message: ApiMessage | { content: string; flags: number }): Promise<void> {
    await this.callback({ type: CHANNEL_MESSAGE, data: message });
  }

  /** "Thinking…"; the answer follows with `editOriginal`. */
  async defer(ephemeral: boolean): Promise<void> {
    await this.callback({ type: DEFERRED_CHANNEL_MESSAGE, data: { flags: ephemeral ? MessageFlagsEphemeral : 0 } });
  }

  async showModal(modal: ApiModal): Promise<void> {
    await this.callback({ type: MODAL, data: modal });
  }

  /** Replaces the original response (its visibility was fixed by the first response). */
  async editOriginal(message: Partial<ApiMessage>): Promise<void> {
    const { flags: _fixed, ...body } = message;
    await this.rest.patch(Routes.webhookMessage(this.ref.applicationId, this.ref.token, '@original'), {
      body,
      auth: false,
    });
  }

  /** Another message under the interaction; returns its id (for a later delete). */
  async followUp(message: ApiMessage): Promise<{ id: string }> {
    return (await this.rest.post(Routes.webhook(this.ref.applicationId, this.ref.token), {
      body: message,
      auth: false,
      query: WAIT,
    })) as { id: string };
  }

  /** Deletes the original response (`@original`) or a follow-up by id. */
  async delete(messageId: string): Promise<void> {
    await this.rest.delete(Routes.webhookMessage(this.ref.applicationId, this.ref.token, messageId), { auth: false });
  }
}
