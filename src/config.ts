// The whole environment in one zod schema. A wrong value stops start-up with a message
// that names the variable, what is wrong and how to fix it (no stack trace).
import { z } from 'zod';

const KEY_BYTES = 32;

/** `1:base64,2:base64` — versioned 32-byte keys; the highest version encrypts. */
export const vaultKeysSchema = z.string().transform((raw, ctx) => {
  const keys = new Map<number, Buffer>();
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,6}):([A-Za-z0-9+/=_-]+)$/.exec(part);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: `entry "${part.split(':')[0]}:…" is not VERSION:BASE64KEY` });
      return z.NEVER;
    }
    const version = Number(m[1]);
    const key = Buffer.from(m[2]!, 'base64');
    if (key.length !== KEY_BYTES) {
      ctx.addIssue({
        code: 'custom',
        message:
          `key version ${version} is ${key.length} bytes; it must be exactly ${KEY_BYTES} ` +
          '(generate one with: openssl rand -base64 32)',
      });
      return z.NEVER;
    }
    if (keys.has(version)) {
      ctx.addIssue({ code: 'custom', message: `key version ${version} is listed twice` });
      return z.NEVER;
    }
    keys.set(version, key);
  }
  if (keys.size === 0) {
    ctx.addIssue({ code: 'custom', message: 'no keys given' });
    return z.NEVER;
  }
  return keys;
});

const secretBytes = (min: number) =>
  z.string().transform((raw, ctx) => {
    const buf = Buffer.from(raw, 'base64');
    if (buf.length < min) {
      ctx.addIssue({
        code: 'custom',
        message: `must be at least ${min} random bytes, base64-encoded (generate with: openssl rand -base64 32)`,
      });
      return z.NEVER;
    }
    return buf;
  });

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const url = (what: string) =>
  z
    .string()
    .trim()
    .transform((s) => (s === '' ? undefined : s))
    .pipe(z.url({ message: `must be a full URL for ${what}, e.g. https://…` }).optional())
    .optional();

const port = z
  .string()
  .trim()
  .regex(/^\d{1,5}$/, 'must be a number: a TCP port (0–65535)')
  .transform(Number)
  .refine((n) => n <= 65535, 'must be a TCP port (0–65535)');

/** `0-7`, `0,2,4` or `0-3,8-11`: the shard ids this host runs. */
export const shardList = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const ids = new Set<number>();
    for (const part of raw
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const m = /^(\d{1,4})(?:-(\d{1,4}))?$/.exec(part);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: `part "${part.slice(0, 20)}" is not a shard id or a range like 0-7` });
        return z.NEVER;
      }
      const from = Number(m[1]);
      const to = m[2] === undefined ? from : Number(m[2]);
      if (to < from) {
        ctx.addIssue({ code: 'custom', message: `range "${part}" runs backwards` });
        return z.NEVER;
      }
      for (let i = from; i <= to; i++) ids.add(i);
    }
    if (ids.size === 0) {
      ctx.addIssue({ code: 'custom', message: 'lists no shard ids' });
      return z.NEVER;
    }
    return [...ids].sort((a, b) => a - b);
  });

const durationSeconds = z
  .string()
  .trim()
  .regex(/^\d+(s|m|h)?$/, 'must be a duration like 600, 600s, 10m or 1h')
  .transform((s) => {
    const n = Number.parseInt(s, 10);
    const unit = s.endsWith('h') ? 3600 : s.endsWith('m') ? 60 : 1;
    return n * unit;
  })
  .refine((n) => n >= 10 && n <= 86_400, 'must be between 10 seconds and 24 hours');

export const envSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .trim()
      .transform((s) => (s === '' ? undefined : s))
      .pipe(
        z
          .string()
          .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
          .optional(),
      )
      .optional(),
    DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./data'),
    VAULT_KEYS: vaultKeysSchema.optional(),
    PIN_PEPPER: secretBytes(16).optional(),
    BLIND_INDEX_KEY: secretBytes(32).optional(),
    SLACK_BOT_TOKEN: optionalText.pipe(
      z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional(),
    ),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.pipe(
      z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional(),
    ),
    SLACK_API_URL: url('the Slack Web API base'),
    // Slack OAuth (install in many workspaces): all three or none.
    SLACK_CLIENT_ID: optionalText.pipe(
      z
        .string()
        .regex(/^\d+\.\d+$/, "must be the app's Client ID (Basic Information → App Credentials), digits.digits")
        .optional(),
    ),
    SLACK_CLIENT_SECRET: optionalText.pipe(
      z.string().min(16, "must be the app's Client Secret (Basic Information → App Credentials)").optional(),
    ),
    SLACK_STATE_SECRET: optionalText.pipe(
      z.string().min(32, 'must be at least 32 random characters (generate with: openssl rand -base64 32)').optional(),
    ),
    PRIVACY_CONTACT: optionalText.pipe(
      z.string().max(300, 'must be at most 300 characters (a name and an e-mail address or phone number)').optional(),
    ),
    // Slack HTTP mode: this thread verifies and acks; Bolt's listeners and the core run on a worker thread.
    SLACK_WORKER: optionalText.pipe(
      z
        .enum(['1', 'true', '0', 'false'], { message: 'must be 1 or true (on), 0 or false (off)' })
        .transform((v) => v === '1' || v === 'true')
        .optional(),
    ),
    PORT: port.optional(),
    METRICS_PORT: port.optional(),
    HOST: z
      .string()
      .trim()
      .regex(
        /^(localhost|[0-9.]{7,15}|[0-9a-fA-F:]{2,39}|[A-Za-z0-9.-]{1,253})$/,
        'must be an interface address such as 0.0.0.0, 127.0.0.1 or ::',
      )
      .optional(),
    SHUTDOWN_TIMEOUT: durationSeconds.optional(),
    DISCORD_TOKEN: optionalText,
    DISCORD_APPLICATION_ID: optionalText.pipe(
      z
        .string()
        .regex(/^\d{5,25}$/, 'must be the numeric application id')
        .optional(),
    ),
    DISCORD_GUILD_ID: optionalText.pipe(
      z
        .string()
        .regex(/^\d{5,25}$/, 'must be a numeric guild id')
        .optional(),
    ),
    DISCORD_API_URL: url('the Discord REST API base'),
    DISCORD_SHARDS: z
      .string()
      .trim()
      .regex(/^(auto|[1-9]\d{0,3})$/, 'must be "auto" or a number of shards (1–9999)')
      .transform((s) => (s === 'auto' ? ('auto' as const) : Number(s)))
      .optional(),
    DISCORD_SHARD_COUNT: z
      .string()
      .trim()
      .regex(/^[1-9]\d{0,3}$/, 'must be the total number of shards across every host (1–9999)')
      .transform(Number)
      .optional(),
    DISCORD_SHARD_IDS: shardList.optional(),
    UNIPASS_VERIFY_KEY: optionalText,
    UNIPASS_CARGO_KEY: optionalText,
    UNIPASS_API_URL: url('the UNI-PASS Open API base'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
    REVEAL_TTL: durationSeconds.default(600),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required in HTTP mode when SLACK_BOT_TOKEN is set (or set SLACK_APP_TOKEN for Socket Mode)',
      });
    }
    const oauth = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
    const oauthSet = oauth.filter((n) => env[n]);
    if (oauthSet.length > 0 && oauthSet.length < oauth.length) {
      for (const name of oauth.filter((n) => !env[n]))
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message:
            `is required when ${oauthSet.join(' and ')} ${oauthSet.length > 1 ? 'are' : 'is'} set ` +
            '(Slack OAuth needs all three, or none)',
        });
    }
    if (oauthSet.length === oauth.length && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required with Slack OAuth (SLACK_CLIENT_ID): it verifies the events every workspace sends',
      });
    }
    if ((env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN) && !env.SLACK_BOT_TOKEN && !env.SLACK_CLIENT_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message:
          'is required when other Slack variables are set (or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and ' +
          'SLACK_STATE_SECRET to install through OAuth)',
      });
    }
    if (env.DISCORD_SHARDS && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_SHARDS'],
        message:
          'needs DATABASE_URL (PostgreSQL): shards are separate processes and cannot share the embedded database',
      });
    }
    if (env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_APPLICATION_ID'],
        message:
          'is required when DISCORD_TOKEN is set (Developer Portal → your app → General Information → Application ID)',
      });
    }
    if (env.DISCORD_SHARD_IDS && !env.DISCORD_SHARD_COUNT) {
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_SHARD_IDS'],
        message: 'needs DISCORD_SHARD_COUNT (the total number of shards across every host)',
      });
    }
    if (env.DISCORD_SHARD_COUNT !== undefined && env.DISCORD_SHARDS !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_SHARDS'],
        message:
          'cannot be combined with DISCORD_SHARD_COUNT; use DISCORD_SHARD_COUNT (+ DISCORD_SHARD_IDS) for a ' +
          'fixed split across hosts',
      });
    }
    if (env.DISCORD_SHARD_COUNT !== undefined) {
      const bad = (env.DISCORD_SHARD_IDS ?? []).find((id) => id >= env.DISCORD_SHARD_COUNT!);
      if (bad !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['DISCORD_SHARD_IDS'],
          message:
            `lists shard ${bad}, but shard ids run from 0 to ${env.DISCORD_SHARD_COUNT - 1} ` +
            `(DISCORD_SHARD_COUNT=${env.DISCORD_SHARD_COUNT})`,
        });
      }
      if (env.DISCORD_SHARD_COUNT > 1 && !env.DATABASE_URL) {
        ctx.addIssue({
          code: 'custom',
          path: ['DISCORD_SHARD_COUNT'],
          message:
            'above 1 needs DATABASE_URL (PostgreSQL): shards on several processes or hosts cannot share the ' +
            'embedded database',
        });
      }
    }
    if (env.SLACK_WORKER) {
      const why = env.SLACK_APP_TOKEN
        ? 'needs HTTP mode (unset SLACK_APP_TOKEN): in Socket Mode the socket client acknowledges'
        : env.SLACK_CLIENT_ID
          ? 'is not available with the OAuth install (SLACK_CLIENT_ID) yet; use one workspace or more instances'
          : !env.DATABASE_URL
            ? 'needs DATABASE_URL (PostgreSQL): the worker thread opens its own connections and cannot share ' +
              'the embedded database'
            : undefined;
      if (why) ctx.addIssue({ code: 'custom', path: ['SLACK_WORKER'], message: why });
    }
    if (env.PORT !== undefined && env.METRICS_PORT !== undefined && env.PORT === env.METRICS_PORT && env.PORT !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['METRICS_PORT'],
        message: 'must differ from PORT (leave it unset to serve /metrics on PORT)',
      });
    }
    const production = Boolean(env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID || env.DISCORD_TOKEN);
    if (production) {
      for (const name of ['VAULT_KEYS', 'PIN_PEPPER', 'BLIND_INDEX_KEY'] as const) {
        if (!env[name]) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message:
              'must be set when the bot runs on Slack or Discord (generated keys are only for trying it in the ' +
              'terminal)',
          });
        }
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  databaseUrl?: string;
  dataDir: string;
  vaultKeys?: Map<number, Buffer>;
  pinPepper?: Buffer;
  blindIndexKey?: Buffer;
  slackBotToken?: string;
  slackSigningSecret?: string;
  slackAppToken?: string;
  slackApiUrl?: string;
  /** Slack OAuth (many workspaces): all three set, or none. */
  slackClientId?: string;
  slackClientSecret?: string;
  slackStateSecret?: string;
  /** Who to contact about personal data (shown on /privacy). */
  privacyContact?: string;
  /** SLACK_WORKER: Bolt's listeners and the core on a worker thread; the main thread verifies and acks. */
  slackWorker: boolean;
  /** PORT, default 3000. */
  port: number;
  /** True when PORT was given (Discord-only and terminal runs serve HTTP only when asked). */
  portSet: boolean;
  /** METRICS_PORT: a separate listener for /metrics, /healthz, /readyz. */
  metricsPort?: number;
  /** HOST: interface to listen on (default: all interfaces). */
  host?: string;
  /** SHUTDOWN_TIMEOUT in seconds: how long in-flight replies get on SIGTERM (default 10). */
  shutdownTimeoutSeconds: number;
  discordToken?: string;
  discordApplicationId?: string;
  discordGuildId?: string;
  discordApiUrl?: string;
  /** Run Discord under ShardingManager: a shard count or 'auto'; unset = one in-process client. */
  discordShards?: number | 'auto';
  /** DISCORD_SHARD_COUNT: total shards across every host (fixed split). */
  discordShardCount?: number;
  /** DISCORD_SHARD_IDS: the shards this host runs (default: all of DISCORD_SHARD_COUNT). */
  discordShardIds?: number[];
  unipassVerifyKey?: string;
  unipassCargoKey?: string;
  unipassApiUrl?: string;
  logLevel: Env['LOG_LEVEL'];
  revealTtlSeconds: number;
}

const HINTS: Record<string, string> = {
  VAULT_KEYS: 'Example: VAULT_KEYS=1:$(openssl rand -base64 32)',
  PIN_PEPPER: 'Example: PIN_PEPPER=$(openssl rand -base64 32)',
  BLIND_INDEX_KEY: 'Example: BLIND_INDEX_KEY=$(openssl rand -base64 32)',
  DATABASE_URL:
    'Example: postgres://user:password@localhost:5432/pccc — or leave it unset to use the embedded database in ' +
    'DATA_DIR.',
  PORT: 'Example: PORT=3000',
  METRICS_PORT: 'Example: METRICS_PORT=9464',
  DISCORD_SHARD_IDS:
    'Example: DISCORD_SHARD_COUNT=16 DISCORD_SHARD_IDS=0-7 on one host and DISCORD_SHARD_IDS=8-15 on the other',
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Configuration problem${problems.length > 1 ? 's' : ''}:\n` +
        `${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment; throws ConfigError with one readable line per problem. Never echoes values
 * (they may be secrets).
 */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): Config {
  // An empty value (as in a copied .env.example) means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const hint = HINTS[name] ? ` ${HINTS[name]}` : '';
      return `${name} ${issue.message}.${hint}`;
    });
    throw new ConfigError(problems);
  }
  const e = result.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    vaultKeys: e.VAULT_KEYS,
    pinPepper: e.PIN_PEPPER,
    blindIndexKey: e.BLIND_INDEX_KEY,
    slackBotToken: e.SLACK_BOT_TOKEN,
    slackSigningSecret: e.SLACK_SIGNING_SECRET,
    slackAppToken: e.SLACK_APP_TOKEN,
    slackApiUrl: e.SLACK_API_URL,
    slackClientId: e.SLACK_CLIENT_ID,
    slackClientSecret: e.SLACK_CLIENT_SECRET,
    slackStateSecret: e.SLACK_STATE_SECRET,
    privacyContact: e.PRIVACY_CONTACT,
    slackWorker: e.SLACK_WORKER ?? false,
    port: e.PORT ?? 3000,
    portSet: e.PORT !== undefined,
    metricsPort: e.METRICS_PORT,
    host: e.HOST,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT ?? 10,
    discordToken: e.DISCORD_TOKEN,
    discordApplicationId: e.DISCORD_APPLICATION_ID,
    discordGuildId: e.DISCORD_GUILD_ID,
    discordApiUrl: e.DISCORD_API_URL,
    discordShards: e.DISCORD_SHARDS,
    discordShardCount: e.DISCORD_SHARD_COUNT,
    discordShardIds:
      e.DISCORD_SHARD_COUNT !== undefined
        ? (e.DISCORD_SHARD_IDS ?? Array.from({ length: e.DISCORD_SHARD_COUNT }, (_, i) => i))
        : undefined,
    unipassVerifyKey: e.UNIPASS_VERIFY_KEY,
    unipassCargoKey: e.UNIPASS_CARGO_KEY,
    unipassApiUrl: e.UNIPASS_API_URL,
    logLevel: e.LOG_LEVEL,
    revealTtlSeconds: e.REVEAL_TTL,
  };
}
