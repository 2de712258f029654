// Discord adapter entry: one discord.js client (all shards, or the ones ShardingManager
// gave this process), the interaction/DM listeners, and the REST Messenger.
import { EventEmitter } from 'node:events';
import { Events, Status } from 'discord.js';
import { metrics } from '../../core/metrics';
import type { Client, Interaction, Message } from 'discord.js';
import type { Form } from '../../core/types';
import type { ChatAdapter } from '../adapter';
import { createClient } from './client';
import { answerDirectMessage, handleInteraction } from './deliver';
import { PendingForms } from './forms';
import { dropMalformed } from './guard';
import type { DiscordHost, Runtime } from './host';
import { DiscordMessenger } from './messenger';

export { registerCommands } from './register';
export { DiscordMessenger } from './messenger';
export type { DiscordHost } from './host';

export interface StartDiscordOptions {
  shards?: number[];
  shardCount?: number;
  /** Time the core gets before an interaction is deferred. Default 1500 ms. */
  budgetMs?: number;
}

export interface DiscordHandle extends ChatAdapter {
  readonly platform: 'discord';
  client: Client;
  messenger: DiscordMessenger;
  /** Emits `settled` with the interaction or message id once it has been fully answered. */
  events: EventEmitter;
  /** Every shard this client runs is connected to the gateway. */
  ready(): boolean;
  /** Stops taking new interactions and DMs (the gateway stays up until stop()). */
  stopAccepting(): void;
}

export async function startDiscord(host: DiscordHost, opts: StartDiscordOptions = {}): Promise<DiscordHandle> {
  const token = host.config.discordToken;
  if (!token) throw new Error('DISCORD_TOKEN is not set: the Discord adapter cannot start.');
  const client = createClient({ apiUrl: host.config.discordApiUrl, shards: opts.shards, shardCount: opts.shardCount });
  const forms = host.ephemeral
    ? new PendingForms(undefined, undefined, undefined, host.ephemeral, () =>
        host.log.warn('discord: shared pending forms unavailable'),
      )
    : new PendingForms();
  const messenger = new DiscordMessenger(client.rest, forms);
  host.registerMessenger(messenger);
  const rt: Runtime = { host, forms, budgetMs: opts.budgetMs ?? 1500, shownForms: new Map<string, Form>() };
  const log = host.log;

  const events = new EventEmitter();
  events.setMaxListeners(0);
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  const track = (id: string, kind: string, work: Promise<void>) => {
    const started = performance.now();
    inFlight.add(work);
    void work
      .then(
        () => metrics().event('discord', kind, 'ok'),
        () => metrics().event('discord', kind, 'error'),
      )
      .finally(() => {
        metrics().reply('discord', (performance.now() - started) / 1000);
        inFlight.delete(work);
        events.emit('settled', id);
      });
  };

  client.on(Events.Raw, (packet: { t?: string | null; d?: unknown }) =>
    dropMalformed(packet, () => log.warn('discord: dropped an interaction discord.js cannot read')),
  );
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (stopping) return;
    if (interaction.isChatInputCommand() || interaction.isButton() || interaction.isModalSubmit()) {
      const kind = interaction.isChatInputCommand() ? 'command' : interaction.isButton() ? 'action' : 'form';
      track(interaction.id, kind, handleInteraction(interaction, rt));
    }
  });
  client.on(Events.MessageCreate, (message: Message) => {
    if (!stopping) track(message.id, 'message', answerDirectMessage(message, client, rt));
  });
  client.on(Events.Error, (err) => log.error({ err: err.name }, 'discord: client error'));
  client.on(Events.ShardDisconnect, (_e, shardId) => log.warn({ shardId }, 'discord: shard disconnected'));
  client.on(Events.ShardResume, (shardId) => log.info({ shardId }, 'discord: shard resumed'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(token);
    await ready;
  } catch (err) {
    await client.destroy();
    throw new Error(
      `Discord login failed: ${err instanceof Error ? err.message : 'unknown error'}. Check DISCORD_TOKEN.`,
    );
  }
  log.info({ shards: client.ws.shards.size }, 'discord: connected');

  return {
    platform: 'discord',
    client,
    messenger,
    events,
    ready: () =>
      !stopping &&
      client.isReady() &&
      client.ws.shards.size > 0 &&
      client.ws.shards.every((sh) => sh.status === Status.Ready),
    stopAccepting() {
      stopping = true;
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, graceMs).unref())]);
      await client.destroy();
    },
  };
}
