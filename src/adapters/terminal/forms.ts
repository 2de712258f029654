// Forms on the terminal: no modal, so the fields are asked one prompt at a time (secrets hidden
// on a TTY); the answers become one form event. Buttons on screen are kept here too.
import type { Button, Form, Inbound } from '../../core/types';
import type { Base } from './inbound';
import type { LineSource } from './lines';

/** Buttons currently on screen; a DM's buttons (e.g. a reminder's) join them, numbered on. */
export interface ScreenButtons {
  buttons: Button[];
}

/** The filled-in form as an event, or undefined when input ended half-way. */
export async function askForm(lines: LineSource, form: Form, base: Base): Promise<Inbound | undefined> {
  const values: Record<string, string> = {};
  for (const field of form.fields) {
    const value = await lines.next(`${field.label}${field.optional ? ' (optional)' : ''}: `, {
      secret: field.kind === 'secret',
    });
    if (value === null) return undefined;
    values[field.id] = value;
  }
  return { ...base, kind: 'form', formId: form.id, values };
}
