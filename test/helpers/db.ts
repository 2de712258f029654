// Every repository test runs on PGlite, and on the real PostgreSQL server when
// TEST_DATABASE_URL is set. Each use gets its own fresh database so test files can run in parallel.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

export type DbKind = 'pglite' | 'postgres';

export const DB_KINDS: DbKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** The migrated template database made by test/setup/templates.ts, if any. */
function template(): string | null {
  const name = process.env.PCCC_TEST_POSTGRES_TEMPLATE;
  return name && /^pccc_tpl_[0-9a-f]+$/.test(name) ? name : null;
}

/** Creates a database on the test server (a copy of the migrated template when there is one); returns its URL and a dropper. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `pccc_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  const from = template();
  await admin.unsafe(from ? `create database ${name} template ${from}` : `create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
