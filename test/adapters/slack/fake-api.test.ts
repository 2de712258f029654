// The fake Slack API is itself tested: its argument table must match @slack/web-api's types,
// and it must reject what real Slack would reject.
import { describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { checkArguments, FAKE_BOT_TOKEN, startFakeSlackApi } from '../../fakes/slack/api';
import { generateArgTable } from '../../fakes/slack/gen-web-api-args';
import { WEB_API_ARGS } from '../../fakes/slack/web-api-args.generated';

describe('argument table', () => {
  it('is up to date with the installed @slack/web-api (regenerate: npx tsx test/fakes/slack/gen-web-api-args.ts)', () => {
    expect(generateArgTable()).toEqual(WEB_API_ARGS);
  });

  it('flags unknown methods, missing or unknown arguments and wrong kinds', () => {
    expect(checkArguments('chat.postMessag', { channel: 'C1', text: 'x' }).problems).toEqual([
      'unknown method chat.postMessag',
    ]);
    expect(checkArguments('chat.postMessage', { text: 'x' }).problems).toContain(
      'chat.postMessage: missing required argument "channel"',
    );
    expect(checkArguments('chat.delete', { channel: 'C1' }).problems).toContain(
      'chat.delete: missing required argument "ts"',
    );
    expect(checkArguments('views.open', { view: '{}' }).problems.join()).toMatch(/trigger_id|interactivity_pointer/);
    expect(checkArguments('chat.postMessage', { channel: 'C1', text: 'x', thread_tss: '1.2' }).problems).toContain(
      'chat.postMessage: unknown argument "thread_tss"',
    );
    expect(
      checkArguments('chat.postEphemeral', { channel: 'C1', user: 'U1', blocks: 'not json' }).problems.join(),
    ).toMatch(/blocks|text/);
    expect(checkArguments('users.info', { user: 'U1', include_locale: 'true' })).toEqual({
      args: { user: 'U1', include_locale: true },
      problems: [],
    });
  });
});

describe('fake server', () => {
  it('records problems for bad calls and simulates 429 with Retry-After', async () => {
    const fake = await startFakeSlackApi();
    try {
      const client = new WebClient(FAKE_BOT_TOKEN, {
        slackApiUrl: fake.url,
        retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 20 },
      });
      await expect(client.apiCall('chat.unknownThing', {})).rejects.toThrow(/unknown_method/);
      await expect(client.chat.delete({ channel: 'C1' } as any)).rejects.toThrow(/invalid_arguments/);
      expect(fake.problems).toEqual([
        'unknown method chat.unknownThing',
        'chat.delete: missing required argument "ts"',
      ]);
      fake.reset();
      fake.rateLimit('auth.test', 2, 1);
      const started = Date.now();
      await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
      expect(fake.requests.map((r) => r.status)).toEqual([429, 429, 200]);
      const bad = new WebClient('xoxb-wrong', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
      await expect(bad.auth.test()).rejects.toThrow(/invalid_auth/);
      expect(fake.problems).toEqual(['auth.test: bad or missing bot token']);
    } finally {
      await fake.close();
    }
  });
});
