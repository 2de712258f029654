// Drives the real terminal adapter through a stdin/stdout pair, the way a scripted user would.
import { PassThrough } from 'node:stream';
import { startTerminal } from '../../../src/adapters/terminal';
import type { ContractDriver, Seen } from '../../contract/driver';
import { createTestApp, ManualClock } from '../../helpers/app';
import type { DbKind } from '../../helpers/db';

const DM_MARK = '📩 [DM]';

export async function terminalDriver(db: DbKind = 'pglite'): Promise<ContractDriver> {
  const clock = new ManualClock();
  const app = await createTestApp({ db, clock });
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (c) => (screen += String(c)));
  const done = startTerminal(app, { input, output }).then((t) => t.finished);
  let lastButtons: string[] = [];

  /** Waits until the adapter is idle at a prompt, then returns what it printed since `from`. */
  async function settle(from: number): Promise<string> {
    let last = -1;
    for (let i = 0; i < 400; i++) {
      await new Promise((r) => setTimeout(r, 10));
      const atPrompt = /(> |: )$/.test(screen);
      if (atPrompt && screen.length === last) break;
      last = screen.length;
    }
    return screen.slice(from);
  }

  function parse(chunk: string): Seen[] {
    const text = chunk.replace(/^> /gm, '');
    const buttons = [...text.matchAll(/\[(\d+)\] ([^\n[]+?)(?=\s{3}\[|\n|$)/g)].map((m) => ({
      handle: m[1]!,
      label: m[2]!.trim(),
    }));
    if (buttons.length) lastButtons = buttons.map((b) => b.handle);
    const formOpen = /: $/.test(chunk);
    return [{ text, private: true, buttons, form: formOpen ? { handle: 'prompt' } : undefined }];
  }

  async function send(line: string): Promise<Seen[]> {
    const from = screen.length;
    input.write(`${line}\n`);
    return parse(await settle(from));
  }

  await settle(0);
  return {
    name: `terminal (${db})`,
    command: (args) => send(`/pccc ${args}`),
    message: (text) => send(text),
    press: (b) => {
      if (!lastButtons.includes(b.handle)) throw new Error(`button ${b.handle} is not on screen`);
      return send(b.handle);
    },
    async submit(_form, values) {
      const from = screen.length;
      for (const v of Object.values(values)) {
        input.write(`${v}\n`);
        await settle(screen.length);
      }
      return parse(await settle(from));
    },
    directMessages() {
      const blocks = screen.split(DM_MARK).slice(1);
      return blocks.map((b, i) => ({ text: b.split('\n> ')[0]!, deleted: screen.includes(`(dm-${i + 1} deleted)`) }));
    },
    async advance(ms) {
      clock.advance(ms);
      await app.jobs.runDue(clock.now());
    },
    nonPrivateTraffic: () => [
      screen
        .split(DM_MARK)
        .map((b, i) => (i === 0 ? b : b.split('\n> ').slice(1).join('\n> ')))
        .join(''),
    ],
    logs: () => app.logs,
    dumpAllTables: () => app.dumpAllTables(),
    async close() {
      input.end();
      await done;
      await app.close();
    },
  };
}
