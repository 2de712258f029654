// Runs the real entry point (src/main.ts under tsx, or dist/main.js) as a child process and
// reads its JSON log lines, so tests see start-up, endpoints and shutdown as an operator would.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_KEYS } from '../helpers/app';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Child {
  proc: ChildProcessWithoutNullStreams;
  stdout: string;
  stderr: string;
  /** Parsed JSON log lines (stdout in platform mode, stderr in terminal mode). */
  logs(): Array<Record<string, unknown>>;
  /** Resolves with the first log line matching `msg` (rejects if the process exits first). */
  waitForLog(msg: string | RegExp): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startMain(env: Record<string, string>, opts: { entry?: string; stdin?: string } = {}): Child {
  const entry = opts.entry ?? 'src/main.ts';
  const args = entry.endsWith('.ts') ? ['--import', 'tsx', entry] : ['--enable-source-maps', entry];
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pccc-main-')),
      ...TEST_KEYS,
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const child: Child = {
    proc,
    stdout: '',
    stderr: '',
    logs() {
      return `${child.stdout}\n${child.stderr}`
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => {
          try {
            return JSON.parse(l) as Record<string, unknown>;
          } catch {
            return {};
          }
        });
    },
    waitForLog(msg) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = child
            .logs()
            .find((l) => (typeof msg === 'string' ? l.msg === msg : msg.test(String(l.msg ?? ''))));
          if (hit) {
            cleanup();
            resolve(hit);
          }
        };
        const onExit = () => {
          check();
          cleanup();
          reject(new Error(`process exited before logging ${String(msg)}\n${child.stderr.slice(-2000)}`));
        };
        const cleanup = () => {
          proc.stdout.off('data', check);
          proc.stderr.off('data', check);
          proc.off('exit', onExit);
        };
        proc.stdout.on('data', check);
        proc.stderr.on('data', check);
        proc.once('exit', onExit);
        check();
      });
    },
    exited: new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal }))),
  };
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (child.stdout += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (child.stderr += d));
  if (opts.stdin !== undefined) proc.stdin.end(opts.stdin);
  return child;
}

/** The port a child's HTTP server took (PORT=0), from its "http: listening" log line. */
export async function listeningPort(child: Child, variable = 'PORT'): Promise<number> {
  for (;;) {
    const line = await child.waitForLog('http: listening');
    const hit = child.logs().find((l) => l.msg === 'http: listening' && l.variable === variable);
    if (hit) return Number(hit.port);
    void line;
    await new Promise((r) => setTimeout(r, 50));
  }
}
