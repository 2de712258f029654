// The worker thread of SLACK_WORKER (see offload.ts): builds its own app from the host module,
// runs the Slack adapter with events fed by the main thread, and reports acks, completions and
// metrics back to it.
import { parentPort, workerData } from 'node:worker_threads';
import { ParentReceiver, relayMetrics, type FromWorker, type ToWorker, type WorkerBoot } from './offload';
import type { SlackWorkerHost } from './worker-host';

const port = parentPort!;
const boot = workerData as WorkerBoot;
try {
  const relay = relayMetrics(port);
  const mod = (await import(boot.hostModule)) as {
    createSlackWorkerHost(data: unknown): Promise<SlackWorkerHost>;
  };
  const host = await mod.createSlackWorkerHost(boot.data);
  const { startSlack } = await import('./index');
  const receiver = new ParentReceiver(port);
  const adapter = await startSlack(host, { receiver, submissionDeadlineMs: boot.submissionDeadlineMs });
  port.on('message', (m: ToWorker) => {
    if (m.t === 'event') void receiver.dispatch(m);
    else if (m.t === 'stop')
      void (async () => {
        await adapter.stop(m.graceMs).catch(() => undefined);
        await host.close().catch(() => undefined);
        relay.flush();
        port.postMessage({ t: 'stopped' } satisfies FromWorker);
      })();
  });
  port.postMessage({ t: 'ready' } satisfies FromWorker);
} catch (err) {
  // Only the class and message: the host's start-up errors name variables, never their values.
  const message = err instanceof Error ? `${err.name}: ${err.message}` : 'start-up failed';
  port.postMessage({ t: 'failed', message } satisfies FromWorker);
}
