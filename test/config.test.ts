import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

const run = promisify(execFile);

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('runs on defaults with nothing set (terminal, embedded database)', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toBe('./data');
    expect(c.port).toBe(3000);
    expect(c.revealTtlSeconds).toBe(600);
  });

  it('treats empty values from a copied .env.example as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', VAULT_KEYS: '', PORT: '' }).port).toBe(3000);
  });

  it('names the variable, says what is wrong and how to fix it, without echoing the value', () => {
    const msg = problems({ VAULT_KEYS: '1:c2VjcmV0LXRvby1zaG9ydA==', PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    expect(msg).toMatch(/VAULT_KEYS key version 1 is 16 bytes; it must be exactly 32/);
    expect(msg).toMatch(/openssl rand -base64 32/);
    expect(msg).toMatch(/PORT must be a number/);
    expect(msg).toMatch(/DATABASE_URL must start with postgres:\/\//);
    expect(msg).not.toContain('c2VjcmV0LXRvby1zaG9ydA');
  });

  it('requires real keys when running on a chat platform', () => {
    const msg = problems({ DISCORD_TOKEN: 'abc', DISCORD_APPLICATION_ID: '123456789' });
    for (const name of ['VAULT_KEYS', 'PIN_PEPPER', 'BLIND_INDEX_KEY']) expect(msg).toContain(name);
  });

  it('checks related Slack variables together', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })).toMatch(/SLACK_SIGNING_SECRET is required in HTTP mode/);
    expect(problems({ SLACK_BOT_TOKEN: 'not-a-token', SLACK_SIGNING_SECRET: 's' })).toMatch(
      /SLACK_BOT_TOKEN must be a bot token starting with xoxb-/,
    );
  });

  it('accepts a shard count or auto, and only with a shared PostgreSQL', () => {
    expect(loadConfig({ DISCORD_SHARDS: 'auto', DATABASE_URL: 'postgres://db/x' }).discordShards).toBe('auto');
    expect(loadConfig({ DISCORD_SHARDS: '4', DATABASE_URL: 'postgres://db/x' }).discordShards).toBe(4);
    expect(problems({ DISCORD_SHARDS: 'many', DATABASE_URL: 'postgres://db/x' })).toMatch(
      /DISCORD_SHARDS must be "auto" or a number/,
    );
    expect(problems({ DISCORD_SHARDS: '2' })).toMatch(/DISCORD_SHARDS needs DATABASE_URL/);
  });

  it('parses durations and versioned keys', () => {
    const k = Buffer.alloc(32, 7).toString('base64');
    const c = loadConfig({ REVEAL_TTL: '5m', VAULT_KEYS: `1:${k}, 2:${k}` });
    expect(c.revealTtlSeconds).toBe(300);
    expect([...c.vaultKeys!.keys()]).toEqual([1, 2]);
    expect(problems({ REVEAL_TTL: '2s' })).toMatch(/REVEAL_TTL must be between 10 seconds and 24 hours/);
  });

  it('stops start-up with a readable message and no stack trace', async () => {
    const err = await run(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: 'abc', DATA_DIR: '/tmp/pccc-config-test' },
    }).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/PORT must be a number/);
    expect(err.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
