// Signed Slack payloads of shapes Slack never sends (found by the payload fuzz target,
// bench/fuzz-platforms.ts): each is refused without a 500, an unhandled rejection, a core call
// or a stored row; unsigned ones are still Bolt's to refuse.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inbound } from '../../../src/core/types';
import { startSlackHarness, type SlackHarness } from '../../fakes/slack/harness';
import { blockActions, eventEnvelope, slashCommand, viewSubmission } from '../../fakes/slack/payloads';

describe('slack: malformed signed payloads', () => {
  let h: SlackHarness;
  const seen: Inbound[] = [];
  const rejections: unknown[] = [];
  const onRejection = (r: unknown) => void rejections.push(r);
  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    h = await startSlackHarness({
      wrapHandle: (handle) => (e) => {
        seen.push(e);
        return handle(e);
      },
    });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await h.close();
  });
  const coreCalls = async (send: () => Promise<{ status: number }>) => {
    const before = seen.length;
    const res = await send();
    await h.adapter.idle();
    return { status: res.status, calls: seen.slice(before) };
  };
  const users = async () =>
    (await h.app.database.rows<{ platform_user_id: string }>(sql`select platform_user_id from users`)).map(
      (r) => r.platform_user_id,
    );
  const home = (value: unknown) => ({
    ...blockActions({ user: 'U0MAL1', actionId: 'h:0', source: { kind: 'home' } }),
    actions: [{ type: 'button', action_id: 'h:0', block_id: 'b1', action_ts: '1.2', value }],
  });

  it.each([
    ['null', 'null'],
    ['a number', '42'],
    ['an array', '[1,2]'],
    ['a string', '"x"'],
  ])('answers 400 to a signed JSON body that is %s, with no unhandled rejection', async (_what, body) => {
    const res = await h.wire.post(body, 'application/json');
    await new Promise((r) => setImmediate(r));
    expect(res.status).toBe(400);
    expect(rejections).toEqual([]);
  });

  it('leaves an unsigned body to Bolt (401)', async () => {
    const res = await h.wire.post('null', 'application/json', { signature: 'v0=00' });
    expect(res.status).toBe(401);
  });

  it.each([
    [
      'user: null',
      { ...blockActions({ user: 'U0MAL1', actionId: 'c:0:topic', source: { kind: 'home' } }), user: null },
    ],
    [
      'actions not an array',
      {
        ...blockActions({ user: 'U0MAL1', actionId: 'c:0:topic', source: { kind: 'home' } }),
        actions: { type: 'button', action_id: 'c:0:topic' },
      },
    ],
    ['a Home shortcut whose value is a number', home(5)],
    ['a Home shortcut whose value is an object', home({ trim: 1 })],
  ])('refuses block_actions with %s: 400, the core is not called', async (_what, payload) => {
    const { status, calls } = await coreCalls(() => h.wire.interaction(payload));
    expect(status).toBe(400);
    expect(calls).toEqual([]);
  });

  it('still runs a Home shortcut whose value is a string', async () => {
    const { status, calls } = await coreCalls(() => h.wire.interaction(home('help')));
    expect(status).toBe(200);
    expect(calls.map((c) => (c.kind === 'command' ? c.args : c.kind))).toContain('help');
  });

  it.each([
    ['user: null', { user: null }],
    ['private_metadata that is not a string', { view: { id: 'V1', callback_id: 'pccc_form', private_metadata: 7 } }],
    ['no view', { view: null }],
  ])('refuses a view_submission with %s: 400, the core is not called', async (_what, patch) => {
    const base = viewSubmission({ user: 'U0MAL1', viewId: 'V1', view: { callback_id: 'pccc_form' }, values: {} });
    const { status, calls } = await coreCalls(() => h.wire.interaction({ ...base, ...patch }));
    expect(status).toBe(400);
    expect(calls).toEqual([]);
  });

  it.each([
    [
      'a message with channel: null',
      { type: 'message', user: 'U0MAL1', text: 'hi', channel: null, channel_type: 'im' },
    ],
    ['a message from a numeric user', { type: 'message', user: 7, text: 'hi', channel: 'D0MAL1', channel_type: 'im' }],
    ['an app_mention with user: null', { type: 'app_mention', user: null, text: 'hi', channel: 'C0GENERAL' }],
    ['an app_home_opened without a user', { type: 'app_home_opened', tab: 'home' }],
  ])('refuses %s: 400, the core is not called', async (_what, event) => {
    const { status, calls } = await coreCalls(() =>
      h.wire.event(eventEnvelope({ ...event, ts: '1.2', event_ts: '1.2' })),
    );
    expect(status).toBe(400);
    expect(calls).toEqual([]);
  });

  it('refuses a command without a workspace kindly and stores nobody', async () => {
    const fields = slashCommand({
      user: 'U0NOTEAM',
      channel: 'C0GENERAL',
      text: 'lang en',
      responseUrl: h.fake.responseUrl(),
    });
    delete (fields as Partial<typeof fields>).team_id;
    const res = await h.wire.command(fields);
    await h.adapter.idle();
    expect(res.status).toBe(200);
    expect(h.fake.responseUrlPosts.at(-1)?.body.text).toMatch(/워크스페이스|workspace/);
    expect((await users()).filter((u) => u.includes('U0NOTEAM'))).toEqual([]);
  });

  it('keys a user of a command with a workspace as T…:U…', async () => {
    await h.wire.command(
      slashCommand({ user: 'U0WITHTEAM', channel: 'C0GENERAL', text: 'lang en', responseUrl: h.fake.responseUrl() }),
    );
    await h.adapter.idle();
    expect((await users()).filter((u) => u.includes('U0WITHTEAM'))).toEqual(['TFAKE:U0WITHTEAM']);
  });
  it.each(['valueOf', 'toString', '__proto__', 'constructor', 'hasOwnProperty'])(
    'refuses a command whose team_id is %s (an Object member name) with a 400, not a 500',
    async (team) => {
      const fields = slashCommand({
        user: 'U0PROTO',
        channel: 'C0GENERAL',
        text: 'help',
        responseUrl: h.fake.responseUrl(),
      });
      const r = await coreCalls(() => h.wire.command({ ...fields, team_id: team }));
      expect(r).toEqual({ status: 400, calls: [] });
      expect(rejections).toEqual([]);
    },
  );

  it('refuses a button whose team.id or user.team_id is an Object member name', async () => {
    for (const body of [
      { ...home('x'), team: { id: 'toString' } },
      { ...home('x'), user: { id: 'U0MAL1', team_id: '__proto__' } },
    ]) {
      const r = await coreCalls(() => h.wire.interaction(body));
      expect(r).toEqual({ status: 400, calls: [] });
    }
  });
});
