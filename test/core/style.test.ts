// House style the formatter cannot enforce: Biome wraps code at 120 columns but never splits a
// string, a regular expression or a comment, so a long one would slip in unnoticed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');
const MAX = 120;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** `file:line (length)` for every line of `source` over MAX characters (code points, as editors count). */
function longLines(file: string, source: string): string[] {
  return source
    .split('\n')
    .map((line, i) => ({ n: i + 1, width: [...line].length }))
    .filter((l) => l.width > MAX)
    .map((l) => `${file}:${l.n} (${l.width})`);
}

describe('line length', () => {
  const sources = files(SRC).map((p) => ({ file: path.relative(ROOT, p), text: readFileSync(p, 'utf8') }));

  it('reads the sources', () => {
    expect(sources.length).toBeGreaterThan(50);
  });

  it(`no line in src/ is longer than ${MAX} characters`, () => {
    const over = sources.flatMap((s) => longLines(s.file, s.text));
    expect(over).toEqual([]);
  });

  it('names the file, line and width of a long line', () => {
    const source = `short\n${'x'.repeat(MAX)}\n${'y'.repeat(MAX + 1)}\n${'가'.repeat(MAX)}`;
    expect(longLines('src/a.ts', source)).toEqual([`src/a.ts:3 (${MAX + 1})`]);
  });
});
