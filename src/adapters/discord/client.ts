// discord.js client options: the two non-privileged intents we need, partial DM channels
// (DM channels are not cached before their first message), and the REST base override.
import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';
import type { ClientOptions } from 'discord.js';

export interface ClientSetup {
  apiUrl?: string;
  /** Shard ids this client runs; omitted under ShardingManager (it passes them via env). */
  shards?: number[];
  shardCount?: number;
}

export function clientOptions(setup: ClientSetup = {}): ClientOptions {
  return {
    // DMs carry message content without the privileged MessageContent intent.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    // Nothing here reads old messages; users are swept so a busy bot's memory stays flat.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    sweepers: { ...Options.DefaultSweeperSettings, users: { interval: 3_600, filter: () => (user) => !user.bot } },
    // discord.js appends `/v10` to this base.
    rest: setup.apiUrl ? { api: setup.apiUrl } : {},
    ...(setup.shards ? { shards: setup.shards } : {}),
    ...(setup.shardCount ? { shardCount: setup.shardCount } : {}),
  };
}

export function createClient(setup: ClientSetup = {}): Client {
  return new Client(clientOptions(setup));
}
