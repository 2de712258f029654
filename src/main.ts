// Wiring only: config → app → every platform whose credentials are set, else the terminal.
import pino from 'pino';
import { createApp, type App } from './app';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config';
import { startTick, sweep } from './scheduler/tick';

// A local .env is read if present (values already in the environment win).
if (existsSync('.env')) process.loadEnvFile('.env');

async function main(): Promise<void> {
  const config = loadConfig();
  const slack = Boolean(config.slackBotToken || config.slackClientId);
  const terminal = !slack && !config.discordToken;
  // In the terminal the chat owns stdout; logs go to stderr.
  const app = await createApp({ config, logDestination: terminal ? pino.destination(2) : undefined });
  const stops: (() => Promise<void>)[] = [];

  // One tick a minute runs the durable jobs (reveal deletions, follow-ups) and due reminders.
  const tick = startTick(app);
  stops.push(() => tick.stop());

  if (terminal) {
    const { startTerminal } = await import('./adapters/terminal');
    await sweep(app);
    await startTerminal(app);
    await shutdown(app, stops);
    return;
  }
  if (slack) {
    const { startSlack } = await import('./adapters/slack');
    const s = await startSlack(app);
    stops.push(() => s.stop());
  }
  if (config.discordToken && config.discordShards) {
    // Shards are separate processes, each a whole app with its own tick (see docs/discord.md).
    const { startDiscordSharded } = await import('./adapters/discord/sharding');
    const d = await startDiscordSharded({ token: config.discordToken, apiUrl: config.discordApiUrl, totalShards: config.discordShards, log: app.log });
    stops.push(() => d.stop());
  } else if (config.discordToken) {
    const { startDiscord } = await import('./adapters/discord');
    const d = await startDiscord(app);
    stops.push(() => d.stop());
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutdown(app, stops).then(() => process.exit(0)));
  app.log.info('pccc-bot started');
}

async function shutdown(app: App, stops: (() => Promise<void>)[]): Promise<void> {
  // The tick stops first (its stop finishes or releases the reminder batch in hand), then the platforms.
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
