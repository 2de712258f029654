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
    // The adapter reads nothing from discord.js's caches: interactions and DMs carry what it
    // needs, and every answer goes out over REST. So nothing that grows per interacting user
    // (members are added on every guild interaction) or per guild event is kept; only the
    // bot's own member, which discord.js uses for permission checks. Users are swept below
    // (a DM's author must resolve). Channels and guilds stay: DM partials and routing use them.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
      ReactionManager: 0,
      ReactionUserManager: 0,
      PresenceManager: 0,
      VoiceStateManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      StageInstanceManager: 0,
      ThreadMemberManager: 0,
      GuildInviteManager: 0,
      GuildBanManager: 0,
      AutoModerationRuleManager: 0,
    }),
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
