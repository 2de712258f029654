// Issue 15 item 13: the closed-DM fallback of a reveal (an ephemeral interaction reply) is
// deleted by a durable job, its interaction token sealed in the job, so a restart in between
// still deletes it; a job whose token has expired ends without trying.
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { createDiscordDriver, type DiscordDriver } from '../../fakes/discord/driver';
import { createTestApp, type TestApp } from '../../helpers/app';

// Real servers and a shared, busy machine: generous time, no timed assertions.
vi.setConfig({ testTimeout: 120_000 });

const CODE = 'P240012345678';
let app: TestApp;
let d: DiscordDriver;
let n = 0;
const nextUser = () => `4200000000000${String(++n).padStart(5, '0')}`;

beforeAll(async () => {
  app = await createTestApp({ env: { REVEAL_TTL: '300' } });
  d = await createDiscordDriver(app);
});
afterAll(async () => {
  await d?.close();
  await app?.close();
});
afterEach(() => {
  expect(d.fake.api.violations).toEqual([]);
});

async function revealWithDmsClosed(user: string) {
  await d.send({ user, kind: 'command', args: 'register', locale: 'en-US' });
  await d.send({ user, kind: 'action', actionId: 'vault.consent', locale: 'en-US' });
  await d.send({
    user,
    kind: 'form',
    formId: 'vault.register',
    values: { code: CODE, pin: '482916', pin2: '482916' },
    locale: 'en-US',
  });
  d.fake.api.closedDms.add(user);
  const replies = await d.send({
    user,
    kind: 'form',
    formId: 'vault.reveal',
    values: { pin: '482916' },
    locale: 'en-US',
  });
  expect(replies[0]!.text).toContain(CODE);
}

test('the ephemeral fallback is deleted by a durable job; the token is stored only sealed', async () => {
  const user = nextUser();
  const before = new Set(d.fake.api.interactions.keys());
  await revealWithDmsClosed(user);
  const jobs = await app.database.rows<{ payload: Record<string, unknown>; run_at: Date }>(
    sql`select payload, run_at from jobs where kind = 'interaction.delete'`,
  );
  expect(jobs).toHaveLength(1);
  const tokens = [...d.fake.api.interactions.values()].filter((i) => !before.has(i.id)).map((i) => i.token);
  const dump = await app.dumpAllTables();
  for (const t of tokens) expect(dump).not.toContain(t);
  expect(jobs[0]!.payload.platform).toBe('discord');
  // No in-process timer holds it: the job runs (in this or any restarted process) when due.
  expect(await app.jobs.runDue(new Date(Date.now() + 301_000))).toBeGreaterThan(0);
  const del = await d.fake.api.waitFor(
    (r) => r.method === 'DELETE' && r.path.startsWith('/webhooks/') && tokens.some((t) => r.path.includes(t)),
  );
  expect(del.status).toBe(204);
  const [left] = await app.database.rows<{ n: string }>(
    sql`select count(*) as n from jobs where kind = 'interaction.delete'`,
  );
  expect(Number(left!.n)).toBe(0);
});

test('a job found after the token expired ends without a request', async () => {
  const user = nextUser();
  await revealWithDmsClosed(user);
  const deletesBefore = d.fake.api.requests.filter(
    (r) => r.method === 'DELETE' && r.path.startsWith('/webhooks/'),
  ).length;
  await app.database.rows(
    sql`update jobs set payload = jsonb_set(payload, '{expiresAt}', to_jsonb(${new Date(Date.now() - 1000).toISOString()}::text)) where kind = 'interaction.delete'`,
  );
  await app.jobs.runDue(new Date(Date.now() + 301_000));
  const [left] = await app.database.rows<{ n: string }>(
    sql`select count(*) as n from jobs where kind = 'interaction.delete'`,
  );
  expect(Number(left!.n)).toBe(0);
  expect(d.fake.api.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/webhooks/')).length).toBe(
    deletesBefore,
  );
});
