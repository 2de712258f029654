// SIGTERM while a Slack reply is in flight: the process stops taking requests, stops the tick,
// lets the reply finish, closes the platforms and then the pool — and exits 0.
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_BOT_TOKEN, startFakeSlackApi, type FakeSlackApi } from '../fakes/slack/api';
import { slashCommand } from '../fakes/slack/payloads';
import { FAKE_SIGNING_SECRET, SlackWire } from '../fakes/slack/wire';
import { freshPostgresDatabase } from '../helpers/db';
import { listeningPort, startMain, type Child } from './spawn';

describe('graceful shutdown (child process)', () => {
  let child: Child | undefined;
  let fake: FakeSlackApi | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    if (child && child.proc.exitCode === null) child.proc.kill('SIGKILL');
    await fake?.close();
    await drop?.();
    child = fake = drop = undefined;
  });

  it('SIGTERM mid-request: the reply is delivered, steps run in order, exit 0', async () => {
    fake = await startFakeSlackApi();
    const env: Record<string, string> = {
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    };
    if (process.env.TEST_DATABASE_URL) {
      const pg = await freshPostgresDatabase();
      drop = pg.drop;
      env.DATABASE_URL = pg.url;
    }
    child = startMain(env);
    const port = await listeningPort(child);
    await child.waitForLog('pccc-bot started');

    // The locale lookup (users.info) happens after the ack and before the answer: hold it.
    fake.delay('users.info', 4_000);
    const wire = new SlackWire(`http://127.0.0.1:${port}/slack/events`);
    const res = await wire.command(
      slashCommand({ user: 'U0SIGTERM', channel: 'C0GENERAL', text: 'help', responseUrl: fake.responseUrl() }),
    );
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake!.requests.some((r) => r.method === 'users.info'), 30_000);
    expect(fake.responseUrlPosts).toHaveLength(0);
    child.proc.kill('SIGTERM');

    const { code } = await child.exited;
    expect(code).toBe(0);
    // The in-flight reply went out before the platforms closed.
    expect(fake.responseUrlPosts).toHaveLength(1);
    const steps = child
      .logs()
      .map((l) => String(l.msg ?? ''))
      .filter((m) => m.startsWith('shutdown:'));
    expect(steps).toEqual([
      'shutdown: started',
      'shutdown: intake stopped',
      'shutdown: tick stopped',
      'shutdown: platforms closed',
      'shutdown: database closed',
    ]);
  });
});
