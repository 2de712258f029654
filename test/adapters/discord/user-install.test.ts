// Discord user install: /pccc installable to a person's account as well as a server, usable in
// any DM or group DM. Outside the bot's own DM every answer is ephemeral; a reveal goes by DM,
// or — when the bot cannot DM the person — as the existing ephemeral fallback.
import { describe, expect, test } from 'vitest';
import { registerCommands } from '../../../src/adapters/discord/register';
import { commandDefinitions } from '../../../src/adapters/discord/definitions';
import { placeOf } from '../../../src/adapters/discord/inbound';
import { useDiscordBed } from '../../fakes/discord/bed';
import { DRIVER_OTHER_USER } from '../../fakes/discord/driver';
import { TEST_APP_ID, TEST_TOKEN } from '../../fakes/discord/harness';

const CODE = 'P240087654321';
const bed = useDiscordBed({ code: CODE, userPrefix: '42' });

describe('command layout', () => {
  test('guild and user install; guild, bot DM and private channels', () => {
    const [pccc] = commandDefinitions() as Array<{ contexts: number[]; integration_types: number[] }>;
    expect(pccc!.integration_types).toEqual([0, 1]);
    expect(pccc!.contexts).toEqual([0, 1, 2]);
  });

  test('register-commands sees the new fields as a change, writes them once', async () => {
    const log = { info: () => {}, warn: () => {} } as never;
    // What a server-only registration left on Discord.
    bed.d.fake.api.commands.global = [
      {
        ...(commandDefinitions()[0] as object),
        id: '1',
        version: '1',
        application_id: TEST_APP_ID,
        contexts: [0, 1],
        integration_types: [0],
      },
    ];
    const r = await registerCommands({
      token: TEST_TOKEN,
      applicationId: TEST_APP_ID,
      apiUrl: bed.d.fake.api.url,
      log,
    });
    expect(r.changed).toBe(true);
    expect(r.diff).toEqual(['~ /pccc.contexts: [0,1] → [0,1,2]', '~ /pccc.integration_types: [0] → [0,1]']);
    expect(bed.d.fake.api.commands.global[0].integration_types).toEqual([0, 1]);
    expect(bed.d.fake.api.commands.global[0].contexts).toEqual([0, 1, 2]);
    expect(
      (await registerCommands({ token: TEST_TOKEN, applicationId: TEST_APP_ID, apiUrl: bed.d.fake.api.url, log }))
        .changed,
    ).toBe(false);
  });

  test('place: only the bot DM is "dm"', () => {
    expect(placeOf({ guildId: null, context: 1 })).toBe('dm');
    expect(placeOf({ guildId: null, context: 2 })).toBe('channel');
    expect(placeOf({ guildId: '5', context: 0 })).toBe('channel');
    expect(placeOf({ guildId: null })).toBe('dm'); // no context field (old payloads): as before
  });
});

describe('used from a user install', () => {
  test('in a DM between two people (context 2, owner = the user): the answer is ephemeral and the core is told "channel"', async () => {
    const user = bed.nextUser();
    const replies = await bed.d.send({ user, place: 'private', kind: 'command', args: 'help', locale: 'en-US' });
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.ephemeral && !r.dm)).toBe(true);
    const event = bed.inbound.filter((e) => e.user.id === user).at(-1)!;
    expect(event.place).toBe('channel');
    // Nothing was posted into that channel by the bot itself.
    expect(
      bed.d.fake.api.requests.some(
        (r) =>
          r.method === 'POST' &&
          /^\/channels\/\d+\/messages$/.test(r.path) &&
          !bed.d.fake.api.dmChannels.has(r.path.split('/')[2]!),
      ),
    ).toBe(false);
  });

  test('in a server the bot is not in: ephemeral', async () => {
    const replies = await bed.d.send({
      user: bed.nextUser(),
      place: 'user-guild',
      kind: 'command',
      args: 'status',
      locale: 'ko',
    });
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.ephemeral)).toBe(true);
  });

  test('in the bot DM the answer is a normal message (unchanged)', async () => {
    const replies = await bed.d.send({
      user: bed.nextUser(),
      place: 'dm',
      kind: 'command',
      args: 'help',
      locale: 'en-US',
    });
    expect(replies.some((r) => !r.ephemeral)).toBe(true);
  });

  async function registerIn(user: string) {
    const done = await bed.register(user, { place: 'private' });
    expect(done.every((r) => r.ephemeral || r.dm)).toBe(true);
    expect(done.map((r) => r.text).join('\n')).not.toContain(CODE);
  }

  test('a reveal from a DM with someone else goes to the bot DM, never into that conversation', async () => {
    const user = bed.nextUser();
    await registerIn(user);
    const [open] = await bed.d.send({ user, place: 'private', kind: 'command', args: 'show', locale: 'en-US' });
    expect(open!.form?.id).toBe('vault.reveal');
    const replies = await bed.reveal(user, { place: 'private' });
    const dm = replies.filter((r) => r.dm);
    expect(dm).toHaveLength(1);
    expect(dm[0]!.text).toContain(CODE);
    for (const r of replies.filter((x) => !x.dm)) {
      expect(r.ephemeral).toBe(true);
      expect(r.text).not.toContain(CODE);
    }
    // The DM went to the user's own DM channel, not to the other person.
    expect(bed.d.fake.api.dmChannelFor(user)).toBeDefined();
    expect(bed.d.fake.api.dmChannelFor(DRIVER_OTHER_USER)).toBeUndefined();
  });

  test('where the bot cannot DM the person: the ephemeral fallback, visible only to them', async () => {
    const user = bed.nextUser();
    await registerIn(user);
    bed.d.fake.api.closedDms.add(user);
    const replies = await bed.reveal(user, { place: 'private' });
    expect(replies.filter((r) => r.dm)).toHaveLength(0);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.ephemeral).toBe(true);
    expect(replies[0]!.text).toContain(CODE);
    expect(replies[0]!.text).toMatch(/DMs are closed/);
  });
});
