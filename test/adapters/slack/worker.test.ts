// SLACK_WORKER: this thread verifies and acks; Bolt's listeners and the core run on a worker
// thread with its own app on the same PostgreSQL. Driven over the signed wire like the other
// Slack tests; needs PostgreSQL (the embedded database cannot be opened by two threads).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setMetricsSink } from '../../../src/core/metrics';
import { createPromMetrics } from '../../../src/metrics';
import { acksAtOnce } from '../../../src/adapters/slack/offload';
import { startWorkerHarness, type SeenItem, type SlackHarness } from '../../fakes/slack/harness';
import { blockActions, eventEnvelope, messageEvent, slashCommand, viewSubmission } from '../../fakes/slack/payloads';
import { loadConfig } from '../../../src/config';
import { TEST_KEYS } from '../../helpers/app';

const texts = (seen: SeenItem[]) => seen.map((s) => s.text).join('\n---\n');
const CODE = 'P261234567455';
const PIN = '482915';

describe('which requests the main thread acks at once', () => {
  it('acks /pccc, our buttons and events at once; waits for the worker on forms and anything else', () => {
    expect(acksAtOnce(slashCommand({ user: 'U1', channel: 'C1', text: 'help', responseUrl: 'x' }))).toBe(true);
    expect(acksAtOnce({ command: '/other', text: '' })).toBe(false);
    expect(acksAtOnce(eventEnvelope(messageEvent({ user: 'U1', channel: 'D1', channelType: 'im', text: 'hi' })))).toBe(
      true,
    );
    const press = (actionId: string) =>
      blockActions({ user: 'U1', actionId, label: 'x', source: { kind: 'message', channel: 'C1' } });
    expect(acksAtOnce(press('c:1'))).toBe(true);
    expect(acksAtOnce(press('someone_elses_button'))).toBe(false);
    const view = { id: 'V1', callback_id: 'pccc_form', private_metadata: '{}', blocks: [] };
    expect(acksAtOnce(viewSubmission({ user: 'U1', viewId: 'V1', view, values: {} }))).toBe(false);
  });
});

describe('SLACK_WORKER configuration', () => {
  const base = {
    ...TEST_KEYS,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 'secret',
    DATABASE_URL: 'postgres://u@127.0.0.1:5432/pccc',
  };
  it('is off unless asked for, and on with 1 or true', () => {
    expect(loadConfig(base).slackWorker).toBe(false);
    expect(loadConfig({ ...base, SLACK_WORKER: '1' }).slackWorker).toBe(true);
    expect(loadConfig({ ...base, SLACK_WORKER: 'true' }).slackWorker).toBe(true);
  });
  it.each([
    [{ SLACK_WORKER: 'yes' }, /SLACK_WORKER must be 1 or true/],
    [{ SLACK_WORKER: '1', DATABASE_URL: '' }, /SLACK_WORKER needs DATABASE_URL/],
    [{ SLACK_WORKER: '1', SLACK_APP_TOKEN: 'xapp-test' }, /SLACK_WORKER needs HTTP mode/],
  ])('refuses %o with one clear line', (extra, message) => {
    expect(() => loadConfig({ ...base, ...extra })).toThrow(message);
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('Slack with SLACK_WORKER (core on a worker thread)', () => {
  let h: SlackHarness;
  const prom = createPromMetrics({ defaultMetrics: false });
  let seq = 0;
  const newUser = () => h.user(`U0W${String(++seq).padStart(4, '0')}`);

  beforeAll(async () => {
    setMetricsSink(prom.sink);
    // The harness's app migrates its fresh database; the worker's app opens the same one.
    h = await startWorkerHarness(new URL('../../fakes/slack/worker-host.ts', import.meta.url));
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    setMetricsSink(undefined);
  });
  afterEach(() => {
    expect(h.fake.problems).toEqual([]);
  });

  it('acks a command with an empty 200 and answers it from the worker through response_url', async () => {
    const { response, seen } = await newUser().command('help');
    expect(response.status).toBe(200);
    expect(response.body).toBe('');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.via).toBe('response_url');
    expect(texts(seen)).toMatch(/register/);
  });

  it('runs a form end to end: the submission ack carries the worker’s answer (errors, then close)', async () => {
    const u = newUser();
    const consent = await u.command('register');
    const agree = consent.seen.flatMap((s) => s.buttons).find((b) => /agree|동의/.test(b.label))!;
    const opened = await u.press(agree);
    const form = opened.seen.find((s) => s.form)!.form!;
    const bad = await u.submit(form, { code: 'P12345', pin: PIN, pin2: PIN });
    expect(bad.response.json().response_action).toBe('errors');
    const saved = await u.submit(form, { code: CODE, pin: PIN, pin2: PIN });
    expect(saved.response.body).toBe('');
    expect(texts(saved.seen)).toContain('P26*******455');
    expect(texts((await u.command('status')).seen)).not.toMatch(/not stored|보관 안 함/);
  });

  it('handles a retried event once', async () => {
    const u = newUser();
    const first = await u.dmMessage('유효기간', { eventId: 'Ev0WORKER1', ts: '1700000400.000100' });
    const retry = await u.dmMessage('유효기간', { eventId: 'Ev0WORKER1', ts: '1700000400.000100', retryNum: 1 });
    expect([first.response.status, retry.response.status]).toEqual([200, 200]);
    expect(first.seen.length).toBeGreaterThan(0);
    expect(retry.seen).toEqual([]);
  });

  it('counts the worker’s events in this thread’s metrics', async () => {
    await newUser().command('help');
    await new Promise((r) => setTimeout(r, 250)); // the worker sends its counts every 100 ms
    const text = await prom.source.render();
    expect(text).toMatch(/pccc_events_total\{platform="slack",kind="command",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/pccc_reply_seconds_count\{platform="slack"\} [1-9]/);
    expect(text).toMatch(/pccc_ack_seconds_count\{platform="slack"\} [1-9]/);
  });

  it('lets the worker finish a command acked just before stop(), then is no longer ready', async () => {
    const before = h.fake.responseUrlPosts.length;
    const res = await h.wire.command(
      slashCommand({ user: 'U0WLAST', channel: 'C0GENERAL', text: 'help', responseUrl: h.fake.responseUrl() }),
    );
    expect(res.status).toBe(200);
    await h.adapter.stop();
    expect(h.fake.responseUrlPosts.length).toBe(before + 1);
    expect(h.adapter.ready()).toBe(false);
  });
});
