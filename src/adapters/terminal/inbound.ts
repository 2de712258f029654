// A typed line → the core's Inbound event: a number presses a button on screen, `/pccc …` (or
// any `/word`) is a command, anything else is a free-text message.
import type { Button, Inbound } from '../../core/types';

export const TERMINAL_USER = 'local';

/** Who and where: the one local user, always in a DM-like conversation. */
export type Base = Pick<Inbound, 'user' | 'place' | 'locale'>;

export function baseFor(lang: string | undefined): Base {
  return {
    user: { platform: 'terminal', id: TERMINAL_USER },
    place: 'dm',
    locale: lang?.startsWith('ko') ? 'ko' : undefined,
  };
}

/** The event a trimmed, non-empty line stands for. */
export function lineInbound(text: string, base: Base, buttons: Button[]): Inbound {
  const pressed = /^\d{1,2}$/.test(text) ? buttons[Number(text) - 1] : undefined;
  if (pressed) return { ...base, kind: 'action', actionId: pressed.id, value: pressed.value };
  if (/^\/pccc\b/i.test(text)) return { ...base, kind: 'command', args: text.replace(/^\/pccc\b/i, '').trim() };
  if (text.startsWith('/')) return { ...base, kind: 'command', args: text.slice(1) };
  return { ...base, kind: 'message', text };
}
