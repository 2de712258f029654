// Start-up time: process start → terminal prompt, with a fresh and with an existing data dir,
// for `npm start` (tsx, src/) and for the compiled `node dist/main.js` (built first if missing).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

function timeToPrompt(cmd: string, args: string[], dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, cwd: ROOT });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('> ')) {
        const ms = performance.now() - t0;
        child.stdin.end();
        resolve(ms);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`${cmd} exited (${code}) before the prompt`)));
  });
}

async function measure(cmd: string, args: string[]): Promise<{ first: number; warm: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pccc-bench-start-'));
  const first = await timeToPrompt(cmd, args, dir);
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) runs.push(await timeToPrompt(cmd, args, dir));
  runs.sort((a, b) => a - b);
  return { first: Math.round(first), warm: Math.round(runs[1]!) };
}

export async function benchStartup(): Promise<Record<string, number | string>> {
  const tsx = await measure('npx', ['tsx', 'src/main.ts']);
  if (!existsSync(path.join(ROOT, 'dist/main.js'))) {
    const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    if (built.status !== 0)
      return { tsxFirstStartMs: tsx.first, tsxWarmStartMedianMs: tsx.warm, dist: 'npm run build failed' };
  }
  const dist = await measure(process.execPath, ['dist/main.js']);
  return {
    tsxFirstStartMs: tsx.first,
    tsxWarmStartMedianMs: tsx.warm,
    distFirstStartMs: dist.first,
    distWarmStartMedianMs: dist.warm,
  };
}
