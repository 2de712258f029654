// A local fake of Discord's REST API (HTTP on 127.0.0.1) for discord.js to talk to,
// unmodified. Every JSON body is validated against Discord's OpenAPI description; every
// request is recorded so tests can assert on exactly what went over the wire.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { checkRequest } from './spec';
import { messageObject, snowflake } from './payloads';

export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, without the query string. */
  path: string;
  query: URLSearchParams;
  /** Raw body text, exactly as received. */
  raw: string;
  json: any;
  headers: IncomingMessage['headers'];
  /** performance.now() when the request was fully received. */
  at: number;
  status: number;
  /** The fake's JSON answer. */
  response?: any;
  template?: string;
}

export interface Violation {
  method: string;
  path: string;
  errors: string[];
}

interface InteractionState {
  id: string;
  token: string;
  callbackType?: number;
  callback?: any;
  callbackRequest?: RecordedRequest;
  original?: any;
  followups: any[];
}

interface RateLimitRule {
  method: string;
  path: RegExp;
  retryAfter: number;
  remaining: number;
}

export interface FakeApiOptions {
  applicationId: string;
  token: string;
  /** The gateway URL and shard count served at GET /gateway/bot. */
  gateway: () => { url: string; shards: number };
  /** Validate bodies against the OpenAPI description (default true; benchmarks may turn it off). */
  validate?: boolean;
}

export class FakeDiscordApi extends EventEmitter {
  readonly requests: RecordedRequest[] = [];
  readonly violations: Violation[] = [];
  /** Users whose DMs are closed: message create in their DM channel answers 403 / 50007. */
  readonly closedDms = new Set<string>();
  readonly commands = { global: [] as any[], guilds: new Map<string, any[]>() };
  readonly interactions = new Map<string, InteractionState>();
  /** DM channel id → user id. */
  readonly dmChannels = new Map<string, string>();
  /** channel id → message id → message. */
  readonly messages = new Map<string, Map<string, any>>();
  private readonly rateLimits: RateLimitRule[] = [];
  /** Message creates that are done and then answered with this status (an answer lost after the work). */
  readonly failAfterCreate = { status: 500, times: 0 };
  /** channel:nonce → message, for `enforce_nonce` (Discord answers a repeat with the first message). */
  private readonly nonces = new Map<string, any>();
  /** Initial-response waiters by interaction id (the benchmark's 50 concurrent callers). */
  private readonly callbackWaiters = new Map<string, (r: RecordedRequest) => void>();
  readonly botUser;
  url = '';

  private constructor(
    private readonly server: Server,
    readonly opts: FakeApiOptions,
  ) {
    super();
    this.setMaxListeners(0);
    this.botUser = {
      id: opts.applicationId,
      username: 'pccc-bot',
      discriminator: '0000',
      global_name: null,
      avatar: null,
      bot: true,
    };
  }

  static async start(opts: FakeApiOptions): Promise<FakeDiscordApi> {
    const server = createServer();
    const api = new FakeDiscordApi(server, opts);
    server.on('request', (req, res) => void api.onRequest(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    return api;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Answer the next `times` matching requests with 429 and `retry_after` seconds. */
  rateLimit(method: string, path: RegExp, retryAfter: number, times = 1): void {
    this.rateLimits.push({ method, path, retryAfter, remaining: times });
  }

  /** Resolves with the first recorded (or future) request matching `pred`. */
  waitFor(pred: (r: RecordedRequest) => boolean, timeoutMs = 120_000): Promise<RecordedRequest> {
    const found = this.requests.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('request', on);
        reject(new Error('fake Discord API: timed out waiting for a request'));
      }, timeoutMs);
      const on = (r: RecordedRequest) => {
        if (!pred(r)) return;
        clearTimeout(timer);
        this.off('request', on);
        resolve(r);
      };
      this.on('request', on);
    });
  }

  /**
   * Resolves with the initial response (callback POST) to one interaction. Keyed, so a
   * load generator with many callers in flight costs O(1) per request instead of `waitFor`'s
   * scan of every recorded request and every waiting predicate.
   */
  waitForCallback(interactionId: string, timeoutMs = 120_000): Promise<RecordedRequest> {
    const s = this.interactions.get(interactionId);
    if (s?.callbackRequest) return Promise.resolve(s.callbackRequest);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.callbackWaiters.delete(interactionId);
        reject(new Error('fake Discord API: timed out waiting for an interaction response'));
      }, timeoutMs);
      this.callbackWaiters.set(interactionId, (r) => {
        clearTimeout(timer);
        this.callbackWaiters.delete(interactionId);
        resolve(r);
      });
    });
  }

  dmChannelFor(userId: string): string | undefined {
    for (const [c, u] of this.dmChannels) if (u === userId) return c;
    return undefined;
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const prefix = '/api/v10';
    const path = decodeURIComponent(u.pathname.startsWith(prefix) ? u.pathname.slice(prefix.length) : u.pathname);
    let json: any;
    if (raw) {
      try {
        json = JSON.parse(raw);
      } catch {
        json = undefined;
      }
    }
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: u.searchParams,
      raw,
      json,
      headers: req.headers,
      at: performance.now(),
      status: 0,
    };

    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      rec.status = status;
      rec.response = body;
      this.requests.push(rec);
      res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
      this.emit('request', rec);
    };

    if (!u.pathname.startsWith(prefix)) {
      this.violations.push({ method: rec.method, path: u.pathname, errors: ['request outside /api/v10'] });
      return send(404, { message: '404: Not Found', code: 0 });
    }
    if (raw && json === undefined) this.violations.push({ method: rec.method, path, errors: ['body is not JSON'] });
    const check =
      this.opts.validate === false ? { template: undefined, errors: [] } : checkRequest(rec.method, path, json, raw);
    rec.template = check.template;
    if (check.errors.length) this.violations.push({ method: rec.method, path, errors: check.errors });

    const authed = !path.startsWith('/interactions/') && !path.startsWith('/webhooks/');
    if (authed && req.headers.authorization !== `Bot ${this.opts.token}`)
      return send(401, { message: '401: Unauthorized', code: 0 });

    const rule = this.rateLimits.find((r) => r.remaining > 0 && r.method === rec.method && r.path.test(path));
    if (rule) {
      rule.remaining--;
      return send(
        429,
        { message: 'You are being rate limited.', retry_after: rule.retryAfter, global: false },
        {
          'retry-after': String(rule.retryAfter),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(rule.retryAfter),
          'x-ratelimit-reset': String(Date.now() / 1000 + rule.retryAfter),
          'x-ratelimit-bucket': 'fakebucket',
          'x-ratelimit-scope': 'user',
        },
      );
    }

    try {
      const [status, body] = this.route(rec);
      send(status, body);
    } catch (err) {
      send(500, { message: `fake error: ${(err as Error).message}`, code: 0 });
    }
  }

  private message(channelId: string, body: any, extra: Record<string, unknown> = {}): any {
    const m = messageObject(channelId, this.botUser, {
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      flags: body?.flags ?? 0,
      ...extra,
    });
    const id = m.id;
    let box = this.messages.get(channelId);
    if (!box) this.messages.set(channelId, (box = new Map()));
    box.set(id, m);
    return m;
  }

  private route(r: RecordedRequest): [number, unknown] {
    const p = r.path;
    let m: RegExpExecArray | null;
    if (r.method === 'GET' && p === '/gateway/bot') {
      const g = this.opts.gateway();
      return [
        200,
        {
          url: g.url,
          shards: g.shards,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 16 },
        },
      ];
    }
    if (r.method === 'GET' && p === '/users/@me') return [200, this.botUser];
    if (
      (m = /^\/applications\/(\d+)\/commands$/.exec(p)) ||
      (m = /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/.exec(p))
    ) {
      if (m[1] !== this.opts.applicationId) return [403, { message: 'Missing Access', code: 50001 }];
      const guild = m[2];
      if (r.method === 'GET') return [200, guild ? (this.commands.guilds.get(guild) ?? []) : this.commands.global];
      if (r.method === 'PUT') {
        const stored = (r.json as any[]).map((c) => withServerDefaults(c, this.opts.applicationId, guild));
        if (guild) this.commands.guilds.set(guild, stored);
        else this.commands.global = stored;
        return [200, stored];
      }
    }
    if (r.method === 'POST' && p === '/users/@me/channels') {
      const userId = String(r.json?.recipient_id);
      const channelId = this.dmChannelFor(userId) ?? snowflake();
      this.dmChannels.set(channelId, userId);
      return [
        200,
        {
          id: channelId,
          type: 1,
          last_message_id: null,
          flags: 0,
          recipients: [
            { id: userId, username: `user${userId.slice(-4)}`, discriminator: '0', global_name: null, avatar: null },
          ],
        },
      ];
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(p)) && r.method === 'POST') {
      const user = this.dmChannels.get(m[1]!);
      if (user && this.closedDms.has(user)) return [403, { message: 'Cannot send messages to this user', code: 50007 }];
      const nonceKey =
        r.json?.enforce_nonce && r.json?.nonce !== undefined ? `${m[1]}:${String(r.json.nonce)}` : undefined;
      const seen = nonceKey ? this.nonces.get(nonceKey) : undefined;
      if (seen) return [200, seen];
      const created = this.message(m[1]!, r.json);
      if (nonceKey) this.nonces.set(nonceKey, created);
      if (this.failAfterCreate.times > 0) {
        this.failAfterCreate.times -= 1;
        return [this.failAfterCreate.status, { message: '500: Internal Server Error', code: 0 }];
      }
      return [200, created];
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(p)) && r.method === 'DELETE') {
      const box = this.messages.get(m[1]!);
      if (!box?.delete(m[2]!)) return [404, { message: 'Unknown Message', code: 10008 }];
      return [204, undefined];
    }
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(p)) && r.method === 'POST') {
      const s = this.interaction(m[1]!, m[2]!);
      if (s.callbackType !== undefined)
        return [400, { message: 'Interaction has already been acknowledged.', code: 40060 }];
      s.callbackType = r.json?.type;
      s.callback = r.json;
      s.callbackRequest = r;
      // After `send` has filled in the status: the waiter sees the whole record.
      queueMicrotask(() => this.callbackWaiters.get(s.id)?.(r));
      if (r.json?.type === 4 || r.json?.type === 5)
        s.original = this.message('0', r.json?.data ?? {}, { interaction_token: s.token });
      if (r.query.get('with_response') === 'true')
        return [200, { interaction: { id: s.id, type: 2 }, resource: { type: r.json?.type, message: s.original } }];
      return [204, undefined];
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(p))) {
      const s = [...this.interactions.values()].find((i) => i.token === m![2]);
      if (!s || s.callbackType === undefined || s.callbackType === 9)
        return [404, { message: 'Unknown Webhook', code: 10015 }];
      const target = m[3];
      if (!target && r.method === 'POST') {
        const msg = this.message('0', r.json);
        s.followups.push(msg);
        return [200, msg];
      }
      const msg = target === '@original' ? s.original : s.followups.find((f) => f.id === target);
      if (!msg) return [404, { message: 'Unknown Message', code: 10008 }];
      if (r.method === 'GET') return [200, msg];
      if (r.method === 'PATCH') {
        Object.assign(msg, {
          content: r.json?.content ?? msg.content,
          components: r.json?.components ?? msg.components,
          edited_timestamp: new Date().toISOString(),
        });
        return [200, msg];
      }
      if (r.method === 'DELETE') {
        msg.deleted = true;
        return [204, undefined];
      }
    }
    this.violations.push({ method: r.method, path: p, errors: ['the fake does not implement this route'] });
    return [404, { message: '404: Not Found', code: 0 }];
  }

  interaction(id: string, token: string): InteractionState {
    let s = this.interactions.get(id);
    if (!s) this.interactions.set(id, (s = { id, token, followups: [] }));
    return s;
  }
}

/** What Discord adds to a stored command (ids, version, defaults). */
function withServerDefaults(c: any, applicationId: string, guildId?: string): any {
  const opt = (o: any): any => {
    const base = {
      ...o,
      name_localizations: o.name_localizations ?? null,
      description_localizations: o.description_localizations ?? null,
    };
    if (o.type === 1 || o.type === 2) return { ...base, options: (o.options ?? []).map(opt) };
    return { ...base, required: o.required ?? false };
  };
  return {
    id: snowflake(),
    application_id: applicationId,
    version: snowflake(),
    type: c.type ?? 1,
    name: c.name,
    name_localizations: c.name_localizations ?? null,
    description: c.description ?? '',
    description_localizations: c.description_localizations ?? null,
    default_member_permissions: c.default_member_permissions ?? null,
    dm_permission: true,
    nsfw: c.nsfw ?? false,
    contexts: c.contexts ?? null,
    integration_types: c.integration_types ?? [0],
    options: (c.options ?? []).map(opt),
    ...(guildId ? { guild_id: guildId } : {}),
  };
}
