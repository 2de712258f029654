// Register a known code through Slack, reveal it, forget it: its plaintext reaches exactly one
// outgoing call (the DM chat.postMessage that reveals it) and never a log line.
import { afterEach, expect, it } from 'vitest';
import { startSlackHarness, type SlackHarness } from '../../fakes/slack/harness';

const CANARY = 'P269876501234';
const PIN = '480317';
let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it('the code leaves only in the one reveal DM, and never in logs', async () => {
  h = await startSlackHarness();
  const u = h.user('U0CANARY');
  const consent = await u.command('register');
  const agree = consent.seen.flatMap((s) => s.buttons)[0]!;
  const opened = await u.press(agree);
  await u.submit(opened.seen.find((s) => s.form)!.form!, { code: CANARY, pin: PIN, pin2: PIN });
  await u.dmMessage(`is ${CANARY} still valid?`);
  await u.channelMessage(`oops I pasted ${CANARY}`);
  await u.submit((await u.command('show')).seen.find((s) => s.form)!.form!, { pin: PIN });
  h.clock.advance(11 * 60_000);
  await h.app.jobs.runDue(h.clock.now());
  const forget = await u.command('forget');
  await u.press(forget.seen.flatMap((s) => s.buttons)[0]!);
  await u.settle();

  const carrying = h.fake.requests.filter((c) => c.raw.includes(CANARY) || JSON.stringify(c.args).includes(CANARY));
  expect(carrying.map((c) => [c.method, c.args.channel])).toEqual([['chat.postMessage', u.dm]]);
  expect(h.fake.responseUrlPosts.filter((p) => p.raw.includes(CANARY))).toEqual([]);
  expect(h.fake.callsOf('chat.delete').map((c) => c.args.ts)).toContain((carrying[0]!.response as { ts: string }).ts);
  const logs = h.app.logs.join('\n');
  expect(logs.length).toBeGreaterThan(0);
  expect(logs).not.toContain(CANARY);
  expect(logs).not.toContain(CANARY.slice(1)); // not even the digits
  expect(logs).not.toContain(PIN);
  expect(await h.app.dumpAllTables()).not.toContain(CANARY);
  expect(h.fake.problems).toEqual([]);
});
