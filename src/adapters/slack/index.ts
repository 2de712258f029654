// The Slack adapter: a Bolt app (HTTP receiver on /slack/events with signature verification by
// default, Socket Mode when SLACK_APP_TOKEN is set) that turns Slack traffic into the core's
// Inbound events and the core's replies into Slack messages, modals and the App Home.
import { App, HTTPReceiver, type HTTPReceiverOptions, SocketModeReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../../config';
import { metrics } from '../../core/metrics';
import { HttpServer, pathOf, type Route } from '../../http/server';
import { opsRoutes } from '../../http/ops';
import { SeenEvents, SharedSeenEvents } from './dedupe';
import { errName } from './deliver';
import type { ChatAdapter } from '../adapter';
import type { Runtime, SlackHost } from './host';
import { registerActions } from './listeners/actions';
import { registerCommands } from './listeners/commands';
import { registerHome } from './listeners/home';
import { registerMessages } from './listeners/messages';
import { registerViews } from './listeners/views';
import { refuseUnreadable } from './payloads';
import { guardSocketFrames } from './socket-guard';
import { LocaleCache } from './locale';
import { boltLogger } from './logger';
import { DmChannels, SlackMessenger } from './messenger';
import { PendingForms, sealingKeys, SharedPendingForms } from './forms';
import { createResponseUrlPoster } from './response-url';
import { adoptBotToken, INSTALL_PATH, REDIRECT_PATH, registerInstallEvents, slackOAuth } from './install';
import { dispatchError } from './install/routes';
import { answerLost, answerUnavailable } from './install/unavailable';
import { createInstallationRows } from '../../db/stores-installations';
import { inTeam, scopedClient, TeamClients, teamOfContext } from './install/teams';
import { publicPages } from '../../web/routes';
import { type ParentReceiver, SlackWorkerLink, type WorkerBoot } from './offload';

export type { SlackHost } from './host';

export interface SlackOptions {
  /** Overrides config.port (0 = any free port). */
  port?: number;
  /** Interface to listen on (default: all). */
  host?: string;
  /**
   * The process's HTTP server (src/http). In HTTP mode the adapter adds its events route to it
   * and the caller listens. Without one, HTTP mode starts its own server on `port` with
   * /healthz and /readyz (tests, benches).
   */
  http?: HttpServer;
  /** view_submission validation deadline before acking "still working" (default 2500 ms). */
  submissionDeadlineMs?: number;
  /**
   * HTTP mode: run Bolt's listeners and the core on a worker thread built from this module (see
   * offload.ts). Default with SLACK_WORKER: src/adapters/slack/worker-host.ts.
   */
  worker?: WorkerBoot;
  /** Inside that worker: events come from the main thread (no HTTP server, no token adoption). */
  receiver?: ParentReceiver;
}

export interface SlackAdapter extends ChatAdapter {
  readonly platform: 'slack';
  mode: 'http' | 'socket';
  /** Base URL of the HTTP server (events at `${url}/slack/events`, health at `${url}/healthz`). */
  url?: string;
  /** Resolves when no Slack request is being worked on (after-ack work included). */
  idle(): Promise<void>;
  /** Connected and taking events (Socket Mode: the socket is open; HTTP mode: always). */
  ready(): boolean;
  /** Stops taking new events (Socket Mode disconnects; HTTP mode refuses new requests with 503). */
  stopAccepting(): Promise<void>;
  /** Stops receiving, then waits (up to `graceMs`, default 10 s) for work in progress to finish. */
  stop(graceMs?: number): Promise<void>;
}

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';

export class SlackConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlackConfigError';
  }
}

/** SLACK_WORKER: events in flight on the worker past which new ones get a 503 (Slack retries). */
const WORKER_MAX_IN_FLIGHT = 2_000;

/**
 * Slack over HTTP on the process's server: POST /slack/events goes to Bolt's receiver, and with
 * OAuth so do GET /slack/install and /slack/oauth_redirect (Bolt's installer checks the state).
 */
function eventsRoute(
  receiver: HTTPReceiver,
  events: HTTPReceiver,
  accepting: () => boolean,
  oauth: boolean,
  up: () => boolean,
  signingSecret: string,
  busy: () => boolean = () => false,
): Route {
  return async (req, res) => {
    const path = pathOf(req);
    // GET only: Bolt's installer throws on HEAD (a 500 and a warning for anyone who asks).
    if (oauth && (path === INSTALL_PATH || path === REDIRECT_PATH) && req.method === 'GET') {
      receiver.requestListener(req, res);
      return true;
    }
    if (path !== EVENTS_PATH || req.method !== 'POST') return false;
    if (!accepting()) {
      // Shutting down: Slack retries elsewhere (another instance) or later.
      res.writeHead(503, { 'content-type': 'text/plain', connection: 'close' });
      res.end('shutting down');
      return true;
    }
    if (!up()) {
      // The worker thread is gone: refuse rather than ack what nobody will answer.
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('unavailable');
      return true;
    }
    if (busy()) {
      // SLACK_WORKER with too much in flight: quick acks would let a flood grow memory without
      // bound; a 503 makes Slack retry later (or elsewhere).
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('busy');
      return true;
    }
    // The acknowledgement is the HTTP response: time it from arrival to the last byte.
    const arrived = performance.now();
    res.once('finish', () => metrics().ack('slack', (performance.now() - arrived) / 1000));
    // A signed payload Bolt would throw on gets a 400 here (payloads.ts); the rest is Bolt's.
    if (await refuseUnreadable(req, res, signingSecret)) return true;
    events.requestListener(req, res);
    return true;
  };
}

/**
 * pccc_ack_seconds in Socket Mode: from an envelope's arrival on the socket to its ack being
 * written back (SocketModeClient emits `slack_event` on arrival and `outgoing_message` as it
 * sends an ack; Bolt's receiver acks only after awaiting authorization, never inside the
 * emit). Envelopes nobody acks are forgotten after 10,000 newer ones.
 */
export function timeSocketAcks(client: Pick<SocketModeReceiver['client'], 'on'>): void {
  const arrived = new Map<string, number>();
  client.on('slack_event', ({ envelope_id }: { envelope_id?: string }) => {
    if (typeof envelope_id !== 'string') return;
    if (arrived.size >= 10_000) arrived.delete(arrived.keys().next().value!);
    arrived.set(envelope_id, performance.now());
  });
  client.on('outgoing_message', ({ envelope_id }: { envelope_id?: string }) => {
    const t = typeof envelope_id === 'string' ? arrived.get(envelope_id) : undefined;
    if (t === undefined) return;
    arrived.delete(envelope_id!);
    metrics().ack('slack', (performance.now() - t) / 1000);
  });
}

/** What Slack sent, as a closed label (never an id). */
function kindOf(body: Record<string, unknown>): string {
  if (typeof body.command === 'string') return 'command';
  switch (body.type) {
    case 'block_actions':
      return 'action';
    case 'view_submission':
      return 'form';
    case 'view_closed':
      return 'form_closed';
    case 'event_callback':
      return (body.event as { type?: unknown } | undefined)?.type === 'app_home_opened' ? 'home' : 'message';
    default:
      return 'other';
  }
}

export async function startSlack(host: SlackHost, opts: SlackOptions = {}): Promise<SlackAdapter> {
  const { slackBotToken: token, slackSigningSecret: signingSecret, slackAppToken: appToken, slackApiUrl } = host.config;
  const multi = Boolean(host.config.slackClientId);
  if (!token && !multi)
    throw new SlackConfigError('Slack: SLACK_BOT_TOKEN is not set (Slack 봇 토큰이 없어요). See docs/slack.md.');
  if (multi && !host.database)
    throw new SlackConfigError('Slack: OAuth (SLACK_CLIENT_ID) needs the app database for installations.');
  // The install flow is served on the one HTTP server; Socket Mode has none of its own.
  if (multi && appToken)
    throw new SlackConfigError(
      'Slack: OAuth install (SLACK_CLIENT_ID) needs HTTP mode; unset SLACK_APP_TOKEN ' +
        '(설치 흐름은 HTTP 모드에서만 돼요). See docs/slack.md.',
    );
  if (!appToken && !signingSecret)
    throw new SlackConfigError(
      'Slack: set SLACK_SIGNING_SECRET for HTTP mode or SLACK_APP_TOKEN for Socket Mode ' +
        '(서명 비밀값 또는 앱 토큰이 필요해요). See docs/slack.md.',
    );

  const logger = boltLogger(host.log);
  const clientOptions: WebClientOptions = {
    ...(slackApiUrl ? { slackApiUrl: slackApiUrl.endsWith('/') ? slackApiUrl : `${slackApiUrl}/` } : {}),
    // Interactive traffic: a few quick retries (429s wait for Retry-After), not 30 minutes.
    retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 3000, randomize: true },
    // A half-open connection must fail, not hold a job (and shutdown) forever.
    timeout: 10_000,
  };
  const port = opts.port ?? host.config.port;

  // No conversation store: nothing here reads context.conversation, and Bolt's default
  // in-memory one costs a lookup plus a thrown "Conversation not found" Error per request.
  const convoStore = false;
  // Neither receiver listens by itself: HTTP mode is served by src/http (one server, one
  // listen error message), and Socket Mode without custom routes opens no port at all.
  // Many workspaces: Bolt's OAuth with the installation store on our database (install/).
  const oauth = multi
    ? slackOAuth(host.config as Parameters<typeof slackOAuth>[0], host.database!, host.log, clientOptions)
    : undefined;
  // HTTP mode's receivers (SLACK_WORKER adds a second) verify and ack alike.
  const httpOptions: HTTPReceiverOptions = {
    signingSecret: signingSecret!,
    endpoints: EVENTS_PATH,
    logger,
    processBeforeResponse: false,
    signatureVerification: true,
    dispatchErrorHandler: dispatchError,
  };
  let receiver: HTTPReceiver | undefined;
  let socket: SocketModeReceiver | undefined;
  let bolt: App;
  let socketUp = false;
  let accepting = true;
  if (opts.receiver) {
    bolt = new App({
      ...(oauth ? {} : { token }),
      receiver: opts.receiver,
      clientOptions,
      logger,
      convoStore,
      extendedErrorHandler: true,
    });
  } else if (appToken) {
    // installerOptions.clientOptions is what Bolt gives the socket's own Web API client
    // (apps.connections.open): SLACK_API_URL applies to it too, its retries stay the library's.
    // No installer is built without a client id.
    const socketApi = { slackApiUrl: clientOptions.slackApiUrl };
    socket = new SocketModeReceiver({ appToken, logger, installerOptions: { clientOptions: socketApi } });
    // Malformed frames are dropped before the client or Bolt reads them (socket-guard.ts).
    guardSocketFrames(socket.client, host.log.child({ component: 'slack' }));
    timeSocketAcks(socket.client);
    socket.client.on('connected', () => {
      socketUp = true;
    });
    for (const state of ['disconnected', 'reconnecting', 'connecting', 'disconnecting']) {
      socket.client.on(state, () => {
        socketUp = false;
      });
    }
    bolt = new App({ token, receiver: socket, clientOptions, logger, convoStore, extendedErrorHandler: true });
  } else {
    receiver = new HTTPReceiver({ ...httpOptions, ...(oauth?.receiverOptions ?? {}) });
    // With OAuth, Bolt authorizes each event from the installation store; no single token.
    bolt = new App({
      ...(oauth ? {} : { token }),
      receiver,
      clientOptions,
      logger,
      convoStore,
      // The error handler gets the body too: see install/unavailable.ts.
      extendedErrorHandler: true,
    });
  }
  const responseUrls = createResponseUrlPoster({ allowedHosts: slackApiUrl ? [new URL(slackApiUrl).host] : [] });

  // Every call a listener makes goes out as the workspace of the event being handled (install/teams.ts).
  const client = scopedClient(bolt.client);
  const dms = new DmChannels(client);
  const teams = new TeamClients({ fallback: bolt.client, store: oauth?.store, clientOptions });
  const rt: Runtime = {
    host,
    client,
    log: host.log.child({ component: 'slack' }),
    dms,
    locales: new LocaleCache(client),
    pending: host.ephemeral
      ? new SharedPendingForms(host.ephemeral, sealingKeys(host.config as Partial<Config>))
      : new PendingForms(),
    seen: host.ephemeral
      ? new SharedSeenEvents(host.ephemeral, (err) =>
          host.log.warn({ err: errName(err) }, 'slack: shared event memory unavailable; handling the event'),
        )
      : new SeenEvents(),
    postToResponseUrl: responseUrls.post,
    submissionDeadlineMs: opts.submissionDeadlineMs ?? 2500,
  };

  // Work continues after the ack; counting it lets shutdown (and tests) wait for it.
  let inflight = 0;
  const waiters: Array<() => void> = [];
  let link: SlackWorkerLink | undefined;
  const idle = async () => {
    if (inflight > 0) await new Promise<void>((resolve) => waiters.push(resolve));
    await link?.idle();
  };
  // One global middleware rather than three: Bolt copies the listener arguments for every
  // middleware it calls, on the thread that acknowledges (measured: bench/slack.ts).
  bolt.use(async ({ context, body, next }) => {
    const started = performance.now();
    // pccc_reply_seconds: from Bolt taking the event to the end of its work (replies sent).
    const kind = kindOf(body as Record<string, unknown>);
    inflight += 1;
    let outcome = 'ok';
    try {
      // Slack retries an event whose ack looked late; run each event_id once.
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId === 'string' && !(await rt.seen.firstTime(eventId))) return;
      // The workspace of this event, and the client Bolt authorized for it, for everything below.
      await inTeam({ team: teamOfContext(context), client: teams.clientFor(context.botToken) }, next);
    } catch (err) {
      outcome = 'error';
      throw err;
    } finally {
      inflight -= 1;
      metrics().event('slack', kind, outcome);
      metrics().reply('slack', (performance.now() - started) / 1000);
      if (inflight === 0) waiters.splice(0).forEach((w) => w());
    }
  });
  let ownServer: HttpServer | undefined;
  const stopAccepting = async () => {
    if (!accepting) return;
    accepting = false;
    if (socket) await bolt.stop().catch(() => undefined);
    if (ownServer) await ownServer.close();
  };
  const stop = async (graceMs = 10_000) => {
    await stopAccepting();
    const started = Date.now();
    await Promise.race([idle(), new Promise((r) => setTimeout(r, graceMs).unref())]);
    await link?.stop(Math.max(0, graceMs - (Date.now() - started)));
    responseUrls.close();
  };

  registerCommands(bolt, rt);
  registerMessages(bolt, rt);
  registerActions(bolt, rt);
  registerViews(bolt, rt);
  registerHome(bolt, rt);
  const rows = host.database ? (oauth?.rows ?? createInstallationRows(host.database)) : undefined;
  if (rows) registerInstallEvents(bolt, { oauth, rows, teams, log: rt.log });
  bolt.error(async ({ error, body }: { error: Error; body: unknown }) => {
    if (await answerUnavailable(error, body, rt.postToResponseUrl)) {
      rt.log.warn('slack: installation unreadable (database down); asked the user to try again');
      return;
    }
    rt.log.error({ err: errName(error) }, 'slack: unhandled error in a listener');
  });

  host.registerMessenger(new SlackMessenger(client, dms, teams));
  if (opts.receiver) return { platform: 'slack', mode: 'http', idle, ready: () => accepting, stopAccepting, stop };
  if (token && rows) await adoptBotToken(bolt, token, rows, oauth, rt.log);

  if (receiver) {
    // SLACK_WORKER: a second receiver verifies and acks here and hands the events to the worker.
    const boot: WorkerBoot | undefined =
      opts.worker ??
      (host.config.slackWorker
        ? {
            hostModule: new URL(`./worker-host${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url)
              .href,
          }
        : undefined);
    let events = receiver;
    if (boot) {
      link = await SlackWorkerLink.start({ submissionDeadlineMs: opts.submissionDeadlineMs, ...boot }, rt.log, (body) =>
        answerLost(body, rt.postToResponseUrl),
      );
      // Without the OAuth options: the install routes stay on the first receiver.
      events = new HTTPReceiver({ ...httpOptions });
      events.init(link as unknown as App);
      rt.log.info('slack: listeners and the core run on a worker thread (SLACK_WORKER)');
    }
    const up = () => link?.alive ?? true;
    const ready = () => accepting && up();
    const busy = () => (link?.inflightCount ?? 0) >= WORKER_MAX_IN_FLIGHT;
    const route = eventsRoute(receiver, events, () => accepting, Boolean(oauth), up, signingSecret!, busy);
    if (opts.http) {
      opts.http.addRoutes(route);
      rt.log.info('slack: taking events over HTTP on /slack/events');
      return { platform: 'slack', mode: 'http', idle, ready, stopAccepting, stop };
    }
    const pages = publicPages(host.config);
    ownServer = new HttpServer(rt.log, [
      opsRoutes({ probes: () => [{ name: 'database', check: () => (host.health ? host.health() : true) }] }),
      route,
      pages,
    ]);
    const { url } = await ownServer.listen(port, opts.host, 'PORT');
    rt.log.info({ port }, 'slack: listening for events over HTTP');
    return { platform: 'slack', mode: 'http', url, idle, ready, stopAccepting, stop };
  }
  await bolt.start();
  socketUp = true;
  rt.log.info('slack: connected with Socket Mode');
  return { platform: 'slack', mode: 'socket', idle, ready: () => socketUp && accepting, stopAccepting, stop };
}
