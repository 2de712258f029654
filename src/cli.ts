// `npm run cli -- <verb>`: db migrate, keys rotate, ask, discord register-commands.
// Config mistakes print a readable message and exit 2; no stack traces for users.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config';

// A local .env is read if present (values already in the environment win).
if (existsSync('.env')) process.loadEnvFile('.env');

const USAGE = `Usage: npm run cli -- <verb>
  ask [--json] [--lang ko|en] [TEXT]   answer one question (no TEXT: one question per stdin line, one JSON per line)
  db migrate                           apply database migrations
  keys rotate                          re-encrypt every stored code under the newest VAULT_KEYS key
  discord register-commands            sync the slash commands with Discord (only writes on change)`;

async function ask(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean', default: false }, lang: { type: 'string' } },
    allowPositionals: true,
  });
  const lang =
    values.lang === undefined ? undefined : values.lang === 'ko' || values.lang === 'en' ? values.lang : null;
  if (lang === null) {
    process.stderr.write('--lang must be ko or en\n');
    return 2;
  }
  const { answer } = await import('./core/knowledge');
  const { redactCodes } = await import('./core/code');
  const one = (q: string) => {
    const a = answer(redactCodes(q), { lang });
    return values.json
      ? JSON.stringify({
          topic: a.topic,
          faq: a.faq ?? null,
          confidence: Number(a.confidence.toFixed(3)),
          lang: a.lang,
          text: a.text,
        })
      : `[${a.topic} ${(a.confidence * 100).toFixed(0)}%]\n${a.text}\n`;
  };
  if (positionals.length > 0) {
    process.stdout.write(`${one(positionals.join(' '))}\n`);
    return 0;
  }
  const rl = createInterface({ input: process.stdin, terminal: false });
  const out: string[] = [];
  for await (const line of rl) {
    if (!line.trim()) continue;
    out.push(one(line));
    if (out.length >= 256) process.stdout.write(`${out.splice(0).join('\n')}\n`);
  }
  if (out.length) process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [verb, sub, ...rest] = argv;
  if (verb === 'ask') return ask(argv.slice(1));
  if (verb === 'db' && sub === 'migrate') {
    const config = loadConfig();
    const { openDatabase } = await import('./db/client');
    const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
    await db.migrate();
    await db.close();
    process.stdout.write(`migrations applied (${db.kind})\n`);
    return 0;
  }
  if (verb === 'keys' && sub === 'rotate') {
    const { createApp } = await import('./app');
    const app = await createApp({ env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } });
    try {
      const r = await app.vault.rotateKeys();
      process.stdout.write(`re-encrypted ${r.resealed} code(s) under key version ${r.newestVersion}\n`);
      // Slack installations (bot tokens) are sealed with the same keys.
      const { rotateInstallationKeys } = await import('./adapters/slack/install/store');
      const { createInstallationRows } = await import('./db/stores-installations');
      const { loadKeys } = await import('./keys');
      const n = await rotateInstallationKeys(createInstallationRows(app.database), loadKeys(app.config).keys.keys);
      process.stdout.write(`re-encrypted ${n} Slack installation(s) under key version ${r.newestVersion}\n`);
    } finally {
      await app.close();
    }
    return 0;
  }
  if (verb === 'discord' && sub === 'register-commands') {
    const config = loadConfig();
    if (!config.discordToken || !config.discordApplicationId) {
      process.stderr.write('DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set to register commands.\n');
      return 2;
    }
    const { registerCommands } = await import('./adapters/discord/register');
    const { createLogger } = await import('./log');
    const r = await registerCommands({
      token: config.discordToken,
      applicationId: config.discordApplicationId,
      guildId: config.discordGuildId,
      apiUrl: config.discordApiUrl,
      log: createLogger({ level: config.logLevel }),
    });
    process.stdout.write(
      r.changed ? `updated commands:\n${r.diff.join('\n')}\n` : 'commands are up to date; nothing written\n',
    );
    return 0;
  }
  process.stderr.write(`${verb ? `Unknown verb: ${[verb, sub, ...rest].join(' ')}\n` : ''}${USAGE}\n`);
  return verb ? 2 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof ConfigError ? 2 : 1;
  },
);
