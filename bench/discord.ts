// 1,000 slash-command interactions at 50 concurrent through the fake gateway into the real
// app (in-memory PGlite) and back: time from the gateway dispatch to the initial interaction
// response (callback POST received by the fake API). Target: p99 < 100 ms.
import { pathToFileURL } from 'node:url';
import { startDiscord } from '../src/adapters/discord';
import { startFakeDiscord } from '../test/fakes/discord/harness';
import { createTestApp } from '../test/helpers/app';

const TOTAL = 1_000;
const CONCURRENCY = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function benchDiscord(): Promise<Record<string, number | string>> {
  const fake = await startFakeDiscord();
  const app = await createTestApp({ env: { LOG_LEVEL: 'warn' } });
  Object.assign(app.config, { discordToken: fake.env.DISCORD_TOKEN, discordApplicationId: fake.env.DISCORD_APPLICATION_ID, discordApiUrl: fake.env.DISCORD_API_URL });
  const handle = await startDiscord(app);
  // A mix of what people run: help, a topic, their status, a free question.
  const subs: [string, { name: string; value: string }?][] = [['help'], ['topic', { name: 'id', value: 'validity' }], ['status'], ['ask', { name: 'question', value: '통관부호 재발급 방법' }]];
  const latencies: number[] = [];
  let next = 0;
  try {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        while (next < TOTAL) {
          const k = next++;
          const [sub, option] = subs[k % subs.length]!;
          const w = fake.who(`43000000000000${String(worker).padStart(4, '0')}`, { guildId: '500000000000000002', locale: k % 2 ? 'ko' : 'en-US' });
          const i = fake.command(w, sub, option);
          const cb = await fake.api.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`, 30_000);
          latencies.push(cb.at - fake.gateway.dispatchedAt.get(i.id)!);
        }
      }),
    );
    const wall = performance.now() - started;
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    return {
      'discord.interactions': TOTAL,
      'discord.concurrency': CONCURRENCY,
      'discord.p50_ms': Number(percentile(latencies, 50).toFixed(2)),
      'discord.p99_ms': Number(p99.toFixed(2)),
      'discord.max_ms': Number(latencies.at(-1)!.toFixed(2)),
      'discord.throughput_per_s': Math.round((TOTAL / wall) * 1000),
      'discord.spec_violations': fake.api.violations.length,
      'discord.p99_target': p99 < 100 ? 'met (< 100 ms)' : 'MISSED (>= 100 ms)',
    };
  } finally {
    await handle.stop();
    await app.close();
    await fake.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchDiscord().then(
    (r) => {
      for (const [k, v] of Object.entries(r)) process.stdout.write(`${k.padEnd(28)} ${v}\n`);
    },
    (err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
