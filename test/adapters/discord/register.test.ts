import { afterAll, beforeAll, expect, test } from 'vitest';
import { registerCommands } from '../../../src/adapters/discord/register';
import { TOPIC_IDS } from '../../../src/core/knowledge/types';
import { commandDefinitions } from '../../../src/adapters/discord/definitions';
import { startFakeDiscord, TEST_APP_ID, TEST_TOKEN, type FakeDiscord } from '../../fakes/discord/harness';

let fake: FakeDiscord;
const lines: unknown[] = [];
const log = { info: (...a: unknown[]) => void lines.push(a), warn: (...a: unknown[]) => void lines.push(a) } as never;

beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(async () => fake?.close());

const puts = () => fake.api.requests.filter((r) => r.method === 'PUT');

test('first run writes the commands (valid per the OpenAPI spec) and prints what changed', async () => {
  const r = await registerCommands({ token: TEST_TOKEN, applicationId: TEST_APP_ID, apiUrl: fake.api.url, log });
  expect(r.changed).toBe(true);
  expect(r.diff).toEqual(['+ /pccc']);
  expect(puts()).toHaveLength(1);
  expect(puts()[0]!.path).toBe(`/applications/${TEST_APP_ID}/commands`);
  expect(fake.api.violations).toEqual([]);
  const stored = fake.api.commands.global[0];
  expect(stored.name_localizations).toEqual({ ko: '통관부호' });
  expect(stored.options.map((o: { name: string }) => o.name)).toEqual([
    'help',
    'topic',
    'register',
    'show',
    'replace',
    'pin',
    'forget',
    'remind',
    'verify',
    'track',
    'parcels',
    'untrack',
    'status',
    'lang',
    'ask',
  ]);
  const topic = stored.options.find((o: { name: string }) => o.name === 'topic');
  expect(topic.options[0].choices.map((c: { value: string }) => c.value)).toEqual([...TOPIC_IDS]);
  expect(
    topic.options[0].choices.every((c: { name_localizations: { ko?: string } }) =>
      /[가-힣]/.test(c.name_localizations.ko ?? ''),
    ),
  ).toBe(true);
});

test('second run: the server-added ids, versions and defaults do not count as a change; nothing is written', async () => {
  const r = await registerCommands({ token: TEST_TOKEN, applicationId: TEST_APP_ID, apiUrl: fake.api.url, log });
  expect(r).toEqual({ changed: false, diff: [] });
  expect(puts()).toHaveLength(1);
});

test('a changed localisation on Discord is detected and named, then overwritten', async () => {
  const stored = fake.api.commands.global[0];
  stored.options.find((o: { name: string }) => o.name === 'help').description_localizations = { ko: '옛 설명' };
  stored.options.push({ type: 1, name: 'old', description: 'gone', options: [] });
  const r = await registerCommands({ token: TEST_TOKEN, applicationId: TEST_APP_ID, apiUrl: fake.api.url, log });
  expect(r.changed).toBe(true);
  expect(r.diff).toContain('- /pccc.options.old');
  expect(r.diff).toContain('~ /pccc.options.help.description_localizations.ko: "옛 설명" → "이 봇이 할 수 있는 일"');
  expect(puts()).toHaveLength(2);
  expect(
    (await registerCommands({ token: TEST_TOKEN, applicationId: TEST_APP_ID, apiUrl: fake.api.url, log })).changed,
  ).toBe(false);
});

test('guild scope uses the guild route and leaves global alone', async () => {
  const r = await registerCommands({
    token: TEST_TOKEN,
    applicationId: TEST_APP_ID,
    guildId: '700000000000000007',
    apiUrl: fake.api.url,
    log,
  });
  expect(r.changed).toBe(true);
  expect(puts().at(-1)!.path).toBe(`/applications/${TEST_APP_ID}/guilds/700000000000000007/commands`);
  expect(fake.api.commands.guilds.get('700000000000000007')).toHaveLength(1);
});

test('a wrong token gives a clear error that does not contain the token', async () => {
  const err = await registerCommands({
    token: 'wrong-token-value',
    applicationId: TEST_APP_ID,
    apiUrl: fake.api.url,
    log,
  }).catch((e: Error) => e);
  expect(err).toBeInstanceOf(Error);
  expect((err as Error).message).toMatch(/Could not read the registered commands \(global\).*DISCORD_TOKEN/);
  expect((err as Error).message).not.toContain('wrong-token-value');
});

test('the definitions are within Discord limits', () => {
  const [cmd] = commandDefinitions() as any[];
  const names = (o: any): void => {
    expect(o.name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
    expect(o.name).toBe(o.name.toLowerCase());
    for (const v of Object.values(o.name_localizations ?? {})) expect(String(v)).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
    expect(o.description.length).toBeLessThanOrEqual(100);
    for (const v of Object.values(o.description_localizations ?? {})) expect(String(v).length).toBeLessThanOrEqual(100);
    for (const c of o.options ?? []) names(c);
  };
  names(cmd);
});
