// After `tsc -p tsconfig.build.json`: makes dist/ runnable by plain Node 20 ESM.
// The sources use bundler-style specifiers ("./app", "./adapters/slack"); Node needs the file
// ("./app.js", "./adapters/slack/index.js"). JSON imports become createRequire reads (no
// experimental import-attributes warning on Node 20). Plain JavaScript, no dev dependency.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dist = path.resolve(process.argv[2] ?? 'dist');
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.js')) files.push(p);
  }
};
walk(dist);

function resolveSpecifier(fromFile, spec) {
  if (!spec.startsWith('./') && !spec.startsWith('../')) return spec;
  if (/\.(js|mjs|cjs|json|node)$/.test(spec)) return spec;
  const base = path.resolve(path.dirname(fromFile), spec);
  if (existsSync(`${base}.js`)) return `${spec}.js`;
  if (existsSync(path.join(base, 'index.js'))) return `${spec}/index.js`;
  throw new Error(`${path.relative(dist, fromFile)}: cannot resolve "${spec}"`);
}

let changed = 0;
for (const file of files) {
  const src = readFileSync(file, 'utf8');
  let jsonSeq = 0;
  let needsRequire = false;
  let out = src
    // import x from './a.json';  →  const x = __pcccRequire('./a.json');
    .replace(
      /^import\s+([A-Za-z_$][\w$]*)\s+from\s+(['"])(\.{1,2}\/[^'"]+\.json)\2(?:\s+(?:with|assert)\s*\{[^}]*\})?;?$/gm,
      (_m, name, _q, spec) => {
        needsRequire = true;
        jsonSeq++;
        return `const ${name} = __pcccRequire(${JSON.stringify(spec)});`;
      },
    )
    // static: import … from '…' / export … from '…'
    .replace(
      /(\b(?:import|export)\b[^'";]*?\bfrom\s*)(['"])(\.{1,2}\/[^'"]+)\2/g,
      (_m, head, q, spec) => `${head}${q}${resolveSpecifier(file, spec)}${q}`,
    )
    // side-effect import './x'
    .replace(
      /^(import\s*)(['"])(\.{1,2}\/[^'"]+)\2/gm,
      (_m, head, q, spec) => `${head}${q}${resolveSpecifier(file, spec)}${q}`,
    )
    // dynamic import('./x')
    .replace(
      /(\bimport\(\s*)(['"])(\.{1,2}\/[^'"]+)\2(\s*\))/g,
      (_m, head, q, spec, tail) => `${head}${q}${resolveSpecifier(file, spec)}${q}${tail}`,
    );
  if (needsRequire)
    out = `import { createRequire as __pcccCreateRequire } from 'node:module';\nconst __pcccRequire = __pcccCreateRequire(import.meta.url);\n${out}`;
  if (out !== src) {
    writeFileSync(file, out);
    changed++;
  }
  void jsonSeq;
}
// Data read at run time (readdirSync / readFileSync, not imported: the knowledge entries and the
// off-topic examples) is not emitted by tsc: every JSON file under src/ is copied beside its module.
const src = path.resolve(process.argv[3] ?? 'src');
let copied = 0;
const copyJson = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) copyJson(p);
    else if (p.endsWith('.json')) {
      const to = path.join(dist, path.relative(src, p));
      mkdirSync(path.dirname(to), { recursive: true });
      copyFileSync(p, to);
      copied++;
    }
  }
};
copyJson(src);

process.stdout.write(
  `build: ${copied} data files copied; ${files.length} files in ${path.relative(process.cwd(), dist) || dist}, ${changed} rewritten for Node ESM\n`,
);
