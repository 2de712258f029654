// Interaction responses straight over discord.js's REST client, from bodies already in API
// shape (render.ts). discord.js's own reply()/showModal() would turn those bodies into
// options and back through MessagePayload (lazy `require`s, builders, snake-casing) on
// every call — the largest avoidable per-interaction cost in the adapter's profile. Rate
// limits and errors (DiscordAPIError) are still @discordjs/rest's.
import { Routes } from 'discord.js';
import { metrics } from '../../core/metrics';
import type { REST } from 'discord.js';
import { MessageFlagsEphemeral, type ApiMessage, type ApiModal } from './render';

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

/** One interaction's responses: exactly one initial callback, then webhook edits and follow-ups. */
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
