// Vitest global setup: migrate once per run (and once per migration set across runs), then let
// every test start from a copy instead of running initdb and the migrations again.
// - PGlite: a migrated data directory dumped to a tarball in the OS temp dir, keyed by a hash of
//   the migrations and the PGlite version; test/setup/pglite.ts loads it in each worker.
// - PostgreSQL (TEST_DATABASE_URL): a migrated template database `pccc_tpl_<hash>`;
//   freshPostgresDatabase() creates each test database from it (`create database … template …`).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../../src/db/client';

/** Where workers find the templates (forked workers inherit the environment; bench scripts see none). */
export const PGLITE_TEMPLATE_ENV = 'PCCC_TEST_PGLITE_TEMPLATE';
export const POSTGRES_TEMPLATE_ENV = 'PCCC_TEST_POSTGRES_TEMPLATE';

function migrationsHash(): string {
  const h = createHash('sha256');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      .sort();
  for (const f of files(MIGRATIONS_DIR))
    h.update(path.relative(MIGRATIONS_DIR, f)).update('\0').update(readFileSync(f));
  const pglitePkg = path.join(
    path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')),
    '..',
    'package.json',
  );
  h.update(JSON.parse(readFileSync(pglitePkg, 'utf8')).version);
  return h.digest('hex').slice(0, 16);
}

async function pgliteTemplate(hash: string): Promise<string> {
  const file = path.join(tmpdir(), `pccc-pglite-template-${hash}.tar`);
  if (existsSync(file)) return file;
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const pg = new PGlite();
  await pg.waitReady;
  await migrate(drizzle(pg) as never, { migrationsFolder: MIGRATIONS_DIR });
  const dump = await pg.dumpDataDir('none');
  await pg.close();
  // Write beside, then rename: a concurrent run never reads half a file.
  const part = `${file}.${randomBytes(4).toString('hex')}.part`;
  writeFileSync(part, Buffer.from(await dump.arrayBuffer()));
  renameSync(part, file);
  return file;
}

async function postgresTemplate(baseUrl: string, hash: string): Promise<string> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const name = `pccc_tpl_${hash}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    const exists = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists.length > 0) return name;
    // Build under a private name and rename: other runs (other worktrees) may race us.
    const building = `${name}_${randomBytes(4).toString('hex')}`;
    await admin.unsafe(`create database ${building}`);
    const url = new URL(baseUrl);
    url.pathname = `/${building}`;
    const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      await migrate(drizzle(client) as never, { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client.end();
    }
    try {
      await admin.unsafe(`alter database ${building} rename to ${name}`);
    } catch {
      await admin.unsafe(`drop database if exists ${building} with (force)`);
    }
    return name;
  } finally {
    await admin.end();
  }
}

export default async function setup(): Promise<void> {
  const hash = migrationsHash();
  process.env[PGLITE_TEMPLATE_ENV] = await pgliteTemplate(hash);
  const url = process.env.TEST_DATABASE_URL;
  if (url) process.env[POSTGRES_TEMPLATE_ENV] = await postgresTemplate(url, hash);
}
