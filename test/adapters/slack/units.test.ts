import { describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { DeliveryError } from '../../../src/core/types';
import { SeenEvents } from '../../../src/adapters/slack/dedupe';
import { toDeliveryError } from '../../../src/adapters/slack/errors';
import { LocaleCache } from '../../../src/adapters/slack/locale';
import { DmChannels, SlackMessenger } from '../../../src/adapters/slack/messenger';
import { skipReason, stripMentions } from '../../../src/adapters/slack/listeners/messages';
import { FAKE_BOT_TOKEN, startFakeSlackApi } from '../../fakes/slack/api';

describe('SeenEvents', () => {
  it('lets an event id through once within the TTL, and again after it', () => {
    let t = 0;
    const seen = new SeenEvents(1000, 10, () => t);
    expect([seen.firstTime('E1'), seen.firstTime('E1'), seen.firstTime('E2')]).toEqual([true, false, true]);
    t = 1500;
    expect(seen.firstTime('E1')).toBe(true);
  });
  it('stays bounded', () => {
    const seen = new SeenEvents(60_000, 3);
    for (const id of ['a', 'b', 'c', 'd']) seen.firstTime(id);
    expect(seen.firstTime('a')).toBe(true); // evicted
    expect(seen.firstTime('d')).toBe(false);
  });
});

describe('LocaleCache', () => {
  const client = (impl: () => Promise<unknown>) => {
    let calls = 0;
    return {
      get calls() {
        return calls;
      },
      users: {
        info: () => {
          calls++;
          return impl();
        },
      },
    } as any;
  };
  it('caches per user and shares a lookup in flight', async () => {
    const c = client(async () => ({ user: { locale: 'ko-KR' } }));
    const cache = new LocaleCache(c);
    expect(await Promise.all([cache.get('U1'), cache.get('U1')])).toEqual(['ko-KR', 'ko-KR']);
    expect(await cache.get('U1')).toBe('ko-KR');
    expect(c.calls).toBe(1);
  });
  it('answers undefined on failure and remembers the failure for a while', async () => {
    let t = 0;
    const c = client(async () => {
      throw new Error('boom');
    });
    const cache = new LocaleCache(c, { failureTtlMs: 100, now: () => t });
    expect(await cache.get('U1')).toBeUndefined();
    expect(await cache.get('U1')).toBeUndefined();
    expect(c.calls).toBe(1);
    t = 200;
    await cache.get('U1');
    expect(c.calls).toBe(2);
  });
  it('gives up after the timeout without blocking', async () => {
    const c = client(() => new Promise(() => {}));
    const cache = new LocaleCache(c, { timeoutMs: 20 });
    expect(await cache.get('U1')).toBeUndefined();
  });
});

describe('message filtering', () => {
  const m = (o: object) => ({ channel: 'D1', channel_type: 'im', ts: '1.1', user: 'U1', text: 'hi', ...o });
  it('answers DMs, ignores edits, bots, itself and channel chatter', () => {
    expect(skipReason(m({}), 'UBOT')).toBeUndefined();
    expect(skipReason(m({ subtype: 'message_changed' }), 'UBOT')).toBe('subtype');
    expect(skipReason(m({ bot_id: 'B1' }), 'UBOT')).toBe('bot');
    expect(skipReason(m({ user: 'UBOT' }), 'UBOT')).toBe('self');
    expect(skipReason(m({ channel_type: 'channel', text: 'lunch?' }), 'UBOT')).toBe('chatter');
    expect(skipReason(m({ channel_type: 'channel', text: 'mine: P 1234 5678 9012' }), 'UBOT')).toBeUndefined();
    expect(skipReason(m({ channel_type: 'channel', text: '<@UBOT> P123456789012' }), 'UBOT')).toBe('mention');
  });
  it('strips mentions', () => {
    expect(stripMentions('<@UBOT>  유효기간 <@U2|bob>?')).toBe('유효기간 ?');
  });
});

describe('Slack errors → DeliveryError', () => {
  const platform = (error: string) =>
    Object.assign(new Error(error), { code: 'slack_webapi_platform_error', data: { ok: false, error } });
  it('classifies', () => {
    expect(toDeliveryError(platform('cannot_dm_bot')).kind).toBe('permanent');
    expect(toDeliveryError(platform('internal_error')).kind).toBe('transient');
    const rl = toDeliveryError(
      Object.assign(new Error('rl'), { code: 'slack_webapi_rate_limited_error', retryAfter: 7 }),
    );
    expect([rl.kind, rl.retryAfterMs]).toEqual(['rate_limited', 7000]);
    expect(toDeliveryError(new Error('socket hang up')).kind).toBe('transient');
  });
});

describe('SlackMessenger against the fake API', () => {
  it('sends a DM, deletes it by ref, and treats an already-deleted message as done', async () => {
    const fake = await startFakeSlackApi();
    try {
      const client = new WebClient(FAKE_BOT_TOKEN, { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
      const m = new SlackMessenger(client, new DmChannels(client));
      const { ref } = await m.sendDirect('U0ABC', {
        visibility: 'dm',
        text: 'hello',
        buttons: [{ id: 'x', label: 'X' }],
      });
      expect(fake.callsOf('conversations.open')[0]!.args).toEqual({ users: 'U0ABC' });
      expect(fake.callsOf('chat.postMessage')[0]!.args).toMatchObject({ channel: 'D0ABC', text: 'hello' });
      await m.deleteDirect(ref);
      expect(fake.callsOf('chat.delete')[0]!.args).toMatchObject({ channel: 'D0ABC' });
      fake.failNext('chat.delete', 'message_not_found');
      await expect(m.deleteDirect(ref)).resolves.toBeUndefined();
      fake.failNext('chat.postMessage', 'cannot_dm_bot');
      const err = await m.sendDirect('U0ABC', { visibility: 'dm', text: 'again' }).catch((e) => e);
      expect(err).toBeInstanceOf(DeliveryError);
      expect(err.kind).toBe('permanent');
      expect(fake.problems).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
