// Drives the Discord adapter over the real wire for the shared contract suite: each input
// becomes a gateway dispatch, and the replies are read back from what the fake API
// received (interaction callback, edits, follow-ups, DMs).
import { startDiscord, type DiscordHandle, type DiscordHost } from '../../../src/adapters/discord';
import { SUBCOMMANDS } from '../../../src/adapters/discord/definitions';
import { buttonId, decodeId, modalId } from '../../../src/adapters/discord/ids';
import type { ContractDriver, Seen } from '../../contract/driver';
import { createTestApp, ManualClock } from '../../helpers/app';
import type { DbKind } from '../../helpers/db';
import { startFakeDiscord, type FakeDiscord } from './harness';

/**
 * Where the user acts: the bot's DM, a server channel (server install), or — with the app
 * installed to the user's account — a DM with another person ('private') or a server the
 * bot is not in ('user-guild').
 */
export type DriverPlace = 'dm' | 'channel' | 'private' | 'user-guild';
export const DRIVER_OTHER_USER = '400000000000000099';
export const DRIVER_FOREIGN_GUILD = '500000000000000077';

export type DriverInput = { user?: string; place?: DriverPlace; locale?: string } & (
  | { kind: 'command'; args: string }
  | { kind: 'message'; text: string }
  | { kind: 'action'; actionId: string; value?: string }
  | { kind: 'form'; formId: string; values: Record<string, string> }
  /** A click on a button exactly as rendered (its custom_id). */
  | { kind: 'button'; customId: string }
);

export interface DriverButton {
  label: string;
  customId?: string;
  /** For core buttons: the action id and value they carry. */
  actionId?: string;
  value?: string;
  url?: string;
}

export interface DriverReply {
  /** What the user reads: the content, then any embed descriptions. */
  text: string;
  /** The message content alone: what push and lock-screen previews show. */
  content?: string;
  /** Only the user sees it (ephemeral flag, or a modal). */
  ephemeral: boolean;
  /** Arrived as a DM (reveals, DM conversations). */
  dm: boolean;
  buttons: DriverButton[];
  /** A modal was opened (form id, field ids). */
  form?: { id: string; title: string; fields: string[] };
}

export interface DiscordDriver {
  readonly platform: 'discord';
  fake: FakeDiscord;
  handle: DiscordHandle;
  send(input: DriverInput): Promise<DriverReply[]>;
  close(): Promise<void>;
}

export const DRIVER_USER = '400000000000000001';
export const DRIVER_GUILD = '500000000000000002';

function toCommand(args: string): { sub: string; option?: { name: string; value: string } } {
  const [head = '', ...rest] = args.trim().split(/\s+/);
  const sub = SUBCOMMANDS.find((s) => s.name === head.toLowerCase() || s.ko === head);
  if (!sub) return { sub: 'ask', option: { name: 'question', value: args.trim() || 'help' } };
  const value = rest.join(' ');
  if (sub.option && value) return { sub: sub.name, option: { name: sub.option.name, value } };
  if (sub.option?.required) return { sub: 'ask', option: { name: 'question', value: args.trim() } };
  return { sub: sub.name };
}

function buttonsOf(components: any[] | undefined): DriverButton[] {
  const out: DriverButton[] = [];
  for (const row of components ?? []) {
    for (const c of row.components ?? []) {
      if (c.url) {
        out.push({ label: c.label, url: c.url });
        continue;
      }
      const d = decodeId(c.custom_id);
      out.push({
        label: c.label,
        customId: c.custom_id,
        ...(d.kind === 'action' ? { actionId: d.actionId, value: d.value } : {}),
      });
    }
  }
  return out;
}

/** What Discord shows: markdown escapes (the renderer escapes all core text) removed. */
function unescapeMarkdown(s: string): string {
  return s.replace(/\\([\\`*_~|>#\-[\]()<.+:])/g, '$1');
}

function message(m: any, opts: { dm: boolean; ephemeral?: boolean }): DriverReply {
  const embeds = ((m.embeds ?? []) as { description?: string }[]).map((e) => e.description ?? '');
  return {
    text: unescapeMarkdown([m.content ?? '', ...embeds].filter(Boolean).join('\n')),
    content: m.content ?? '',
    ephemeral: opts.ephemeral ?? ((m.flags ?? 0) & 64) === 64,
    dm: opts.dm,
    buttons: buttonsOf(m.components),
  };
}

export async function createDiscordDriver(
  host: DiscordHost & { config: DiscordHost['config'] },
  opts: { fake?: FakeDiscord } = {},
): Promise<DiscordDriver> {
  const fake = opts.fake ?? (await startFakeDiscord());
  host.config.discordToken = fake.env.DISCORD_TOKEN;
  host.config.discordApplicationId = fake.env.DISCORD_APPLICATION_ID;
  host.config.discordApiUrl = fake.env.DISCORD_API_URL;
  const handle = await startDiscord(host);
  /** Buttons seen so far, so a later click uses the exact custom_id the adapter made. */
  const seen: DriverButton[] = [];

  const settled = (id: string) =>
    new Promise<void>((resolve) => {
      const on = (done: string) => {
        if (done !== id) return;
        handle.events.off('settled', on);
        resolve();
      };
      handle.events.on('settled', on);
    });

  async function send(input: DriverInput): Promise<DriverReply[]> {
    const userId = input.user ?? DRIVER_USER;
    const place = input.place ?? 'channel';
    const w = {
      ...fake.who(userId, {
        ...(place === 'channel'
          ? { guildId: DRIVER_GUILD }
          : place === 'user-guild'
            ? { guildId: DRIVER_FOREIGN_GUILD }
            : {}),
        locale: input.locale,
      }),
      ...(place === 'private' || place === 'user-guild' ? { userInstall: { otherUserId: DRIVER_OTHER_USER } } : {}),
    };
    const from = fake.api.requests.length;
    // Dispatch is a synchronous socket write; subscribing right after cannot miss the answer.
    let id: string;
    if (input.kind === 'message') {
      id = fake.dm(userId, input.text).id; // free text only reaches the bot in its DM
    } else if (input.kind === 'command') {
      const { sub, option } = toCommand(input.args);
      id = fake.command(w, sub, option).id;
    } else if (input.kind === 'action') {
      const known = [...seen]
        .reverse()
        .find((b) => b.actionId === input.actionId && (input.value === undefined || b.value === input.value));
      const customId = known?.customId ?? buttonId(input.actionId, input.value);
      if (!customId) throw new Error(`driver: cannot make a button for ${input.actionId}`);
      id = fake.button(w, customId).id;
    } else if (input.kind === 'button') {
      id = fake.button(w, input.customId).id;
    } else {
      id = fake.modalSubmit(w, modalId(input.formId), input.values).id;
    }
    const wait = settled(id);
    await wait;
    const replies: DriverReply[] = [];
    const st = fake.api.interactions.get(id);
    if (st?.callback) {
      const cb = st.callback;
      if (cb.type === 9) {
        const fields: string[] = [];
        for (const c of cb.data.components) if (c.type === 18) fields.push(c.component.custom_id);
        replies.push({
          text: cb.data.components.find((c: any) => c.type === 10)?.content ?? '',
          ephemeral: true,
          dm: false,
          buttons: [],
          form: { id: String(cb.data.custom_id).replace(/^pccc:f\|/, ''), title: cb.data.title, fields },
        });
      } else if (st.original && !st.original.deleted) {
        const deferredEphemeral = ((cb.data?.flags ?? 0) & 64) === 64;
        replies.push(
          message(st.original, { dm: false, ephemeral: deferredEphemeral || ((st.original.flags ?? 0) & 64) === 64 }),
        );
      }
      for (const f of st.followups) replies.push(message(f, { dm: false }));
    }
    // DMs sent during this step (reveals, and answers to DM conversations).
    for (const r of fake.api.requests.slice(from)) {
      const m = /^\/channels\/(\d+)\/messages$/.exec(r.path);
      if (r.method === 'POST' && m && r.status === 200 && fake.api.dmChannels.get(m[1]!) === userId)
        replies.push(message(r.json, { dm: true, ephemeral: false }));
    }
    for (const r of replies) seen.push(...r.buttons);
    return replies;
  }

  return {
    platform: 'discord',
    fake,
    handle,
    send,
    async close() {
      await handle.stop();
      if (!opts.fake) await fake.close();
    },
  };
}

const toSeen = (replies: DriverReply[]): Seen[] =>
  replies.map((r) => ({
    text: r.text,
    private: r.ephemeral || r.dm,
    buttons: r.buttons.filter((b) => b.customId).map((b) => ({ handle: b.customId!, label: b.label })),
    ...(r.form ? { form: { handle: r.form.id } } : {}),
  }));

/** The shared contract suite's driver: a guild user on the wire, the real app behind it. */
export async function discordContractDriver(db: DbKind = 'pglite'): Promise<ContractDriver> {
  const clock = new ManualClock();
  const app = await createTestApp({ db, clock });
  const d = await createDiscordDriver(app);
  const user = DRIVER_USER;
  const isDmPost = (r: { method: string; path: string }) => {
    const m = /^\/channels\/(\d+)\/messages$/.exec(r.path);
    return r.method === 'POST' && !!m && d.fake.api.dmChannels.has(m[1]!);
  };
  return {
    name: `discord (${db})`,
    command: async (args) => toSeen(await d.send({ user, kind: 'command', args })),
    message: async (text) => toSeen(await d.send({ user, kind: 'message', text })),
    press: async (button) => toSeen(await d.send({ user, kind: 'button', customId: button.handle })),
    submit: async (form, values) => toSeen(await d.send({ user, kind: 'form', formId: form.handle, values })),
    directMessages() {
      return d.fake.api.requests
        .filter((r) => isDmPost(r) && r.status === 200)
        .map((r) => ({
          text: unescapeMarkdown(
            [
              r.json?.content ?? '',
              ...((r.json?.embeds ?? []) as { description?: string }[]).map((e) => e.description ?? ''),
            ]
              .filter(Boolean)
              .join('\n'),
          ),
          deleted: !d.fake.api.messages.get(r.response.channel_id)?.has(r.response.id),
        }));
    },
    async advance(ms) {
      clock.advance(ms);
      await app.jobs.runDue(clock.now());
    },
    nonPrivateTraffic: () =>
      d.fake.api.requests.filter((r) => !isDmPost(r)).map((r) => `${r.method} ${r.path}\n${r.raw}`),
    logs: () => app.logs,
    dumpAllTables: () => app.dumpAllTables(),
    async close() {
      const problems = [...d.fake.api.violations];
      await d.close();
      await app.close();
      // Every body the bot sent must have matched Discord's OpenAPI description.
      if (problems.length)
        throw new Error(`fake Discord API saw invalid requests:\n${JSON.stringify(problems, null, 2)}`);
    },
  };
}
