// Import rules (docs/architecture.md): the core knows no platform or SQL driver; the scheduler,
// the database layer and the UNI-PASS client never reach up into app.ts, an adapter, or a bot
// module's command file.
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
  return [
    ...source.matchAll(
      /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]!);
}

describe('core boundary', () => {
  const all = files(CORE);

  it('finds the core sources', () => {
    expect(all.length).toBeGreaterThan(5);
  });

  it.each(all.map((f) => [path.relative(CORE, f), f]))(
    '%s imports only core modules, node builtins and plain libraries',
    (_name, file) => {
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
    },
  );

  it('the checker itself catches a forbidden import', () => {
    expect(imports("import { App } from '@slack/bolt';\nconst x = await import('postgres');")).toEqual([
      '@slack/bolt',
      'postgres',
    ]);
  });
});

describe('lower layers (scheduler, db, unipass)', () => {
  const SRC = path.resolve(__dirname, '../../src');
  const LAYERS = ['scheduler', 'db', 'unipass'];
  const APP = path.join(SRC, 'app.ts');
  const ADAPTERS = path.join(SRC, 'adapters') + path.sep;
  /** A bot module's command file (src/core/<feature>/commands.ts): ids belong in a ports/ids file. */
  const isCommandFile = (p: string) => /[\\/]core[\\/][^\\/]+[\\/]commands\.ts$/.test(p);
  /** Imports allowed for now, as 'layer/file.ts -> spec' (none left: keep it that way). */
  const KNOWN_EXCEPTIONS = new Set<string>();

  const sources = LAYERS.flatMap((l) => files(path.join(SRC, l)));

  it('finds the sources', () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it.each(sources.map((f) => [path.relative(SRC, f), f]))(
    '%s does not import app.ts, an adapter or a bot command file',
    (name, file) => {
      for (const spec of imports(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), spec);
        const resolved = target.endsWith('.ts') ? target : `${target}.ts`;
        const bad = resolved === APP || target.startsWith(ADAPTERS) || isCommandFile(resolved);
        if (bad && KNOWN_EXCEPTIONS.has(`${name.split(path.sep).join('/')} -> ${spec}`)) continue;
        expect(bad, `${name} imports ${spec}`).toBe(false);
      }
    },
  );

  it('the known exceptions still exist (remove them from the list once fixed)', () => {
    for (const entry of KNOWN_EXCEPTIONS) {
      const [from, spec] = entry.split(' -> ') as [string, string];
      expect(imports(readFileSync(path.join(SRC, from), 'utf8')), entry).toContain(spec);
    }
  });
});
