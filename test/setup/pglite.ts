// Every in-memory PGlite in a test worker starts from the migrated template made by
// test/setup/templates.ts, with the WebAssembly modules compiled once per worker.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setMemoryPgliteOptions, type MemoryPgliteOptions } from '../../src/db/client';

const require = createRequire(import.meta.url);
// (The project's TypeScript libs declare WebAssembly's types but not its runtime object.)
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } })
  .WebAssembly;
let options: Promise<MemoryPgliteOptions> | undefined;

async function load(): Promise<MemoryPgliteOptions> {
  const dist = path.dirname(require.resolve('@electric-sql/pglite'));
  const template = process.env.PCCC_TEST_PGLITE_TEMPLATE;
  const [pgliteWasmModule, initdbWasmModule] = await Promise.all([
    wasm.compile(readFileSync(path.join(dist, 'pglite.wasm'))),
    wasm.compile(readFileSync(path.join(dist, 'initdb.wasm'))),
  ]);
  return {
    pgliteWasmModule,
    initdbWasmModule,
    fsBundle: new Blob([readFileSync(path.join(dist, 'pglite.data'))]),
    ...(template ? { loadDataDir: new Blob([readFileSync(template)]) } : {}),
  };
}

// Without the template (a file gone missing) each database starts the slow way, still correct.
setMemoryPgliteOptions(() => (options ??= load().catch(() => ({}))));
