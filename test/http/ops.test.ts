// The operational endpoints: /metrics in Prometheus text (names, types, no identifier in any
// label), /readyz following the database, unknown paths 404, a taken port one line naming the variable.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setMetricsSink } from '../../src/core/metrics';
import { opsRoutes } from '../../src/http/ops';
import { HttpServer } from '../../src/http/server';
import { createPromMetrics, labelValue } from '../../src/metrics';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { startSlackHarness, type SlackHarness } from '../fakes/slack/harness';
import { TEST_KEYS } from '../helpers/app';
import { freshPostgresDatabase } from '../helpers/db';
import { listeningPort, startMain } from '../main/spawn';
import { pgProxy } from '../db/proxy';

const EXPECTED: Record<string, string> = {
  pccc_events_total: 'counter',
  pccc_ack_seconds: 'histogram',
  pccc_reply_seconds: 'histogram',
  pccc_pin_checks_total: 'counter',
  pccc_lockouts_total: 'counter',
  pccc_reminders_total: 'counter',
  pccc_jobs_total: 'counter',
  pccc_job_queue_depth: 'gauge',
  pccc_job_oldest_due_seconds: 'gauge',
  pccc_unipass_calls_total: 'counter',
  pccc_unipass_seconds: 'histogram',
  pccc_rate_limit_waits_total: 'counter',
  process_cpu_seconds_total: 'counter',
  process_resident_memory_bytes: 'gauge',
};

function labelValues(text: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(prefix)) continue;
    const m = /\{(.*)\}/.exec(line);
    if (!m) continue;
    for (const pair of m[1]!.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      if (pair[1] !== 'le' && pair[1] !== 'quantile') out.push(pair[2]!);
  }
  return out;
}

describe('/metrics', () => {
  let h: SlackHarness;
  let server: HttpServer;
  let base: string;
  beforeAll(async () => {
    h = await startSlackHarness();
    const prom = createPromMetrics({ queueStats: async () => ({ depth: 2, oldestDueSeconds: 5 }) });
    setMetricsSink(prom.sink);
    server = new HttpServer(undefined, [
      opsRoutes({ probes: () => [{ name: 'database', check: () => h.app.health() }], metrics: prom.source }),
    ]);
    base = (await server.listen(0, '127.0.0.1', 'METRICS_PORT')).url;
  });
  afterAll(async () => {
    setMetricsSink(undefined);
    await server.close();
    await h.close();
  });

  it('serves Prometheus text with the expected names and types, and no identifier in any label', async () => {
    const u = h.user('U0METRICS1');
    await u.command('help');
    await u.dmMessage('제 번호는 P123456789012 예요');
    // The core's own calls (other engineers') arrive through the same sink; hostile values are recorded as "other".
    const { metrics } = await import('../../src/core/metrics');
    metrics().pin('reveal', 'wrong_pin');
    metrics().job('U0METRICS1', 'P123456789012');
    metrics().unipass('verify', 'xoxb-secret-token', 0.2);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const [name, type] of Object.entries(EXPECTED)) expect(text, name).toContain(`# TYPE ${name} ${type}`);
    expect(text).toMatch(/pccc_events_total\{platform="slack",kind="command",outcome="ok"\} 1/);
    expect(text).toMatch(/pccc_events_total\{platform="slack",kind="message",outcome="ok"\} 1/);
    expect(text).toMatch(/pccc_ack_seconds_count\{platform="slack"\} [1-9]/);
    expect(text).toMatch(/pccc_job_queue_depth 2/);
    const ours = labelValues(text, 'pccc_');
    expect(ours.length).toBeGreaterThan(0);
    for (const v of ours) expect(v).toMatch(/^[a-z][a-z0-9_.]*$/);
    for (const v of labelValues(text)) expect(v).not.toMatch(/U0METRICS1|P\d{12}|xox/i);
    expect(text).not.toMatch(/U0METRICS1|P123456789012|xoxb/);
  });

  it('takes no parameters, refuses other methods, 404s unknown paths without a stack', async () => {
    expect((await fetch(`${base}/metrics?name=x`)).status).toBe(400);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
    const r = await fetch(`${base}/does-not-exist`);
    expect(r.status).toBe(404);
    expect(await r.text()).toBe('not found');
  });

  it('label values: short lowercase words pass, anything else is "other"', () => {
    expect(labelValue('slack')).toBe('slack');
    expect(labelValue('dm.delete')).toBe('dm.delete');
    for (const bad of ['U0ABC', '123456789012345678', 'P123456789012', 'xoxb-1', '', 'a'.repeat(40), undefined])
      expect(labelValue(bad)).toBe('other');
  });
});

async function until(probe: () => Promise<boolean>, limitMs = 60_000): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('/readyz', () => {
  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    'fails while PostgreSQL is cut off and recovers without a restart; /healthz stays 200',
    async () => {
      const pg = await freshPostgresDatabase();
      const p = await pgProxy(pg.url);
      const url = new URL(p.url);
      const app = await createApp({
        config: loadConfig({ ...TEST_KEYS, DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' }),
      });
      const server = new HttpServer(undefined, [
        opsRoutes({ probes: () => [{ name: 'database', check: () => app.health() }] }),
      ]);
      const { url: base } = await server.listen(0, '127.0.0.1', 'PORT');
      const status = async (path: string) => (await fetch(`${base}${path}`)).status;
      try {
        expect(await status('/readyz')).toBe(200);
        p.cut();
        expect(await until(async () => (await status('/readyz')) === 503)).toBe(true);
        const body = await (await fetch(`${base}/readyz`)).json();
        expect(body).toEqual({ ok: false, checks: { database: 'down' } });
        expect(await status('/healthz')).toBe(200);
        p.restore();
        expect(await until(async () => (await status('/readyz')) === 200)).toBe(true);
      } finally {
        await server.close();
        await app.close();
        await p.close();
        await pg.drop();
      }
    },
  );
});

describe('a taken port', () => {
  async function hold(port = 0): Promise<{ port: number; close(): Promise<void> }> {
    const s = net.createServer();
    const ok = await new Promise<boolean>((resolve) => {
      s.once('error', () => resolve(false));
      s.listen(port, () => resolve(true));
    });
    // Already taken by someone else: that is a taken port too.
    if (!ok) return { port, close: async () => {} };
    return { port: (s.address() as net.AddressInfo).port, close: () => new Promise<void>((r) => s.close(() => r())) };
  }

  const cases: Array<[string, (port: number) => Record<string, string>, string]> = [
    ['terminal with PORT', (port) => ({ PORT: String(port) }), 'PORT'],
    ['terminal with METRICS_PORT', (port) => ({ METRICS_PORT: String(port) }), 'METRICS_PORT'],
    [
      'Slack HTTP mode',
      (port) => ({
        PORT: String(port),
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'secret',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
      }),
      'PORT',
    ],
  ];
  for (const [name, env, variable] of cases) {
    it(`${name}: one line naming ${variable}, exit 1, no stack`, { timeout: 180_000 }, async () => {
      const held = await hold();
      try {
        const child = startMain({ ...env(held.port), LOG_LEVEL: 'error' }, { stdin: '' });
        const { code } = await child.exited;
        expect(code).toBe(1);
        const lines = child.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toBe(
          `pccc-bot could not start: ${variable}=${held.port} is already in use (all interfaces port ${held.port}); set ${variable} to a free port.`,
        );
        expect(child.stderr).not.toMatch(/\n\s+at /);
      } finally {
        await held.close();
      }
    });
  }

  it('Socket Mode with PORT unset (3000): the same one line, not a raw EADDRINUSE', { timeout: 180_000 }, async () => {
    const held = await hold(3000);
    try {
      const child = startMain({
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_APP_TOKEN: 'xapp-test',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        LOG_LEVEL: 'error',
      });
      const { code } = await child.exited;
      expect(code).toBe(1);
      expect(child.stderr.trim()).toBe(
        'pccc-bot could not start: PORT=3000 is already in use (all interfaces port 3000); set PORT to a free port.',
      );
    } finally {
      await held.close();
    }
  });
});

describe('with METRICS_PORT set', () => {
  it('serves /metrics only there; PORT keeps /healthz and /readyz', { timeout: 180_000 }, async () => {
    const child = startMain({ PORT: '0', METRICS_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
    try {
      const port = await listeningPort(child, 'PORT');
      const metricsPort = await listeningPort(child, 'METRICS_PORT');
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('pccc_events_total');
    } finally {
      child.proc.kill('SIGTERM');
      await child.exited;
    }
  });
});
