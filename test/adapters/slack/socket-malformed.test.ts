// Socket Mode over a real WebSocket: the real adapter connects to a fake Slack (socket.ts), which
// sends envelopes of shapes Slack never sends. Each one that has an envelope id is acknowledged
// (Slack would send it again otherwise), none reaches the core or the database, nothing rejects
// unhandled, the socket stays up, and the log says only that a frame was dropped and why.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackAdapter, type SlackHost, startSlack } from '../../../src/adapters/slack';
import type { Inbound } from '../../../src/core/types';
import { createTestApp, type TestApp } from '../../helpers/app';
import { FAKE_BOT_TOKEN, type FakeSlackApi, startFakeSlackApi } from '../../fakes/slack/api';
import { blockActions, eventEnvelope, messageEvent, slashCommand } from '../../fakes/slack/payloads';
import { FAKE_APP_TOKEN, type FakeSocketMode, startFakeSocketMode } from '../../fakes/slack/socket';

/** Shaped like a customs code: it must not reach the log from a frame that is dropped. */
const CODE = 'P123456789012';
const BAD_USER = 'U0SOCKBAD';
const DROPPED = 'dropped a malformed Socket Mode frame';

describe('slack Socket Mode: malformed frames', () => {
  let fake: FakeSlackApi;
  let sm: FakeSocketMode;
  let app: TestApp;
  let adapter: SlackAdapter;
  const seen: Inbound[] = [];
  const rejections: unknown[] = [];
  const onRejection = (r: unknown) => void rejections.push(r);
  let n = 0;

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    fake = await startFakeSlackApi();
    sm = await startFakeSocketMode(fake.url);
    app = await createTestApp({
      env: { SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_APP_TOKEN: FAKE_APP_TOKEN, SLACK_API_URL: sm.url },
    });
    const host: SlackHost = {
      ...app,
      bot: {
        handle: (e) => {
          seen.push(e);
          return app.bot.handle(e);
        },
      },
    };
    adapter = await startSlack(host);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await adapter?.stop();
    await sm?.close();
    await fake?.close();
    await app?.close();
  });

  const command = (user: string, text: string) =>
    slashCommand({ user, channel: 'C0GENERAL', text, responseUrl: fake.responseUrl() });
  const envelope = (type: string, payload: unknown, extra: Record<string, unknown> = {}) => ({
    envelope_id: `env-${++n}`,
    type,
    payload,
    accepts_response_payload: type !== 'events_api',
    ...extra,
  });
  const dropLines = () => app.logs.filter((l) => l.includes(DROPPED));
  const users = async () =>
    (await app.database.rows<{ platform_user_id: string }>(sql`select platform_user_id from users`)).map(
      (r) => r.platform_user_id,
    );
  /** Sends a good command after `frame` and waits for its ack: by then the frame has been read. */
  const sendThenGood = async (frame: unknown) => {
    sm.send(frame);
    const good = envelope('slash_commands', command('U0SOCKOK', 'help'));
    sm.send(good);
    await sm.acked(good.envelope_id);
    await adapter.idle();
  };

  it('connects over the fake socket and runs a well-formed command', async () => {
    expect(adapter.mode).toBe('socket');
    const e = envelope('slash_commands', command('U0SOCKOK', 'help'));
    sm.send(e);
    await sm.acked(e.envelope_id);
    await adapter.idle();
    expect(seen.map((s) => s.kind)).toContain('command');
    expect(sm.problems).toEqual([]);
  });

  const good = () => blockActions({ user: BAD_USER, actionId: 'c:0:topic', source: { kind: 'home' } });
  it.each<[string, () => Record<string, unknown>]>([
    ['an events_api envelope without a payload', () => envelope('events_api', null)],
    ['an events_api envelope whose event has no type', () => envelope('events_api', eventEnvelope({ user: BAD_USER }))],
    [
      'an event that names the client’s own "disconnected" event',
      () => envelope('events_api', eventEnvelope({ type: 'disconnected', user: BAD_USER, channel: 'D0X' })),
    ],
    [
      'a message event with channel: null',
      () =>
        envelope(
          'events_api',
          eventEnvelope({
            ...messageEvent({ user: BAD_USER, channel: 'D0X', channelType: 'im', text: CODE }),
            channel: null,
          }),
        ),
    ],
    ['a command from a numeric user', () => envelope('slash_commands', { ...command(BAD_USER, 'help'), user_id: 42 })],
    [
      'a command without its command',
      () => {
        const { command: _c, ...rest } = command(BAD_USER, 'help');
        return envelope('slash_commands', rest);
      },
    ],
    [
      'a command whose team_id is an Object member name (Bolt keys its clients by it)',
      () => envelope('slash_commands', { ...command(BAD_USER, 'help'), team_id: 'valueOf' }),
    ],
    ['a command with a huge text', () => envelope('slash_commands', command(BAD_USER, `help ${'x'.repeat(100_000)}`))],
    [
      'a code-shaped value where retry_attempt (a number) belongs',
      () => envelope('slash_commands', command(BAD_USER, `track ${CODE}`), { retry_attempt: CODE }),
    ],
    ['block_actions with user: null', () => envelope('interactive', { ...good(), user: null })],
    ['block_actions whose actions is not an array', () => envelope('interactive', { ...good(), actions: { a: 1 } })],
    ['an interactive payload without a type', () => envelope('interactive', { user: { id: BAD_USER } })],
    ['an envelope type Slack does not send', () => envelope('slack_event', command(BAD_USER, 'help'))],
    // Bolt routes a payload with an `event` as an event whatever its type, and reads a shortcut's,
    // an option request's or a closed view's user, channel and view without a check.
    [
      'an interactive payload carrying a message event with channel: null',
      () =>
        envelope('interactive', {
          type: 'x',
          event: {
            ...messageEvent({ user: BAD_USER, channel: 'D0X', channelType: 'im', text: 'help' }),
            channel: null,
          },
        }),
    ],
    ['a shortcut with neither user nor team', () => envelope('interactive', { type: 'shortcut', callback_id: 'x' })],
    [
      'a shortcut with a team and no user',
      () => envelope('interactive', { type: 'shortcut', callback_id: 'x', team: { id: 'T0X' } }),
    ],
    [
      'an event Bolt finds no channel in (channel: null)',
      () => envelope('events_api', eventEnvelope({ type: 'channel_created', channel: null })),
    ],
    [
      'an event whose first authorization is null',
      () =>
        envelope('events_api', {
          ...eventEnvelope(messageEvent({ user: BAD_USER, channel: 'D0X', channelType: 'im', text: 'help' })),
          authorizations: [null],
        }),
    ],
    [
      'a reaction whose item is not an object',
      () => envelope('events_api', eventEnvelope({ type: 'reaction_added', item: 'x', reaction: 'y' })),
    ],
    [
      'a subteam event whose subteam is null',
      () => envelope('events_api', eventEnvelope({ type: 'subteam_created', subteam: null })),
    ],
    [
      'a message_action whose channel is null',
      () => envelope('interactive', { type: 'message_action', user: { id: BAD_USER }, channel: null }),
    ],
    [
      'a view_closed whose view is null',
      () => envelope('interactive', { type: 'view_closed', user: { id: BAD_USER } }),
    ],
    [
      'a dialog_submission whose channel is null',
      () => envelope('interactive', { type: 'dialog_submission', user: { id: BAD_USER }, channel: null }),
    ],
  ])('acknowledges and drops %s', async (_what, make) => {
    const frame = make();
    const before = { seen: seen.length, drops: dropLines().length };
    await sendThenGood(frame);
    await sm.acked(frame.envelope_id as string);
    // The good command only.
    expect(seen.slice(before.seen)).toHaveLength(1);
    expect(JSON.stringify(seen.slice(before.seen))).not.toContain(BAD_USER);
    expect(dropLines().length).toBe(before.drops + 1);
    expect(adapter.ready()).toBe(true);
  });

  it.each<[string, string]>([
    ['a frame that is not JSON', `{"envelope_id":"env-json","type":"slash_commands","payload":{"text":"${CODE}"`],
    ['a frame that is null', 'null'],
    ['a frame that is an array', '[1,2]'],
    ['an envelope whose id is a number', JSON.stringify({ envelope_id: 7, type: 'events_api', payload: null })],
  ])('drops %s without an ack it cannot give', async (_what, frame) => {
    const before = { seen: seen.length, drops: dropLines().length, acks: sm.acks.length };
    await sendThenGood(frame);
    expect(seen.slice(before.seen)).toHaveLength(1);
    expect(sm.acks.length).toBe(before.acks + 1);
    expect(dropLines().length).toBe(before.drops + 1);
  });

  it('acknowledges a frame over 10 MB without parsing it', { timeout: 120_000 }, async () => {
    const frame = envelope('slash_commands', command(BAD_USER, 'x'.repeat(11 * 1024 * 1024)));
    const before = seen.length;
    await sendThenGood(frame);
    await sm.acked(frame.envelope_id);
    expect(seen.slice(before)).toHaveLength(1);
    expect(dropLines().at(-1)).toContain('too_large');
  });

  it('kept the process whole: no unhandled rejection, nobody stored, a short log line without content', async () => {
    expect(rejections).toEqual([]);
    expect((await users()).filter((u) => u.includes(BAD_USER))).toEqual([]);
    expect(fake.everything()).not.toContain(BAD_USER);
    const lines = dropLines();
    expect(lines.length).toBeGreaterThan(10);
    for (const l of lines) {
      expect(l.length).toBeLessThan(300);
      expect(l).not.toContain(CODE);
      expect(l).not.toContain(BAD_USER);
      expect(l).not.toContain('env-');
    }
    expect(app.logs.join('\n')).not.toContain(CODE);
    // Still connected and still answering.
    const e = envelope('slash_commands', command('U0SOCKOK', 'help'));
    sm.send(e);
    await sm.acked(e.envelope_id);
    expect(adapter.ready()).toBe(true);
  });
});
