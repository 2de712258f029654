// One scripted conversation through the real terminal adapter: set a schedule, get the DM
// from the dispatcher, look at the settings.
import { PassThrough } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { startTerminal } from '../../src/adapters/terminal';
import { createTestApp, ManualClock, type TestApp } from '../helpers/app';

let app: TestApp | undefined;
afterEach(async () => app?.close());

it('the terminal user sets a weekly reminder, receives it as a DM with its buttons, and sees the next time', async () => {
  const clock = new ManualClock(new Date('2027-01-15T00:00:00Z'));
  app = await createTestApp({ clock, env: { LOG_LEVEL: 'warn' } });
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (c) => (screen += String(c)));
  const done = startTerminal(app, { input, output }).then((t) => t.finished);
  const settle = async () => {
    for (let last = -1, i = 0; i < 300; i++) {
      await new Promise((r) => setTimeout(r, 10));
      if (/> $/.test(screen) && screen.length === last) return;
      last = screen.length;
    }
  };
  const say = async (line: string) => {
    input.write(`${line}\n`);
    await settle();
  };
  await settle();
  await say('/pccc lang en');
  await say('/pccc remind weekly fri 21:30');
  expect(screen).toMatch(/Saved/);
  expect(screen).toMatch(/Next: .*Jan 15, 2027|Next: .*21:30/);

  clock.set(new Date('2027-01-15T12:30:10Z')); // Friday 21:30 KST
  await app.reminders.runDue(clock.now());
  await settle();
  expect(screen).toMatch(/Time to check your recent imports/);
  expect(screen).toMatch(/Snooze a week/);
  // The DM's buttons are numbered on the screen like any other: pressing one works.
  const mine = /\[(\d+)\] All mine/.exec(screen)![1]!;
  await say(mine);
  expect(screen).toMatch(/all clear/);
  await say('/pccc remind');
  expect(screen).toMatch(/Next: .*Jan 22, 2027/);
  input.end();
  await done;
});
