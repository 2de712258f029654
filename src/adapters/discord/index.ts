// Discord adapter entry: one discord.js client (all shards, or the ones ShardingManager
// gave this process), the interaction/DM listeners, and the REST Messenger.
import { EventEmitter } from 'node:events';
import { Events, Routes, Status } from 'discord.js';
import { metrics } from '../../core/metrics';
import type { Client, Interaction, Message } from 'discord.js';
import type { Form } from '../../core/types';
import { createClient } from './client';
import type { DiscordHost } from './host';
import { dropMalformed } from './guard';
import { messageInbound } from './inbound';
import { DiscordMessenger } from './messenger';
import { renderMessage } from './render';
import { handleInteraction, type ResponderDeps } from './respond';
import { Stash } from './stash';

export { registerCommands } from './register';
export { DiscordMessenger } from './messenger';
export type { DiscordHost } from './host';

export interface StartDiscordOptions {
  shards?: number[];
  shardCount?: number;
  /** Time the core gets before an interaction is deferred. Default 1500 ms. */
  budgetMs?: number;
}

export interface DiscordHandle {
  client: Client;
  messenger: DiscordMessenger;
  /** Emits `settled` with the interaction or message id once it has been fully answered. */
  events: EventEmitter;
  /** Every shard this client runs is connected to the gateway. */
  ready(): boolean;
  /** Stops taking new interactions and DMs (the gateway stays up until stop()). */
  stopAccepting(): void;
  /** Stops taking events, waits (up to `graceMs`, default 10 s) for answers in progress, then disconnects. */
  stop(graceMs?: number): Promise<void>;
}

export async function startDiscord(host: DiscordHost, opts: StartDiscordOptions = {}): Promise<DiscordHandle> {
  const token = host.config.discordToken;
  if (!token) throw new Error('DISCORD_TOKEN is not set: the Discord adapter cannot start.');
  const client = createClient({ apiUrl: host.config.discordApiUrl, shards: opts.shards, shardCount: opts.shardCount });
  const stash = host.ephemeral
    ? new Stash(undefined, undefined, undefined, host.ephemeral, () =>
        host.log.warn('discord: shared stash unavailable'),
      )
    : new Stash();
  const messenger = new DiscordMessenger(client.rest, stash);
  host.registerMessenger(messenger);
  const deps: ResponderDeps = {
    host,
    stash,
    budgetMs: opts.budgetMs ?? 1500,
    shownForms: new Map<string, Form>(),
    timers: new Set(),
  };
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
      track(interaction.id, kind, handleInteraction(interaction, deps));
    }
  });
  client.on(Events.MessageCreate, (message: Message) => {
    if (!stopping) track(message.id, 'message', onDirectMessage(message, client, deps));
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
      for (const t of deps.timers) clearTimeout(t);
      deps.timers.clear();
      await client.destroy();
    },
  };
}

/** Free text in a DM: answered in the same DM. The text is never logged or echoed raw. */
async function onDirectMessage(message: Message, client: Client, deps: ResponderDeps): Promise<void> {
  const event = messageInbound(message);
  if (!event || message.author.id === client.user?.id) return;
  try {
    const outcome = await deps.host.bot.handle(event);
    for (const reply of outcome.replies) {
      if (reply.sensitive) {
        await deps.host.deliverPrivately('discord', message.author.id, reply).catch((err: unknown) => {
          deps.host.log.warn(
            { kind: (err as { kind?: string }).kind ?? 'error' },
            'discord: private delivery from a DM failed',
          );
        });
        continue;
      }
      const body = renderMessage(reply, { ephemeral: false, lang: outcome.lang, stash: deps.stash });
      await client.rest.post(Routes.channelMessages(message.channelId), { body });
    }
  } catch (err) {
    deps.host.log.warn({ err: err instanceof Error ? err.name : 'error' }, 'discord: could not answer a DM');
  }
}
