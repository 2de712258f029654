// A SLACK_WORKER host whose worker thread dies while it handles `/pccc crash` (a fatal bug, an
// out-of-memory kill): for test/security/worker-death.test.ts.
import { createSlackWorkerHost as createTestHost, type TestWorkerHostData } from '../fakes/slack/worker-host';
import type { SlackWorkerHost } from '../../src/adapters/slack/worker-host';
import type { Inbound } from '../../src/core/types';

export async function createSlackWorkerHost(data: TestWorkerHostData): Promise<SlackWorkerHost> {
  const host = await createTestHost(data);
  return {
    ...host,
    bot: {
      handle: (e: Inbound) => {
        if (e.kind === 'command' && e.args === 'crash') process.exit(1); // ends only this worker thread
        return host.bot.handle(e);
      },
    },
  };
}
