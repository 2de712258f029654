// Issue 15 item 13: the closed-DM fallback of a reveal (an ephemeral interaction reply) is
// deleted by a durable job, its interaction token sealed in the job, so a restart in between
// still deletes it; a job whose token has expired ends without trying.
import { sql } from 'drizzle-orm';
import { expect, test, vi } from 'vitest';
import { useDiscordBed } from '../../fakes/discord/bed';

// Real servers and a shared, busy machine: generous time, no timed assertions.
vi.setConfig({ testTimeout: 120_000 });

const CODE = 'P240012345678';
const bed = useDiscordBed({ code: CODE, userPrefix: '42' });

async function revealWithDmsClosed(user: string) {
  await bed.register(user);
  bed.d.fake.api.closedDms.add(user);
  const replies = await bed.reveal(user);
  expect(replies[0]!.text).toContain(CODE);
}

test('the ephemeral fallback is deleted by a durable job; the token is stored only sealed', async () => {
  const user = bed.nextUser();
  const before = new Set(bed.d.fake.api.interactions.keys());
  await revealWithDmsClosed(user);
  const jobs = await bed.app.database.rows<{ payload: Record<string, unknown>; run_at: Date }>(
    sql`select payload, run_at from jobs where kind = 'interaction.delete'`,
  );
  expect(jobs).toHaveLength(1);
  const tokens = [...bed.d.fake.api.interactions.values()].filter((i) => !before.has(i.id)).map((i) => i.token);
  const dump = await bed.app.dumpAllTables();
  for (const t of tokens) expect(dump).not.toContain(t);
  expect(jobs[0]!.payload.platform).toBe('discord');
  // No in-process timer holds it: the job runs (in this or any restarted process) when due.
  expect(await bed.app.jobs.runDue(new Date(Date.now() + 301_000))).toBeGreaterThan(0);
  const del = await bed.d.fake.api.waitFor(
    (r) => r.method === 'DELETE' && r.path.startsWith('/webhooks/') && tokens.some((t) => r.path.includes(t)),
  );
  expect(del.status).toBe(204);
  const [left] = await bed.app.database.rows<{ n: string }>(
    sql`select count(*) as n from jobs where kind = 'interaction.delete'`,
  );
  expect(Number(left!.n)).toBe(0);
});

test('a job found after the token expired ends without a request', async () => {
  const user = bed.nextUser();
  await revealWithDmsClosed(user);
  const deletesBefore = bed.d.fake.api.requests.filter(
    (r) => r.method === 'DELETE' && r.path.startsWith('/webhooks/'),
  ).length;
  await bed.app.database.rows(
    sql`update jobs set payload = jsonb_set(payload, '{expiresAt}', to_jsonb(${new Date(Date.now() - 1000).toISOString()}::text)) where kind = 'interaction.delete'`,
  );
  await bed.app.jobs.runDue(new Date(Date.now() + 301_000));
  const [left] = await bed.app.database.rows<{ n: string }>(
    sql`select count(*) as n from jobs where kind = 'interaction.delete'`,
  );
  expect(Number(left!.n)).toBe(0);
  expect(bed.d.fake.api.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/webhooks/')).length).toBe(
    deletesBefore,
  );
});
