// SLACK_WORKER's worker-side app for tests and benches: the test app's keys and cheap scrypt,
// on the main thread's PostgreSQL database; warnings and errors on stderr.
import { Writable } from 'node:stream';
import { createApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import type { Inbound, Outcome } from '../../../src/core/types';
import type { SlackWorkerHost } from '../../../src/adapters/slack/worker-host';
import { TEST_KEYS } from '../../helpers/app';
import { FAKE_BOT_TOKEN } from './api';
import { FAKE_SIGNING_SECRET } from './wire';

export interface TestWorkerHostData {
  databaseUrl: string;
  apiUrl: string;
  /** Injected latency before the core handles each event (benches). */
  delayMs?: number;
}

export async function createSlackWorkerHost(data: TestWorkerHostData): Promise<SlackWorkerHost> {
  const config = loadConfig({
    ...TEST_KEYS,
    LOG_LEVEL: 'info',
    DATA_DIR: '/nonexistent-test-dir',
    DATABASE_URL: data.databaseUrl,
    SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
    SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
    SLACK_API_URL: data.apiUrl,
  });
  const app = await createApp({
    config,
    migrate: false,
    scrypt: { N: 2 ** 10, r: 8, p: 1, keylen: 32 },
    // Warnings and errors only, as one short line on stderr (the bench counts them).
    logDestination: new Writable({
      write(chunk, _e, cb) {
        const l = JSON.parse(String(chunk)) as { level: number; msg?: string; err?: unknown };
        if (l.level >= 40) process.stderr.write(`slack worker: ${l.msg} ${JSON.stringify(l.err ?? '')}\n`);
        cb();
      },
    }),
  });
  const delayMs = data.delayMs ?? 0;
  const handle = delayMs
    ? async (e: Inbound): Promise<Outcome> => {
        await new Promise((r) => setTimeout(r, delayMs));
        return app.bot.handle(e);
      }
    : (e: Inbound) => app.bot.handle(e);
  return { ...app, bot: { handle } };
}
