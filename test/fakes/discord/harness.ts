// Starts the fake API + gateway pair and wires them together.
import { FakeDiscordApi } from './api';
import { FakeGateway } from './gateway';
import {
  buttonInteraction,
  commandInteraction,
  dmMessage,
  modalSubmitInteraction,
  shardFor,
  snowflake,
  type Who,
} from './payloads';

export const TEST_TOKEN = 'fake-bot-token.for-tests';
export const TEST_APP_ID = '1234567890123456789';

export interface FakeDiscord {
  api: FakeDiscordApi;
  gateway: FakeGateway;
  shards: number;
  /** Env for the app / shard processes: points discord.js at the fakes. */
  env: Record<string, string>;
  who(userId: string, opts?: { guildId?: string; locale?: string }): Who;
  /** Dispatches and returns the interaction (id, token) — routed to the right shard. */
  command(w: Who, sub: string, option?: { name: string; value: string }): { id: string; token: string };
  button(w: Who, customId: string): { id: string; token: string };
  modalSubmit(w: Who, customId: string, values: Record<string, string>): { id: string; token: string };
  dm(userId: string, content: string): { id: string; channelId: string };
  close(): Promise<void>;
}

export async function startFakeDiscord(
  opts: { shards?: number; heartbeatIntervalMs?: number; validate?: boolean } = {},
): Promise<FakeDiscord> {
  const shards = opts.shards ?? 1;
  const gateway = await FakeGateway.start({
    token: TEST_TOKEN,
    applicationId: TEST_APP_ID,
    heartbeatIntervalMs: opts.heartbeatIntervalMs,
  });
  const api = await FakeDiscordApi.start({
    applicationId: TEST_APP_ID,
    token: TEST_TOKEN,
    gateway: () => ({ url: gateway.url, shards }),
    validate: opts.validate,
  });
  const send = (w: Who, payload: { id: string; token: string }) => {
    api.interaction(payload.id, payload.token);
    gateway.dispatch(shardFor(w.guildId, shards), 'INTERACTION_CREATE', payload as never);
    return { id: payload.id, token: payload.token };
  };
  return {
    api,
    gateway,
    shards,
    env: { DISCORD_TOKEN: TEST_TOKEN, DISCORD_APPLICATION_ID: TEST_APP_ID, DISCORD_API_URL: api.url },
    who: (userId, o = {}) => ({ userId, applicationId: TEST_APP_ID, ...o }),
    command: (w, sub, option) => send(w, commandInteraction(w, sub, option)),
    button: (w, customId) => send(w, buttonInteraction(w, customId)),
    modalSubmit: (w, customId, values) => send(w, modalSubmitInteraction(w, customId, values)),
    dm(userId, content) {
      // The user's DM channel with the bot (the same one the bot opens to DM them).
      let channelId = api.dmChannelFor(userId);
      if (!channelId) api.dmChannels.set((channelId = snowflake()), userId);
      const m = dmMessage({ userId, applicationId: TEST_APP_ID }, content, channelId);
      gateway.dispatch(0, 'MESSAGE_CREATE', m as never);
      return { id: m.id, channelId };
    },
    async close() {
      await gateway.close();
      await api.close();
    },
  };
}
