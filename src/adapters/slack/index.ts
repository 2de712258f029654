// The Slack adapter: a Bolt app (HTTP receiver on /slack/events with signature verification by
// default, Socket Mode when SLACK_APP_TOKEN is set) that turns Slack traffic into the core's
// Inbound events and the core's replies into Slack messages, modals and the App Home.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type CustomRoute } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { SeenEvents } from './dedupe';
import { errName } from './deliver';
import type { Runtime, SlackHost } from './host';
import { registerActions } from './listeners/actions';
import { registerCommands } from './listeners/commands';
import { registerHome } from './listeners/home';
import { registerMessages } from './listeners/messages';
import { registerViews } from './listeners/views';
import { LocaleCache } from './locale';
import { boltLogger } from './logger';
import { DmChannels, SlackMessenger } from './messenger';
import { PendingForms } from './pending-forms';
import { createResponseUrlPoster } from './response-url';

export type { SlackHost } from './host';

export interface SlackOptions {
  /** Overrides config.port (0 = any free port). */
  port?: number;
  /** Interface to listen on (default: all). */
  host?: string;
  /** view_submission validation deadline before acking "still working" (default 2500 ms). */
  submissionDeadlineMs?: number;
}

export interface SlackAdapter {
  mode: 'http' | 'socket';
  /** Base URL of the HTTP server (events at `${url}/slack/events`, health at `${url}/healthz`). */
  url?: string;
  /** Resolves when no Slack request is being worked on (after-ack work included). */
  idle(): Promise<void>;
  /** Stops receiving, then waits (up to 10 s) for work in progress to finish. */
  stop(): Promise<void>;
}

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';

export class SlackConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlackConfigError';
  }
}

function healthRoute(host: SlackHost): CustomRoute {
  return {
    path: HEALTH_PATH,
    method: ['GET'],
    handler: (_req, res) => {
      const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref());
      Promise.race([host.health ? host.health().catch(() => false) : Promise.resolve(true), timeout]).then((ok) => {
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ ok, database: ok ? 'up' : 'down' }));
      });
    },
  };
}

export async function startSlack(host: SlackHost, opts: SlackOptions = {}): Promise<SlackAdapter> {
  const { slackBotToken: token, slackSigningSecret: signingSecret, slackAppToken: appToken, slackApiUrl } = host.config;
  if (!token) throw new SlackConfigError('Slack: SLACK_BOT_TOKEN is not set (Slack 봇 토큰이 없어요). See docs/slack.md.');
  if (!appToken && !signingSecret) throw new SlackConfigError('Slack: set SLACK_SIGNING_SECRET for HTTP mode or SLACK_APP_TOKEN for Socket Mode (서명 비밀값 또는 앱 토큰이 필요해요). See docs/slack.md.');

  const logger = boltLogger(host.log);
  const clientOptions: WebClientOptions = {
    ...(slackApiUrl ? { slackApiUrl: slackApiUrl.endsWith('/') ? slackApiUrl : `${slackApiUrl}/` } : {}),
    // Interactive traffic: a few quick retries (429s wait for Retry-After), not 30 minutes.
    retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 3000, randomize: true },
  };
  const port = opts.port ?? host.config.port;
  const customRoutes = [healthRoute(host)];

  // No conversation store: nothing here reads context.conversation, and Bolt's default
  // in-memory one costs a lookup plus a thrown "Conversation not found" Error per request.
  const convoStore = false;
  let receiver: HTTPReceiver | undefined;
  let bolt: App;
  if (appToken) {
    bolt = new App({ token, appToken, socketMode: true, customRoutes, installerOptions: { port }, clientOptions, logger, convoStore });
  } else {
    receiver = new HTTPReceiver({ signingSecret: signingSecret!, endpoints: EVENTS_PATH, customRoutes, logger, processBeforeResponse: false, signatureVerification: true });
    bolt = new App({ token, receiver, clientOptions, logger, convoStore });
  }
  const responseUrls = createResponseUrlPoster({ allowedHosts: slackApiUrl ? [new URL(slackApiUrl).host] : [] });

  const dms = new DmChannels(bolt.client);
  const rt: Runtime = {
    host,
    client: bolt.client,
    log: host.log.child({ component: 'slack' }),
    dms,
    locales: new LocaleCache(bolt.client),
    pending: new PendingForms(),
    seen: new SeenEvents(),
    postToResponseUrl: responseUrls.post,
    submissionDeadlineMs: opts.submissionDeadlineMs ?? 2500,
  };

  // Work continues after the ack; counting it lets shutdown (and tests) wait for it.
  let inflight = 0;
  let waiters: Array<() => void> = [];
  const idle = () => (inflight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)));
  bolt.use(async ({ next }) => {
    inflight += 1;
    try {
      await next();
    } finally {
      inflight -= 1;
      if (inflight === 0) waiters.splice(0).forEach((w) => w());
    }
  });
  const stop = async () => {
    await bolt.stop();
    await Promise.race([idle(), new Promise((r) => setTimeout(r, 10_000).unref())]);
    responseUrls.close();
  };

  // Slack retries an event whose ack looked late; run each event_id once.
  bolt.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !rt.seen.firstTime(eventId)) return;
    await next();
  });
  registerCommands(bolt, rt);
  registerMessages(bolt, rt);
  registerActions(bolt, rt);
  registerViews(bolt, rt);
  registerHome(bolt, rt);
  bolt.error(async (err) => {
    rt.log.error({ err: errName(err) }, 'slack: unhandled error in a listener');
  });

  host.registerMessenger(new SlackMessenger(bolt.client, dms));

  if (receiver) {
    const server = (await bolt.start(opts.host ? { port, host: opts.host } : port)) as Server;
    const address = server.address() as AddressInfo;
    const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    rt.log.info({ port: address.port }, 'slack: listening for events over HTTP');
    return { mode: 'http', url: `http://${shown}:${address.port}`, idle, stop };
  }
  await bolt.start();
  rt.log.info('slack: connected with Socket Mode');
  return { mode: 'socket', url: `http://${opts.host ?? '127.0.0.1'}:${port}`, idle, stop };
}
