// The test worker host (worker-host.ts), except that an event whose text asks for it ends the
// worker thread at once, as a crash would.
import type { Inbound } from '../../../src/core/types';
import type { SlackWorkerHost } from '../../../src/adapters/slack/worker-host';
import { createSlackWorkerHost as createTestHost, type TestWorkerHostData } from './worker-host';

export const CRASH_TEXT = 'crash-the-worker';
/** Each worker that starts says so on this channel (a BroadcastChannel reaches every thread). */
export const STARTS_CHANNEL = 'pccc-test-slack-worker-starts';

export async function createSlackWorkerHost(data: TestWorkerHostData): Promise<SlackWorkerHost> {
  const host = await createTestHost(data);
  const starts = new BroadcastChannel(STARTS_CHANNEL);
  starts.postMessage('started');
  starts.close();
  const handle = (e: Inbound) => {
    if (JSON.stringify(e).includes(CRASH_TEXT)) process.exit(1);
    return host.bot.handle(e);
  };
  return { ...host, bot: { handle } };
}
