// The operational endpoints: /healthz (liveness: the process answers), /readyz (every
// dependency this process needs is up: the database, each configured platform connection),
// /metrics (Prometheus text). GET or HEAD, no parameters; a query string is refused.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathOf, sendJson, sendText, type Route } from './server';

export interface ReadinessProbe {
  /** Short fixed name shown in /readyz (database, slack, discord). */
  name: string;
  check(): boolean | Promise<boolean>;
}

export interface MetricsSource {
  contentType: string;
  render(): Promise<string>;
}

export interface OpsOptions {
  probes: () => ReadinessProbe[];
  metrics?: MetricsSource;
  /** Per-probe budget; a probe that takes longer counts as down (default 2000 ms). */
  probeTimeoutMs?: number;
}

export const OPS_PATHS = ['/healthz', '/readyz', '/metrics'] as const;

async function probe(p: ReadinessProbe, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      Promise.resolve()
        .then(() => p.check())
        .catch(() => false),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function readiness(
  probes: ReadinessProbe[],
  timeoutMs = 2000,
): Promise<{ ok: boolean; checks: Record<string, 'up' | 'down'> }> {
  const results = await Promise.all(probes.map((p) => probe(p, timeoutMs)));
  const checks: Record<string, 'up' | 'down'> = {};
  probes.forEach((p, i) => (checks[p.name] = results[i] ? 'up' : 'down'));
  return { ok: results.every(Boolean), checks };
}

export function opsRoutes(opts: OpsOptions): Route {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = pathOf(req);
    if (!(OPS_PATHS as readonly string[]).includes(path)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendText(res, 405, 'method not allowed');
      return true;
    }
    if ((req.url ?? '').includes('?')) {
      sendText(res, 400, 'no parameters');
      return true;
    }
    if (path === '/healthz') {
      sendJson(res, 200, { ok: true });
      return true;
    }
    if (path === '/readyz') {
      const r = await readiness(opts.probes(), opts.probeTimeoutMs);
      sendJson(res, r.ok ? 200 : 503, r);
      return true;
    }
    if (!opts.metrics) {
      sendText(res, 404, 'not found');
      return true;
    }
    const body = await opts.metrics.render();
    sendText(res, 200, body, opts.metrics.contentType);
    return true;
  };
}
