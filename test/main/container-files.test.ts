// The container files cannot be built here (no Docker daemon), so they are checked the ways that
// need none: the Dockerfile by a linter (dockerfile-utils, the validator behind VS Code's Docker
// support), the promises the README makes of it, the files it copies, and its HEALTHCHECK
// command run for real against a live /healthz.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
const compose = readFileSync(new URL('compose.yaml', root), 'utf8');

/** Instructions with their continuation lines joined, comments dropped. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const [word = '', ...rest] = l.split(/\s+/);
    return { op: word.toUpperCase(), args: rest.join(' ') };
  });
const stages: { name?: string; body: typeof instructions }[] = [];
for (const i of instructions) {
  if (i.op === 'FROM') stages.push({ name: /\bAS\s+(\S+)/i.exec(i.args)?.[1], body: [] });
  stages.at(-1)?.body.push(i);
}
const runtime = stages.at(-1)!;

describe('Dockerfile', () => {
  it('passes the linter with no error or warning', () => {
    expect(validate(dockerfile).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('builds in stages on node:20-slim and installs production dependencies only for the runtime', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) expect(s.body[0]!.args).toMatch(/^node:20-slim\b/);
    const deps = stages.find((s) => s.body.some((i) => i.op === 'RUN' && /npm ci\b.*--omit=dev/.test(i.args)));
    expect(deps?.name).toBeDefined();
    expect(runtime.body.some((i) => i.op === 'COPY' && i.args.includes(`--from=${deps!.name}`))).toBe(true);
  });

  it('runs as a non-root user, checks /healthz and starts dist/main.js with node as PID 1', () => {
    const ops = runtime.body.map((i) => i.op);
    const user = runtime.body.find((i) => i.op === 'USER');
    expect(user?.args).not.toMatch(/^(root|0)(:|$)/);
    expect(ops.indexOf('USER')).toBeLessThan(ops.indexOf('CMD'));
    expect(runtime.body.find((i) => i.op === 'HEALTHCHECK')?.args).toContain('/healthz');
    // Exec form: no shell in between, so SIGTERM reaches node.
    expect(JSON.parse(runtime.body.find((i) => i.op === 'CMD')!.args)).toEqual([
      'node',
      '--enable-source-maps',
      'dist/main.js',
    ]);
  });

  it('copies only what exists in the repository, and from stages it names', () => {
    const names = new Set(stages.map((s) => s.name).filter(Boolean));
    for (const i of instructions.filter((x) => x.op === 'COPY')) {
      const words = i.args.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='));
      const paths = words.filter((w) => !w.startsWith('--')).slice(0, -1);
      if (from) expect(names.has(from.slice('--from='.length)), i.args).toBe(true);
      else for (const p of paths) expect(existsSync(new URL(p, root)), `COPY ${p}`).toBe(true);
    }
  });

  it('has a HEALTHCHECK command that passes on a healthy /healthz and fails otherwise', async () => {
    const args = JSON.parse(/CMD\s+(\[.*\])\s*$/.exec(runtime.body.find((i) => i.op === 'HEALTHCHECK')!.args)![1]!);
    expect(args.slice(0, 2)).toEqual(['node', '-e']);
    let status = 200;
    const server = createServer((req, res) => res.writeHead(req.url === '/healthz' ? status : 404).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const run = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, [args[1], args[2]], {
        env: { ...process.env, ...env },
        timeout: 60_000,
      }).then(
        () => 0,
        (e: { code?: number }) => e.code ?? -1,
      );
    try {
      const port = String((server.address() as AddressInfo).port);
      expect(await run({ PORT: port })).toBe(0);
      status = 503;
      expect(await run({ PORT: port })).toBe(1);
      server.close();
      expect(await run({ PORT: port })).toBe(1); // nobody listening
    } finally {
      server.close();
    }
  });
});

describe('compose.yaml', () => {
  it('runs PostgreSQL, a one-shot migration and the bot, with the database password required from .env', () => {
    for (const service of ['db', 'migrate', 'bot']) expect(compose).toMatch(new RegExp(`^  ${service}:$`, 'm'));
    expect(compose).toContain('${POSTGRES_PASSWORD:?');
    expect(compose).toContain('["node", "dist/cli.js", "db", "migrate"]');
    expect(compose).toContain('condition: service_completed_successfully');
    expect(compose).not.toMatch(/POSTGRES_PASSWORD:\s*["']?[\w-]+["']?\s*$/m); // no password written in
  });
});
