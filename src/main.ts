// Wiring only: config → app → every platform whose credentials are set, else the terminal;
// the HTTP server (Slack events, /healthz, /readyz, /metrics); the minute tick; shutdown.
import pino from 'pino';
import { existsSync } from 'node:fs';
import type { ChatAdapter } from './adapters/adapter';
import { createApp, type App } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { setMetricsSink } from './core/metrics';
import { jobQueueStats } from './db/stats';
import { opsRoutes, type ReadinessProbe } from './http/ops';
import { HttpServer, StartupError } from './http/server';
import { createPromMetrics } from './metrics';
import { startTick, sweep } from './scheduler/tick';
import { publicPages } from './web/routes';

// A local .env is read if present (values already in the environment win).
if (existsSync('.env')) process.loadEnvFile('.env');

async function main(): Promise<void> {
  const config = loadConfig();
  const slack = Boolean(config.slackBotToken || config.slackClientId);
  const terminal = !slack && !config.discordToken;
  // In the terminal the chat owns stdout; logs go to stderr.
  const app = await createApp({ config, logDestination: terminal ? pino.destination(2) : undefined });
  const log = app.log;

  const prom = createPromMetrics({ queueStats: () => jobQueueStats(app.database) });
  setMetricsSink(prom.sink);
  // Not ready until every platform has connected; each platform adds its own probe.
  let started = false;
  const probes: ReadinessProbe[] = [
    { name: 'startup', check: () => started },
    { name: 'database', check: () => app.health() },
  ];
  const ops = opsRoutes({ probes: () => probes, metrics: prom.source });

  // PORT: Slack's events in HTTP mode and the operational endpoints. Served whenever Slack
  // runs (as before: Socket Mode kept /healthz on PORT) or when PORT is set; METRICS_PORT
  // adds a second listener with the operational endpoints only.
  const slackHttp = slack && !config.slackAppToken;
  // With METRICS_PORT set, /metrics is served only there (PORT faces the internet for Slack);
  // /healthz and /readyz stay on PORT for the load balancer.
  const publicOps = config.metricsPort !== undefined ? opsRoutes({ probes: () => probes }) : ops;
  const http = slack || config.portSet ? new HttpServer(log, [publicOps]) : undefined;
  const opsOnly = config.metricsPort !== undefined ? new HttpServer(log, [ops]) : undefined;

  // Other features add their routes here (before listen): http?.addRoutes(route).
  const platforms: ChatAdapter[] = [];
  const onStarted = (adapter: ChatAdapter) => {
    probes.push({ name: adapter.platform, check: () => adapter.ready() });
    platforms.push(adapter);
  };

  try {
    // Listen first: a taken port fails in a second, before any platform connects.
    if (http) await http.listen(config.port, config.host, 'PORT');
    if (opsOnly) await opsOnly.listen(config.metricsPort!, config.host, 'METRICS_PORT');
    if (slack) {
      const { startSlack } = await import('./adapters/slack');
      onStarted(await startSlack(app, { http: slackHttp ? http : undefined }));
    }
    if (config.discordToken && config.discordShards) {
      // Shards are separate processes, each a whole app with its own tick (see docs/discord.md).
      const { startDiscordSharded } = await import('./adapters/discord/sharding');
      onStarted(
        await startDiscordSharded({
          token: config.discordToken,
          apiUrl: config.discordApiUrl,
          totalShards: config.discordShards,
          log,
        }),
      );
    } else if (config.discordToken) {
      const { startDiscord } = await import('./adapters/discord');
      // DISCORD_SHARD_COUNT/IDS: this host runs its share of a bot split across hosts.
      onStarted(
        await startDiscord(
          app,
          config.discordShardIds ? { shards: config.discordShardIds, shardCount: config.discordShardCount } : {},
        ),
      );
    }
    // The public pages (/, /privacy, /terms) and a 404 page for every other GET: added last, so
    // Slack's install paths above are matched first.
    http?.addRoutes(publicPages(config));
  } catch (err) {
    await Promise.allSettled(platforms.map((p) => p.stop(0)));
    await Promise.allSettled([http?.close(0), opsOnly?.close(0)]);
    await app.close().catch(() => undefined);
    throw err;
  }

  // One tick a minute runs the durable jobs (reveal deletions, follow-ups) and due reminders;
  // any number of instances may tick (claims are in PostgreSQL).
  const tick = startTick(app);
  // Expired shared state (Slack event ids, pending forms) goes once a minute.
  const ephemeralSweep = setInterval(() => void app.ephemeral.sweep().catch(() => undefined), 60_000);
  ephemeralSweep.unref();
  started = true;
  let shuttingDown: Promise<void> | undefined;
  const stopAll = (reason: string) => {
    clearInterval(ephemeralSweep);
    return (shuttingDown ??= runShutdown(app, config, { http, opsOnly, tick, platforms, reason }));
  };

  let signals = 0;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      signals += 1;
      if (signals > 1) {
        process.stderr.write('pccc-bot: second signal, exiting now\n');
        process.exit(1);
      }
      void stopAll(signal).then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }

  if (terminal) {
    const { startTerminal } = await import('./adapters/terminal');
    await sweep(app);
    // The terminal runs until end of input; it stops with the rest (already finished by then).
    const t = await startTerminal(app);
    platforms.push(t);
    await t.finished;
    await stopAll('eof');
    return;
  }
  log.info('pccc-bot started');
}

/**
 * Shutdown in order: stop taking new work (HTTP intake, platform events), stop the tick (its
 * stop finishes or releases the batch in hand), let replies in progress finish (bounded by
 * SHUTDOWN_TIMEOUT), close the platforms, then the database pool.
 */
async function runShutdown(
  app: App,
  config: Config,
  parts: {
    http?: HttpServer;
    opsOnly?: HttpServer;
    tick?: { stop(): Promise<void> };
    platforms: ChatAdapter[];
    reason: string;
  },
): Promise<void> {
  const log = app.log;
  const graceMs = config.shutdownTimeoutSeconds * 1000;
  const step = async (name: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      log.warn({ err: err instanceof Error ? err.name : 'error', step: name }, 'shutdown: step failed');
    }
    log.info({ step: name }, `shutdown: ${name}`);
  };
  log.info({ reason: parts.reason }, 'shutdown: started');
  await step('intake stopped', async () => {
    await Promise.allSettled(parts.platforms.map(async (p) => p.stopAccepting()));
    await parts.http?.close(graceMs);
  });
  await step('tick stopped', async () => parts.tick?.stop());
  await step('platforms closed', () => Promise.allSettled(parts.platforms.map((p) => p.stop(graceMs))));
  await step('database closed', async () => {
    await parts.opsOnly?.close(1000);
    await app.close();
  });
  setMetricsSink(undefined);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof StartupError) {
    process.stderr.write(`pccc-bot could not start: ${err.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`pccc-bot could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
