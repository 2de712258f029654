// Entry file for one shard under ShardingManager (see sharding.ts). discord.js passes the
// shard ids and count in the environment (SHARDS, SHARD_COUNT) and the client picks them up.
import { createApp } from '../../app';
import { startTick } from '../../scheduler/tick';
import { startDiscord } from './index';

async function main(): Promise<void> {
  if (Number(process.env.SHARD_COUNT ?? 1) > 1 && !process.env.DATABASE_URL) {
    // Embedded PGlite is one process's file; shards must share a PostgreSQL server.
    throw new Error('DATABASE_URL must point to PostgreSQL when running more than one shard.');
  }
  const app = await createApp();
  const discord = await startDiscord(app);
  // Jobs and reminders are claimed with FOR UPDATE SKIP LOCKED, so every shard may sweep:
  // whichever claims one runs it once, and a DM is plain REST from any shard.
  const tick = startTick(app);
  const stop = async () => {
    // Same order as main.ts: stop taking events, stop the tick, finish replies, disconnect, close the pool.
    discord.stopAccepting();
    await tick.stop();
    await discord.stop().catch(() => undefined);
    await app.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`discord shard could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
