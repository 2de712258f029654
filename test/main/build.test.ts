// `npm run build` produces dist/ that plain Node runs: `node dist/main.js` in terminal mode
// with piped stdin answers a question and exits cleanly at EOF (JSON content and the
// migrations folder found from dist).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startMain } from './spawn';

describe('production build', () => {
  beforeAll(async () => {
    await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT, timeout: 600_000 });
  }, 600_000);

  it('emits dist/main.js with source maps', () => {
    expect(existsSync(path.join(ROOT, 'dist/main.js'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'dist/main.js.map'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'dist/core/knowledge/content/ko.json'))).toBe(true);
  });

  it('node dist/main.js answers piped questions in the terminal and exits 0 at EOF', { timeout: 300_000 }, async () => {
    const child = startMain(
      { LOG_LEVEL: 'warn' },
      { entry: 'dist/main.js', stdin: 'how long is the code valid?\nhow many times can I reissue my code?\n' },
    );
    const { code } = await child.exited;
    expect(code).toBe(0);
    expect(child.stdout).toMatch(/valid|유효/i);
    // A question-level entry (data read at run time, copied by the build), not only a topic card.
    expect(child.stdout).toMatch(/5 times a year/);
    expect(child.stderr).not.toMatch(/ExperimentalWarning|ERR_MODULE_NOT_FOUND|\n\s+at /);
  });
});
