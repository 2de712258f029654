// The test worker host (worker-host.ts), except that an event whose text asks for it ends the
// worker thread at once, as a crash would.
import type { Inbound } from '../../../src/core/types';
import type { SlackWorkerHost } from '../../../src/adapters/slack/worker-host';
import { createSlackWorkerHost as createTestHost, type TestWorkerHostData } from './worker-host';

export const CRASH_TEXT = 'crash-the-worker';

export async function createSlackWorkerHost(data: TestWorkerHostData): Promise<SlackWorkerHost> {
  const host = await createTestHost(data);
  const handle = (e: Inbound) => {
    if (JSON.stringify(e).includes(CRASH_TEXT)) process.exit(1);
    return host.bot.handle(e);
  };
  return { ...host, bot: { handle } };
}
