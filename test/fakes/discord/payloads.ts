// Gateway dispatch payloads shaped like Discord's (API v10).
import { randomBytes } from 'node:crypto';

const EPOCH = 1420070400000n;
let increment = 0n;

export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** Discord's shard routing: (guild_id >> 22) % shard_count; DMs go to shard 0. */
export function shardFor(guildId: string | undefined, shardCount: number): number {
  if (!guildId) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export interface Who {
  userId: string;
  /** Set for a guild channel; omitted for the bot's DM. */
  guildId?: string;
  locale?: string;
  applicationId: string;
  /**
   * The app is installed to the user's account (user install), not to this place:
   * `authorizing_integration_owners` names only the user. With no guildId this is a DM or group
   * DM between people (context 2, PRIVATE_CHANNEL), with `otherUserId` in it.
   */
  userInstall?: { otherUserId: string };
}

/** A message object (API v10) with the fields every message has; `extra` sets the rest. */
export function messageObject(channelId: string, author: object, extra: Record<string, unknown> = {}) {
  return {
    id: snowflake(),
    channel_id: channelId,
    type: 0,
    author,
    content: '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    flags: 0,
    components: [],
    ...extra,
  };
}

/** The bot as a message's author (the bot user's id is the application's). */
export function botAuthor(applicationId: string) {
  return { id: applicationId, username: 'pccc-bot', discriminator: '0000', avatar: null, bot: true };
}

function user(id: string) {
  return { id, username: `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null };
}

/** A DM between two people: not the bot's DM channel with either of them. */
function privateChannelId(a: string, b: string): string {
  return (BigInt(a) + BigInt(b) + 7n).toString();
}

function common(w: Who, type: number) {
  const channelId = w.guildId ? `${w.guildId.slice(0, -1)}9` : `${w.userId.slice(0, -1)}8`;
  const id = snowflake();
  const token = `tok_${randomBytes(24).toString('base64url')}`;
  const where = w.guildId
    ? {
        guild_id: w.guildId,
        guild_locale: 'ko',
        channel: {
          id: channelId,
          type: 0,
          guild_id: w.guildId,
          name: 'general',
          position: 0,
          permission_overwrites: [],
          nsfw: false,
          parent_id: null,
        },
        member: {
          user: user(w.userId),
          roles: [],
          joined_at: new Date().toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
          permissions: '2248473465835073',
          nick: null,
          avatar: null,
          pending: false,
          premium_since: null,
        },
        context: 0,
      }
    : w.userInstall
      ? {
          channel: {
            id: privateChannelId(w.userId, w.userInstall.otherUserId),
            type: 1,
            recipients: [user(w.userInstall.otherUserId)],
            last_message_id: null,
            flags: 0,
          },
          user: user(w.userId),
          context: 2,
        }
      : {
          channel: { id: channelId, type: 1, recipients: [user(w.userId)], last_message_id: null, flags: 0 },
          user: user(w.userId),
          context: 1,
        };
  return {
    id,
    token,
    application_id: w.applicationId,
    type,
    channel_id: (where.channel as { id: string }).id,
    version: 1,
    locale: w.locale ?? 'en-US',
    app_permissions: '2248473465835073',
    entitlements: [],
    authorizing_integration_owners: w.userInstall || !w.guildId ? { '1': w.userId } : { '0': w.guildId },
    attachment_size_limit: 10485760,
    ...where,
  };
}

/** `/pccc <sub> [option]`. */
export function commandInteraction(w: Who, sub: string, option?: { name: string; value: string }) {
  return {
    ...common(w, 2),
    data: {
      id: '1111111111111111111',
      name: 'pccc',
      type: 1,
      options: [{ name: sub, type: 1, options: option ? [{ name: option.name, type: 3, value: option.value }] : [] }],
    },
  };
}

export function buttonInteraction(w: Who, customId: string) {
  const c = common(w, 3);
  return {
    ...c,
    message: messageObject(c.channel_id, botAuthor(w.applicationId), { type: 20 }),
    data: { custom_id: customId, component_type: 2 },
  };
}

/** A modal submit with label-wrapped text inputs, as Discord sends for Label modals. */
export function modalSubmitInteraction(w: Who, customId: string, values: Record<string, string>) {
  return {
    ...common(w, 5),
    data: {
      custom_id: customId,
      components: Object.entries(values).map(([k, v], i) => ({
        type: 18,
        id: i + 1,
        component: { type: 4, id: i + 100, custom_id: k, value: v },
      })),
    },
  };
}

export function dmMessage(w: Omit<Who, 'guildId'>, content: string, channelId: string) {
  return messageObject(channelId, user(w.userId), { channel_type: 1, content });
}
