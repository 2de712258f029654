// `/pccc <anything>`: acknowledged at once, then the core routes the text (help, topics,
// register, show, pin, forget, remind, status, free questions) and the outcome is delivered.
import type { App, SlashCommand } from '@slack/bolt';
import type { Runtime } from '../host';
import { deliver } from '../deliver';
import { handleSafely, placeOf } from '../inbound';
import { slashCommandSchema } from '../payloads';

export const COMMAND = '/pccc';

export async function runCommand(
  rt: Runtime,
  command: Pick<SlashCommand, 'user_id' | 'channel_id' | 'text' | 'response_url' | 'trigger_id'>,
  receivedAt: number,
): Promise<void> {
  const userId = command.user_id;
  const [locale, place] = await Promise.all([rt.locales.get(userId), placeOf(rt, userId, command.channel_id)]);
  const outcome = await handleSafely(rt, {
    kind: 'command',
    args: (command.text ?? '').trim(),
    user: { platform: 'slack', id: userId },
    place,
    locale,
  });
  await deliver(rt, outcome, {
    userId,
    place,
    channelId: command.channel_id,
    responseUrl: command.response_url,
    triggerId: command.trigger_id,
    receivedAt,
  });
}

export function registerCommands(bolt: App, rt: Runtime): void {
  bolt.command(COMMAND, async ({ command, ack }) => {
    const receivedAt = Date.now();
    await ack();
    if (!slashCommandSchema.safeParse(command).success) return;
    await runCommand(rt, command, receivedAt);
  });
}
