// Wiring only: config → app → every platform whose credentials are set, else the terminal.
import cron from 'node-cron';
import pino from 'pino';
import { createApp, type App } from './app';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config';

// A local .env is read if present (values already in the environment win).
if (existsSync('.env')) process.loadEnvFile('.env');

async function main(): Promise<void> {
  const config = loadConfig();
  const terminal = !config.slackBotToken && !config.discordToken;
  // In the terminal the chat owns stdout; logs go to stderr.
  const app = await createApp({ config, logDestination: terminal ? pino.destination(2) : undefined });
  const stops: (() => Promise<void>)[] = [];

  // One tick a minute runs the durable jobs (reveal deletions, follow-ups); noOverlap keeps a slow sweep from stacking.
  const tick = cron.schedule('* * * * *', () => sweep(app), { noOverlap: true, name: 'pccc-sweep' });
  stops.push(async () => void tick.stop());

  if (terminal) {
    const { startTerminal } = await import('./adapters/terminal');
    await sweep(app);
    await startTerminal(app);
    await shutdown(app, stops);
    return;
  }
  if (config.slackBotToken) {
    const { startSlack } = await import('./adapters/slack');
    const s = await startSlack(app);
    stops.push(() => s.stop());
  }
  if (config.discordToken) {
    const { startDiscord } = await import('./adapters/discord');
    const d = await startDiscord(app);
    stops.push(() => d.stop());
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutdown(app, stops).then(() => process.exit(0)));
  app.log.info('pccc-bot started');
}

async function sweep(app: App): Promise<void> {
  try {
    await app.jobs.runDue();
    await app.reminders.runDue();
  } catch (err) {
    app.log.warn({ err }, 'sweep failed; will retry next minute');
  }
}

async function shutdown(app: App, stops: (() => Promise<void>)[]): Promise<void> {
  // Finish or release the reminder batch in hand before the platforms go away.
  await app.reminders.stop().catch((err) => app.log.warn({ err }, 'reminder stop failed'));
  for (const stop of stops.reverse()) await stop().catch((err) => app.log.warn({ err }, 'stop failed'));
  await app.close();
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`pccc-bot could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
