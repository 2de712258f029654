// Start-up time: process start → terminal prompt, with a fresh and with an existing data dir.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function timeToPrompt(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('npx', ['tsx', 'src/main.ts'], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, cwd: path.resolve(import.meta.dirname, '..') });
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
  });
}

export async function benchStartup(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pccc-bench-start-'));
  const first = await timeToPrompt(dir);
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) runs.push(await timeToPrompt(dir));
  runs.sort((a, b) => a - b);
  return { firstStartMs: Math.round(first), warmStartMedianMs: Math.round(runs[1]!) };
}
