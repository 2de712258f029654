// Outcome → the screen: replies printed in order, a reveal through the core's private delivery
// (the terminal's "DM"), and a form asked right away, its answer sent on until nothing is open.
import type { Button, Form, Inbound } from '../../core/types';
import type { AdapterHost } from '../adapter';
import { askForm } from './forms';
import { TERMINAL_USER, type Base } from './inbound';
import type { LineSource } from './lines';
import { renderReply } from './render';

/** Sends one event and shows the outcome, following forms; returns the buttons now on screen. */
export async function converse(
  host: AdapterHost,
  lines: LineSource,
  write: (s: string) => void,
  event: Inbound,
  base: Base,
): Promise<Button[]> {
  for (let next: Inbound | undefined = event; ; ) {
    const outcome = await host.bot.handle(next);
    let buttons: Button[] = [];
    let form: Form | undefined;
    for (const reply of outcome.replies) {
      if (reply.sensitive) {
        if ((await host.delivery.reveal('terminal', TERMINAL_USER, reply)) !== 'sent')
          write('(could not deliver the private message)\n');
        continue;
      }
      write(`${renderReply(reply, buttons.length)}\n`);
      buttons = buttons.concat(reply.buttons ?? []);
      form = reply.form ?? form;
    }
    if (!form) return buttons;
    next = await askForm(lines, form, base);
    if (!next) return [];
  }
}
