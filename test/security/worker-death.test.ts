// Attack pass on SLACK_WORKER: the worker thread dies with an event it was given. The main thread
// had acked it at once, so Slack will not resend it; the person must not be left with silence,
// and the instance must not refuse every later event until someone restarts it: a new worker
// takes over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerHarness, type SlackHarness } from '../fakes/slack/harness';

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('a SLACK_WORKER thread that dies mid-event', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startWorkerHarness(new URL('./crash-worker-host.ts', import.meta.url));
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('tells the person to try again, and later commands are still answered', async () => {
    const u = h.user('U0CRASH01');
    const crashed = await u.command('crash');
    expect(crashed.response.status).toBe(200); // acked at once, before the worker saw it
    expect.soft(crashed.seen.map((s) => s.text).join('\n')).toMatch(/try again|다시 시도/);

    // A new worker is started (after a short pause); until then events get a 503 that Slack retries.
    let after = await u.command('help');
    for (let i = 0; i < 120 && after.response.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 500));
      after = await u.command('help');
    }
    expect(after.response.status).toBe(200);
    expect(after.seen.length).toBeGreaterThan(0);
  });
});
