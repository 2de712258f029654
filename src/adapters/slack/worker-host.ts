// The app of SLACK_WORKER's worker thread in production: the same configuration (the worker
// inherits the environment), its own PostgreSQL connections, no migrations (the main thread
// ran them), no tick (the main thread's tick serves the whole process).
import { createApp } from '../../app';
import type { SlackHost } from './host';

export type SlackWorkerHost = SlackHost & { close(): Promise<void> };

export async function createSlackWorkerHost(): Promise<SlackWorkerHost> {
  return createApp({ migrate: false });
}
