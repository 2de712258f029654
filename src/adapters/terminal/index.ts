// The embedded default: a DM-like chat in the terminal. Free text goes to the matcher,
// `/pccc …` lines are commands, numbers press the buttons of the last reply, and forms are
// asked field by field (secrets hidden on a TTY).
import type { App } from '../../app';
import type { Button, Form, Inbound, Messenger, Reply } from '../../core/types';
import { createLineSource, type LineSource } from './lines';
import { renderReply } from './render';

export const TERMINAL_USER = 'local';

/** Buttons currently on screen; a DM's buttons (e.g. a reminder's) join them, numbered on. */
export interface ScreenButtons {
  buttons: Button[];
}

export function terminalMessenger(write: (s: string) => void, screen: ScreenButtons = { buttons: [] }): Messenger {
  let n = 0;
  return {
    platform: 'terminal',
    async sendDirect(_userId, reply) {
      const ref = `dm-${++n}`;
      write(`${renderReply(reply, screen.buttons.length)}\n`);
      screen.buttons.push(...(reply.buttons ?? []));
      return { ref };
    },
    async deleteDirect(ref) {
      write(`(${ref} deleted)\n`);
    },
  };
}

export async function startTerminal(
  app: App,
  io: { input?: NodeJS.ReadableStream & { isTTY?: boolean }; output?: NodeJS.WritableStream } = {},
): Promise<void> {
  const input = io.input ?? process.stdin;
  const output = io.output ?? process.stdout;
  const write = (s: string) => void output.write(s);
  const lines = createLineSource(input, output);
  const screen: ScreenButtons = { buttons: [] };
  app.registerMessenger(terminalMessenger(write, screen));
  const base = {
    user: { platform: 'terminal' as const, id: TERMINAL_USER },
    place: 'dm' as const,
    locale: process.env.LANG?.startsWith('ko') ? 'ko' : undefined,
  };

  write('pccc-bot — 개인통관고유부호 도우미. Type a question, "/pccc help", or Ctrl-D to quit.\n');
  for (;;) {
    const line = await lines.next('> ');
    if (line === null) break;
    const text = line.trim();
    if (!text) continue;
    let event: Inbound;
    const pressed = /^\d{1,2}$/.test(text) ? screen.buttons[Number(text) - 1] : undefined;
    if (pressed) event = { ...base, kind: 'action', actionId: pressed.id, value: pressed.value };
    else if (/^\/pccc\b/i.test(text)) event = { ...base, kind: 'command', args: text.replace(/^\/pccc\b/i, '').trim() };
    else if (text.startsWith('/')) event = { ...base, kind: 'command', args: text.slice(1) };
    else event = { ...base, kind: 'message', text };
    screen.buttons = await converse(app, lines, write, event, base);
  }
  lines.close();
  write('bye\n');
}

/** Sends one event and shows the outcome, following forms until the conversation settles. */
async function converse(
  app: App,
  lines: LineSource,
  write: (s: string) => void,
  event: Inbound,
  base: Omit<Inbound, 'kind'>,
): Promise<Button[]> {
  const outcome = await app.bot.handle(event);
  let buttons: Button[] = [];
  let form: Form | undefined;
  for (const reply of outcome.replies) {
    if (reply.sensitive) {
      await deliver(app, reply, write);
      continue;
    }
    write(`${renderReply(reply, buttons.length)}\n`);
    buttons = buttons.concat(reply.buttons ?? []);
    form = reply.form ?? form;
  }
  if (!form) return buttons;
  const values: Record<string, string> = {};
  for (const field of form.fields) {
    const value = await lines.next(`${field.label}${field.optional ? ' (optional)' : ''}: `, {
      secret: field.kind === 'secret',
    });
    if (value === null) return [];
    values[field.id] = value;
  }
  return converse(app, lines, write, { ...base, kind: 'form', formId: form.id, values } as Inbound, base);
}

async function deliver(app: App, reply: Reply, write: (s: string) => void): Promise<void> {
  try {
    await app.deliverPrivately('terminal', TERMINAL_USER, reply);
  } catch (err) {
    app.log.warn({ err }, 'terminal DM failed');
    write('(could not deliver the private message)\n');
  }
}
