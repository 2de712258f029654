// The Messenger port on the terminal: a "DM" is printed on the same screen, marked as one, and
// its buttons join those on screen; a deletion is announced (the text cannot be unprinted).
import type { Messenger } from '../../core/types';
import type { ScreenButtons } from './forms';
import { renderReply } from './render';

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
