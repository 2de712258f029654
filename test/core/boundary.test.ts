// The core must not know any platform or SQL driver: this fails if it imports one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = path.resolve(__dirname, '../../src/core');
const ALLOWED_PACKAGES = ['zod', 'es-hangul', 'luxon'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(source: string): string[] {
  return [...source.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

describe('core boundary', () => {
  const all = files(CORE);

  it('finds the core sources', () => {
    expect(all.length).toBeGreaterThan(5);
  });

  it.each(all.map((f) => [path.relative(CORE, f), f]))('%s imports only core modules, node builtins and plain libraries', (_name, file) => {
    for (const spec of imports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec);
        expect(target.startsWith(CORE), `${spec} leaves src/core`).toBe(true);
      } else if (spec.startsWith('node:')) {
        expect(['node:crypto', 'node:util'].includes(spec) || !/http|net|child_process/.test(spec), spec).toBe(true);
      } else {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        expect(ALLOWED_PACKAGES, `${spec} in ${file}`).toContain(pkg);
      }
    }
  });

  it('the checker itself catches a forbidden import', () => {
    expect(imports("import { App } from '@slack/bolt';\nconst x = await import('postgres');")).toEqual(['@slack/bolt', 'postgres']);
  });
});
