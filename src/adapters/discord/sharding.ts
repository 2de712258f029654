// Scale-out: discord.js's ShardingManager runs `shard.ts` once per shard (child process
// or worker thread). Each shard is a whole app (own DB pool, own REST client); they share
// state only through PostgreSQL. Gateway routing puts all DMs on shard 0; everything a
// shard sends goes over REST, so any shard can DM any user and run any durable job.
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager } from 'discord.js';
import type { Logger } from '../../log';
import type { ChatAdapter } from '../adapter';

export interface ShardedOptions {
  token: string;
  /** REST base (DISCORD_API_URL); also where the recommended shard count is read. */
  apiUrl?: string;
  /** A number, or 'auto' for Discord's recommendation from GET /gateway/bot. */
  totalShards?: number | 'auto';
  mode?: 'process' | 'worker';
  /** Shard entry file; defaults to shard.ts beside this file. */
  file?: string;
  /** Node flags for the shards; defaults to `--import tsx` for a .ts entry. */
  execArgv?: string[];
  /** Extra environment for every shard (on top of this process's environment). */
  env?: Record<string, string>;
  /** Delay between shard starts (Discord allows one IDENTIFY per 5 s per bucket). */
  spawnDelayMs?: number;
  spawnTimeoutMs?: number;
  log: Pick<Logger, 'info' | 'warn'>;
}

/** Discord's recommended shard count, read from the configured API (not hard-wired discord.com). */
export async function recommendedShardCount(token: string, apiUrl?: string): Promise<number> {
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const body = (await rest.get(Routes.gatewayBot())) as { shards?: number };
  return Math.max(1, Number(body.shards ?? 1));
}

/** Discord run as shard processes: each takes its own events, so stopping intake is their stop. */
export interface ShardedDiscord extends ChatAdapter {
  readonly platform: 'discord';
  manager: ShardingManager;
}

export async function startDiscordSharded(opts: ShardedOptions): Promise<ShardedDiscord> {
  // shard.ts under tsx, shard.js in the compiled dist/.
  const file =
    opts.file ?? fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './shard.ts' : './shard.js', import.meta.url));
  const totalShards =
    opts.totalShards === undefined || opts.totalShards === 'auto'
      ? await recommendedShardCount(opts.token, opts.apiUrl)
      : opts.totalShards;
  const manager = new ShardingManager(file, {
    token: opts.token,
    totalShards,
    mode: opts.mode ?? 'process',
    respawn: true,
    execArgv: opts.execArgv ?? (file.endsWith('.ts') ? ['--import', 'tsx'] : []),
  });
  manager.on('shardCreate', (shard) => {
    // Runs before the shard is spawned: its env is still ours to extend.
    Object.assign(shard.env as Record<string, string>, opts.env ?? {});
    shard.on('death', () => opts.log.warn({ shardId: shard.id }, 'discord: shard exited'));
  });
  opts.log.info({ totalShards, mode: opts.mode ?? 'process' }, 'discord: spawning shards');
  await manager.spawn({
    amount: totalShards,
    delay: opts.spawnDelayMs ?? 5_500,
    timeout: opts.spawnTimeoutMs ?? 60_000,
  });
  return {
    platform: 'discord',
    manager,
    stopAccepting: () => undefined,
    ready: () => manager.shards.size > 0 && manager.shards.every((shard) => shard.ready),
    async stop(graceMs = 10_000) {
      // Do not bring stopped shards back. Each shard handles SIGTERM itself (shard.ts: tick,
      // replies in progress, gateway, pool); wait for them to exit, bounded, then kill.
      manager.respawn = false;
      const exits = [...manager.shards.values()].map(async (shard) => {
        const proc = shard.process;
        if (!proc || proc.exitCode !== null) return;
        const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs + 5_000);
        await exited;
        clearTimeout(timer);
      });
      await Promise.allSettled(exits);
      for (const shard of manager.shards.values()) if (!shard.process && shard.worker) shard.kill();
    },
  };
}
