// Wiring shared by main.ts, the CLI and the tests: config → database → stores → vault → bot.
import { loadConfig, type Config } from './config';
import { createBot, type Bot } from './core/bot';
import type { BotModule } from './core/module';
import { systemClock, type Clock, type EphemeralStore, type Stores } from './core/ports';
import { createEphemeralStore } from './db/ephemeral';
import { DELETION_RETRY, PrivateDelivery } from './core/delivery';
import type { Messenger, Platform } from './core/types';
import { VaultService } from './core/vault/service';
import { vaultModule } from './core/vault/commands';
import { DEFAULT_SCRYPT, open, seal, type ScryptParams } from './core/vault/crypto';
import { openDatabase, type Database } from './db/client';
import { createStores } from './db/stores';
import { loadKeys } from './keys';
import { createLogger, type Logger } from './log';
import { JobRunner, type JobRunnerOptions } from './scheduler/jobs';
import { customsModule } from './core/customs';
import { createParcelStore } from './db/stores-parcels';
import { registerParcelPolling } from './scheduler/parcels';
import { unipassPortFromConfig, unipassRules } from './unipass/port';
import { remindersModule } from './core/reminders/commands';
import { createReminderStore } from './db/stores-reminders';
import { registerReminderJobs, ReminderDispatcher, type DispatcherOptions } from './scheduler/reminders';
import { PgTokenBucket, tokenBucketKey } from './scheduler/rate-limit';
import type { DestinationStream } from 'pino';
import { DISCORD_SENDS_PER_SECOND } from './adapters/discord/rate';

export const DM_DELETE_JOB = 'dm.delete';
export const INTERACTION_DELETE_JOB = 'interaction.delete';
/** Associated data of a sealed interaction reference (it opens only as one). */
const INTERACTION_AAD = 'interaction.delete';

export interface App {
  bot: Bot;
  config: Config;
  log: Logger;
  database: Database;
  stores: Stores;
  vault: VaultService;
  jobs: JobRunner;
  /** Sweeps due reminders (main.ts runs it every minute). */
  reminders: ReminderDispatcher;
  clock: Clock;
  /** Short-lived state shared by every instance (Slack event dedupe, pending forms of both platforms). */
  ephemeral: EphemeralStore;
  registerMessenger(m: Messenger): void;
  messenger(platform: Platform): Messenger | undefined;
  /** Sensitive replies: DM (or the adapter's in-place fallback) and their durable deletion. */
  delivery: PrivateDelivery;
  health(): Promise<boolean>;
  close(): Promise<void>;
}

export interface CreateAppOptions {
  env?: NodeJS.ProcessEnv | Record<string, string | undefined>;
  config?: Config;
  /** Use an in-memory PGlite (tests). */
  memory?: boolean;
  logDestination?: DestinationStream;
  clock?: Clock;
  scrypt?: ScryptParams;
  /** Extra feature modules (reminders, UNI-PASS…). */
  modules?: (app: Omit<App, 'bot'>) => BotModule[];
  migrate?: boolean;
  /** Scheduler tuning (tests: fake clocks, short backoffs). */
  scheduler?: {
    jobs?: Omit<JobRunnerOptions, 'platforms'>;
    reminders?: Omit<DispatcherOptions, 'platforms' | 'limiters'>;
  };
}

export async function createApp(opts: CreateAppOptions = {}): Promise<App> {
  const config = opts.config ?? loadConfig(opts.env ?? process.env);
  const log = createLogger({ level: config.logLevel, destination: opts.logDestination });
  const { keys, generatedFile } = loadKeys(config);
  if (generatedFile) {
    log.warn(
      { file: generatedFile },
      'Using development keys generated in DATA_DIR. Production must set VAULT_KEYS, PIN_PEPPER and BLIND_INDEX_KEY.',
    );
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, memory: opts.memory });
  if (opts.migrate !== false) await database.migrate();
  const stores = createStores(database);
  const clock = opts.clock ?? systemClock;
  const reminderStore = createReminderStore(database);
  // A replaced code starts its own validity year, so the old expiry's renewal reminders stop.
  const vault = new VaultService(stores, keys, clock, opts.scrypt ?? DEFAULT_SCRYPT, {
    onCodeChanged: async (userId) => void (await reminderStore.off(userId, 'renewal')),
  });
  const messengers = new Map<Platform, Messenger>();
  // A process claims only the platform-bound jobs and reminders of platforms it serves (a
  // sharded Discord main process must not burn the Discord deletions' attempts).
  const served = () => [...messengers.keys()];
  const jobs = new JobRunner(database, log, { ...opts.scheduler?.jobs, platforms: served });

  // Private delivery (core/delivery.ts) owns the policy; here its deletions become durable jobs.
  // An interaction reply's reference holds its token, so it is stored sealed and only until
  // the token's end of life.
  const delivery = new PrivateDelivery({
    messenger: (p) => messengers.get(p),
    clock,
    log,
    revealTtlSeconds: config.revealTtlSeconds,
    async scheduleDeletion(d, runAt) {
      if (d.target === 'dm') {
        await stores.jobs.schedule({ kind: DM_DELETE_JOB, runAt, payload: { platform: d.platform, ref: d.ref } });
        return;
      }
      const { sealed, keyVersion } = seal(keys.keys, INTERACTION_AAD, d.ref);
      const expiresAt = (d.expiresAt ?? runAt).toISOString();
      await stores.jobs.schedule({
        kind: INTERACTION_DELETE_JOB,
        runAt,
        payload: { platform: d.platform, sealed: sealed.toString('base64'), kv: keyVersion, expiresAt },
      });
    },
  });
  jobs.on(
    DM_DELETE_JOB,
    (payload) =>
      delivery.runDeletion({ target: 'dm', platform: payload.platform as Platform, ref: String(payload.ref) }),
    DELETION_RETRY.dm,
  );
  jobs.on(
    INTERACTION_DELETE_JOB,
    (payload) =>
      delivery.runDeletion({
        target: 'interaction',
        platform: payload.platform as Platform,
        // Opened only if the token still lives (past it, the job ends without a request).
        ref: () => open(keys.keys, INTERACTION_AAD, Number(payload.kv), Buffer.from(String(payload.sealed), 'base64')),
        expiresAt: new Date(String(payload.expiresAt)),
      }),
    DELETION_RETRY.interaction,
  );

  // Reminders: durable rows swept by the dispatcher; Discord's send rate per token is shared
  // by every instance through the database.
  registerReminderJobs(jobs, reminderStore, (p) => messengers.get(p));
  const discordBucket = config.discordToken
    ? new PgTokenBucket(database, tokenBucketKey('discord', config.discordToken), {
        ratePerSecond: DISCORD_SENDS_PER_SECOND,
      })
    : undefined;
  const reminders = new ReminderDispatcher(database, (p) => messengers.get(p), log, {
    ...opts.scheduler?.reminders,
    limiters: discordBucket ? { discord: discordBucket } : {},
    platforms: served,
  });

  const base = {
    config,
    log,
    database,
    stores,
    vault,
    jobs,
    reminders,
    clock,
    ephemeral: createEphemeralStore(database),
    registerMessenger: (m: Messenger) => void messengers.set(m.platform, m),
    messenger: (p: Platform) => messengers.get(p),
    delivery,
    health: () => database.ping(),
    close: () => database.close(),
  };
  // UNI-PASS: verify on demand and parcel tracking (format-check-only without keys).
  const unipass = unipassPortFromConfig(config, log);
  const parcels = createParcelStore(database);
  registerParcelPolling(jobs, {
    parcels,
    unipass,
    rules: unipassRules,
    users: stores.users,
    messenger: (p) => messengers.get(p),
    clock,
    log,
  });
  const customs = customsModule({ vault, unipass, rules: unipassRules, parcels });
  const modules = [
    vaultModule(vault, { revealTtlSeconds: config.revealTtlSeconds }),
    customs,
    remindersModule(reminderStore),
    ...(opts.modules?.(base) ?? []),
  ];
  const bot = createBot({ stores, clock, log, modules, revealTtlSeconds: config.revealTtlSeconds });
  return { ...base, bot };
}
