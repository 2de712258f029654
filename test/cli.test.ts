// The CLI and `npm start` as a user runs them: real processes, real stdin.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TEST_KEYS } from './helpers/app';

const exec = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
// `node --import tsx` is what `npx tsx` ends up running, without two extra Node processes per call.
const TSX = ['--import', 'tsx'];
const cli = (args: string[], env: Record<string, string> = {}) =>
  exec(process.execPath, [...TSX, 'src/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } });

function runWithStdin(
  cmd: string[],
  stdin: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...TSX, ...cmd], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('cli ask', () => {
  it('answers one question as JSON', async () => {
    const { stdout } = await cli(['ask', '--json', '통관번호 까먹었어요']);
    const a = JSON.parse(stdout);
    expect(a).toMatchObject({ topic: 'lookup', lang: 'ko' });
    expect(a.faq).toMatch(/^lookup\./);
    expect(a.confidence).toBeGreaterThan(0);
    expect(a.confidence).toBeLessThanOrEqual(1);
  });

  it('answers off-topic questions with unknown, and follows --lang', async () => {
    expect(JSON.parse((await cli(['ask', '--json', 'recommend a good pizza place'])).stdout).topic).toBe('unknown');
    expect(JSON.parse((await cli(['ask', '--json', '--lang', 'en', '통관번호 까먹었어요'])).stdout).lang).toBe('en');
  });

  it('reads one question per stdin line and prints one JSON object per line', async () => {
    const r = await runWithStdin(['src/cli.ts', 'ask', '--json'], 'PCCC how to get\n\n개인통관고유번호 유효기간\n', {});
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.topic)).toEqual(['issue', 'validity']);
  });

  it('rejects a bad --lang kindly', async () => {
    const err = await cli(['ask', '--lang', 'fr', 'hi']).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/--lang must be ko or en/);
  });
});

describe('cli db and keys', () => {
  it('migrates the embedded database and rotates keys', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pccc-cli-'));
    const env = { DATA_DIR: dataDir, ...TEST_KEYS };
    expect((await cli(['db', 'migrate'], env)).stdout).toMatch(/migrations applied \(pglite\)/);
    const script = '/pccc register\n1\nP260987654321\n740528\n740528\n';
    expect((await runWithStdin(['src/main.ts'], script, env)).stdout).toContain('P26*******321');
    const k2 = `${TEST_KEYS.VAULT_KEYS},2:${Buffer.alloc(32, 8).toString('base64')}`;
    expect((await cli(['keys', 'rotate'], { ...env, VAULT_KEYS: k2 })).stdout).toMatch(
      /re-encrypted 1 code\(s\) under key version 2/,
    );
    expect((await cli(['keys', 'rotate'], { ...env, VAULT_KEYS: k2 })).stdout).toMatch(/re-encrypted 0 code/);
    // Still readable with the new key set.
    const show = await runWithStdin(['src/main.ts'], '/pccc show\n740528\n', { ...env, VAULT_KEYS: k2 });
    expect(show.stdout).toContain('P260987654321');
  });

  it('says what verbs exist for an unknown one', async () => {
    const err = await cli(['frobnicate']).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/Unknown verb: frobnicate[\s\S]*ask \[--json\]/);
  });
});

describe('npm start in a terminal with piped input', () => {
  it('registers, reveals after the PIN, forgets, and exits cleanly at EOF', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pccc-start-'));
    const script = [
      '/pccc register',
      '1',
      'p2609-8765-4321',
      '740528',
      '740528',
      '/pccc show',
      '740528',
      '/pccc forget',
      '1',
      '/pccc status',
      '',
    ].join('\n');
    const r = await runWithStdin(['src/main.ts'], script, { DATA_DIR: dataDir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('P26*******321');
    expect(r.stdout).toContain('📩 [DM]');
    expect(r.stdout).toContain('P260987654321');
    expect(r.stdout).toMatch(/삭제했어요|keeps nothing/);
    expect(r.stdout).toMatch(/보관 안 함|not stored/);
    expect(r.stdout.trim().endsWith('bye')).toBe(true);
    expect(r.stderr).toMatch(/development keys generated in DATA_DIR/);
    expect(r.stderr).not.toContain('P260987654321');
    expect(r.stdout).not.toContain('740528');
  });
});
