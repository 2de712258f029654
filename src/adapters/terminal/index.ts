// The embedded default: a DM-like chat in the terminal. Free text goes to the matcher,
// `/pccc …` lines are commands, numbers press the buttons of the last reply, and forms are
// asked field by field (secrets hidden on a TTY).
import type { AdapterHost, ChatAdapter } from '../adapter';
import { converse } from './deliver';
import type { ScreenButtons } from './forms';
import { baseFor, lineInbound } from './inbound';
import { createLineSource } from './lines';
import { terminalMessenger } from './messenger';

export { TERMINAL_USER } from './inbound';
export { terminalMessenger } from './messenger';
export type { ScreenButtons } from './forms';

export interface TerminalAdapter extends ChatAdapter {
  readonly platform: 'terminal';
  /** Resolves when the conversation has ended (end of input, or stop()). */
  finished: Promise<void>;
}

export async function startTerminal(
  host: AdapterHost,
  io: { input?: NodeJS.ReadableStream & { isTTY?: boolean }; output?: NodeJS.WritableStream } = {},
): Promise<TerminalAdapter> {
  const input = io.input ?? process.stdin;
  const output = io.output ?? process.stdout;
  const write = (s: string) => void output.write(s);
  const lines = createLineSource(input, output);
  const screen: ScreenButtons = { buttons: [] };
  host.registerMessenger(terminalMessenger(write, screen));
  const base = baseFor(process.env.LANG);
  let accepting = true;

  write('pccc-bot — 개인통관고유부호 도우미. Type a question, "/pccc help", or Ctrl-D to quit.\n');
  const finished = (async () => {
    for (;;) {
      const line = accepting ? await lines.next('> ') : null;
      if (line === null) break;
      const text = line.trim();
      if (!text) continue;
      screen.buttons = await converse(host, lines, write, lineInbound(text, base, screen.buttons), base);
    }
    lines.close();
    write('bye\n');
  })();

  return {
    platform: 'terminal',
    finished,
    ready: () => accepting,
    stopAccepting() {
      accepting = false;
    },
    async stop(graceMs = 10_000) {
      accepting = false;
      // The answer in progress may finish; the prompt waiting for a line ends now.
      lines.close();
      await Promise.race([finished, new Promise((r) => setTimeout(r, graceMs).unref())]);
    },
  };
}
