// A local fake of the Slack Web API (and of response_url endpoints) on 127.0.0.1.
// It records every call and checks the arguments against the table derived from
// @slack/web-api's own request types: an unknown method, a missing required argument,
// an argument of the wrong kind or an unknown argument is recorded in `problems`
// (tests assert it stays empty) and answered like Slack would (`ok: false`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import type { Alternative, Kind } from './gen-web-api-args';
import { WEB_API_ARGS } from './web-api-args.generated';

export const FAKE_BOT_TOKEN = 'xoxb-fake-bot-token';
export const FAKE_BOT_USER_ID = 'UFAKEBOT';
export const FAKE_BOT_ID = 'BFAKEBOT';
export const FAKE_TEAM_ID = 'TFAKE';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  /** The request body exactly as received (for leak checks). */
  raw: string;
  /** HTTP status answered (429 for a simulated rate limit). */
  status: number;
  /** What the fake answered. */
  response?: Record<string, unknown>;
  /** Order across Web API calls and response_url posts. */
  seq: number;
  /** The bearer token the call came with (undefined for oauth.v2.access). */
  token?: string;
}

/** A workspace the fake knows: its bot token answers for this team. */
export interface FakeWorkspace {
  teamId: string;
  teamName: string;
  token: string;
  botUserId: string;
  botId: string;
}

export interface ResponseUrlPost {
  id: string;
  seq: number;
  body: Record<string, unknown>;
  raw: string;
}

export interface FakeSlackApi {
  /** Base for SLACK_API_URL (ends with `/api/`). */
  url: string;
  /** Every request to the Web API, including the ones answered 429. */
  requests: ApiCall[];
  /** Successful (non-429) Web API calls, in order. */
  calls: ApiCall[];
  responseUrlPosts: ResponseUrlPost[];
  problems: string[];
  /** users.info answers: locale per user id (absent → no locale field). */
  locales: Map<string, string>;
  /** A fresh response_url served by this fake. */
  responseUrl(): string;
  /** Answer the next `times` calls of `method` with 429 and `Retry-After: retryAfterSec`. */
  rateLimit(method: string, times: number, retryAfterSec: number): void;
  /** Answer the next call of `method` with `{ ok: false, error }`. */
  failNext(method: string, error: string): void;
  /** Delay answers of `method` by `ms`. */
  delay(method: string, ms: number): void;
  /** Do the next `times` calls of `method`, then answer HTTP `status` anyway (an answer lost after the work was done). */
  failAfter(method: string, status: number, times: number): void;
  /** Messages posted with chat.postMessage, per channel (what conversations.history answers from). */
  messages: Map<string, { ts: string; text: string; metadata?: unknown }[]>;
  callsOf(method: string): ApiCall[];
  /** Bot token → workspace. FAKE_BOT_TOKEN (team TFAKE) is always there. */
  workspaces: Map<string, FakeWorkspace>;
  /** The OAuth app (client id/secret) oauth.v2.access accepts. */
  oauthApp: { clientId: string; clientSecret: string };
  /**
   * Creates a workspace and a one-time OAuth grant for it, as if its admin had approved the
   * install on slack.com: the redirect carries `code`; oauth.v2.access trades it for the token.
   */
  grant(teamId: string, o?: { teamName?: string; enterpriseId?: string }): { code: string; workspace: FakeWorkspace };
  /** Makes a token invalid from now on (uninstall): calls with it answer `token_revoked`. */
  revoke(token: string): void;
  waitFor<T>(probe: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  /** Everything the fake received (from request index `from` / response_url post index `fromPost`), for plaintext leak checks. */
  everything(from?: number, fromPost?: number): string;
  reset(): void;
  close(): Promise<void>;
}

const BLOCK_LIMITS = {
  blocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  actionsElements: 25,
  buttonText: 75,
  headerText: 150,
  contextElements: 10,
  actionId: 255,
  buttonValue: 2000,
};

function valueMatches(value: string, kinds: Kind[]): unknown | typeof MISMATCH {
  if (kinds.includes('object') || kinds.includes('array')) {
    try {
      const parsed = JSON.parse(value);
      if (kinds.includes('array') && Array.isArray(parsed)) return parsed;
      if (kinds.includes('object') && parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
    } catch {
      /* not JSON: maybe a string */
    }
  }
  if (kinds.includes('string')) return value;
  if (kinds.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  if (kinds.includes('number') && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return MISMATCH;
}
const MISMATCH = Symbol('mismatch');

/** Checks decoded form arguments against the alternatives; returns parsed args or the problems of the closest alternative. */
export function checkArguments(
  method: string,
  form: Record<string, string>,
): { args: Record<string, unknown>; problems: string[] } {
  const alternatives: Alternative[] | undefined = WEB_API_ARGS[method];
  if (!alternatives) return { args: form, problems: [`unknown method ${method}`] };
  let best: { args: Record<string, unknown>; problems: string[] } | undefined;
  for (const alt of alternatives) {
    const problems: string[] = [];
    const args: Record<string, unknown> = {};
    for (const key of alt.required) if (!(key in form)) problems.push(`${method}: missing required argument "${key}"`);
    for (const key of alt.forbidden) if (key in form) problems.push(`${method}: argument "${key}" not allowed here`);
    for (const [key, value] of Object.entries(form)) {
      const kinds = alt.props[key];
      if (!kinds) {
        if (!alt.forbidden.includes(key)) problems.push(`${method}: unknown argument "${key}"`);
        continue;
      }
      const parsed = valueMatches(value, kinds);
      if (parsed === MISMATCH) problems.push(`${method}: argument "${key}" should be ${kinds.join('|')}`);
      else args[key] = parsed;
    }
    if (problems.length === 0) return { args, problems };
    if (!best || problems.length < best.problems.length) best = { args, problems };
  }
  return best!;
}

/** Block Kit limits Slack enforces (it answers `invalid_blocks`). */
export function blockKitProblems(blocks: unknown, where: string, maxBlocks = BLOCK_LIMITS.blocks): string[] {
  const out: string[] = [];
  if (!Array.isArray(blocks)) return [`${where}: blocks is not an array`];
  if (blocks.length > maxBlocks) out.push(`${where}: ${blocks.length} blocks > ${maxBlocks}`);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  const checkText = (t: any, max: number, label: string) => {
    if (!t || typeof t.text !== 'string' || t.text.length === 0) out.push(`${where}: ${label} text missing`);
    else if (t.text.length > max) out.push(`${where}: ${label} text ${t.text.length} > ${max}`);
  };
  // Interactive elements need action_ids unique per message/view; an input's element is addressed
  // by block_id + action_id, so inputs may share one (state.values is keyed by block first).
  const checkElement = (el: any, label: string, unique = true) => {
    if (unique && typeof el?.action_id === 'string') {
      if (actionIds.has(el.action_id)) out.push(`${where}: duplicate action_id ${el.action_id}`);
      actionIds.add(el.action_id);
      if (el.action_id.length > BLOCK_LIMITS.actionId) out.push(`${where}: action_id too long`);
    }
    if (el?.type === 'button') {
      checkText(el.text, BLOCK_LIMITS.buttonText, `${label} button`);
      if (typeof el.value === 'string' && el.value.length > BLOCK_LIMITS.buttonValue)
        out.push(`${where}: button value too long`);
      if (el.url !== undefined && !/^https?:\/\//.test(el.url)) out.push(`${where}: button url invalid`);
    }
  };
  blocks.forEach((b: any, i: number) => {
    const label = `block ${i} (${b?.type})`;
    if (typeof b?.block_id === 'string') {
      if (blockIds.has(b.block_id)) out.push(`${where}: duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    switch (b?.type) {
      case 'header':
        checkText(b.text, BLOCK_LIMITS.headerText, label);
        if (b.text?.type !== 'plain_text') out.push(`${where}: ${label} must be plain_text`);
        break;
      case 'section':
        if (!b.text && !b.fields) out.push(`${where}: ${label} needs text or fields`);
        if (b.text) checkText(b.text, BLOCK_LIMITS.sectionText, label);
        if (b.fields) {
          if (b.fields.length > BLOCK_LIMITS.fields) out.push(`${where}: ${label} ${b.fields.length} fields > 10`);
          b.fields.forEach((f: any) => checkText(f, BLOCK_LIMITS.fieldText, `${label} field`));
        }
        if (b.accessory) checkElement(b.accessory, label);
        break;
      case 'actions':
        if (!Array.isArray(b.elements) || b.elements.length === 0) out.push(`${where}: ${label} has no elements`);
        else if (b.elements.length > BLOCK_LIMITS.actionsElements)
          out.push(`${where}: ${label} ${b.elements.length} elements > 25`);
        (b.elements ?? []).forEach((el: any) => checkElement(el, label));
        break;
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > BLOCK_LIMITS.contextElements)
          out.push(`${where}: ${label} needs 1..10 elements`);
        (b.elements ?? []).forEach((el: any) => checkText(el, BLOCK_LIMITS.sectionText, `${label} element`));
        break;
      case 'input':
        checkText(b.label, 2000, `${label} label`);
        if (!b.element?.type) out.push(`${where}: ${label} has no element`);
        checkElement(b.element, label, false);
        if (typeof b.element?.action_id === 'string' && b.element.action_id.length > BLOCK_LIMITS.actionId)
          out.push(`${where}: action_id too long`);
        break;
      case 'divider':
        break;
      default:
        out.push(`${where}: unexpected block type ${b?.type}`);
    }
  });
  return out;
}

function viewProblems(view: any, method: string): string[] {
  if (!view || typeof view !== 'object') return [`${method}: view missing`];
  const out: string[] = [];
  if (view.type !== 'modal' && view.type !== 'home') out.push(`${method}: view.type ${view.type}`);
  if (view.type === 'modal') {
    if (view.title?.type !== 'plain_text' || view.title.text.length > 24)
      out.push(`${method}: modal title must be plain_text ≤ 24 chars`);
    for (const k of ['submit', 'close'] as const)
      if (view[k] && view[k].text.length > 24) out.push(`${method}: modal ${k} ≤ 24 chars`);
    if (view.blocks?.some((b: any) => b.type === 'input') && !view.submit)
      out.push(`${method}: modal with inputs needs submit`);
    if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000)
      out.push(`${method}: private_metadata > 3000`);
  }
  if (method === 'views.publish' && view.type !== 'home') out.push(`${method}: only home views`);
  out.push(...blockKitProblems(view.blocks, method, 100));
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  let ts = 1_700_000_000_000;
  let viewSeq = 0;
  let responseSeq = 0;
  let seq = 0;
  const rateLimits = new Map<string, { times: number; retryAfter: number }>();
  const failures = new Map<string, string>();
  const delays = new Map<string, number>();
  const afterFailures = new Map<string, { status: number; times: number }>();
  const messages = new Map<string, { ts: string; text: string; metadata?: unknown }[]>();
  const state = {
    requests: [] as ApiCall[],
    calls: [] as ApiCall[],
    responseUrlPosts: [] as ResponseUrlPost[],
    problems: [] as string[],
  };
  const locales = new Map<string, string>();
  let base = '';
  const defaultWorkspace: FakeWorkspace = {
    teamId: FAKE_TEAM_ID,
    teamName: 'Fake',
    token: FAKE_BOT_TOKEN,
    botUserId: FAKE_BOT_USER_ID,
    botId: FAKE_BOT_ID,
  };
  const workspaces = new Map<string, FakeWorkspace>([[FAKE_BOT_TOKEN, defaultWorkspace]]);
  const grants = new Map<string, { workspace: FakeWorkspace; enterpriseId?: string }>();
  const revoked = new Set<string>();
  const oauthApp = { clientId: '1111111111.2222222222', clientSecret: 'fake-client-secret-0123456789' };
  let grantSeq = 0;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const nextTs = () => `${Math.floor(++ts / 1000)}.${String(ts % 1000).padStart(6, '0')}`;

  function answer(
    method: string,
    args: Record<string, any>,
    ws: FakeWorkspace = defaultWorkspace,
  ): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: `https://${ws.teamName.toLowerCase()}.slack.com/`,
          team: ws.teamName,
          user: 'pccc',
          team_id: ws.teamId,
          user_id: ws.botUserId,
          bot_id: ws.botId,
        };
      case 'oauth.v2.access': {
        const g = grants.get(String(args.code ?? ''));
        if (args.client_id !== oauthApp.clientId || args.client_secret !== oauthApp.clientSecret)
          return { ok: false, error: 'invalid_client_id' };
        if (!g) return { ok: false, error: 'invalid_code' };
        grants.delete(String(args.code));
        const w = g.workspace;
        return {
          ok: true,
          app_id: 'AFAKEAPP',
          access_token: w.token,
          token_type: 'bot',
          scope: 'commands,chat:write,im:history,im:write,users:read,app_mentions:read',
          bot_user_id: w.botUserId,
          team: { id: w.teamId, name: w.teamName },
          enterprise: g.enterpriseId ? { id: g.enterpriseId, name: 'Org' } : null,
          is_enterprise_install: false,
          authed_user: { id: 'UINSTALLER' },
        };
      }
      case 'conversations.open': {
        const user = String(args.users ?? args.channel ?? '').split(',')[0];
        return { ok: true, channel: { id: `D${user.replace(/^U/, '')}` } };
      }
      case 'chat.postMessage': {
        const t = nextTs();
        const box = messages.get(String(args.channel)) ?? [];
        messages.set(String(args.channel), box);
        box.push({ ts: t, text: String(args.text), ...(args.metadata ? { metadata: args.metadata } : {}) });
        return { ok: true, channel: args.channel, ts: t, message: { text: args.text, ts: t } };
      }
      case 'conversations.history': {
        const oldest = Number(args.oldest ?? 0);
        const found = (messages.get(String(args.channel)) ?? [])
          .filter((m) => Number(m.ts) >= oldest)
          .reverse()
          .slice(0, Number(args.limit ?? 100))
          .map((m) => ({
            type: 'message',
            user: FAKE_BOT_USER_ID,
            bot_id: FAKE_BOT_ID,
            text: m.text,
            ts: m.ts,
            ...(args.include_all_metadata && m.metadata ? { metadata: m.metadata } : {}),
          }));
        return { ok: true, messages: found, has_more: false };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'chat.delete':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'views.open':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { id: args.view_id ?? `VFAKE${++viewSeq}`, ...(args.view as object) } };
      case 'users.info': {
        const locale = locales.get(args.user);
        return { ok: true, user: { id: args.user, name: 'someone', ...(locale ? { locale } : {}) } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/response/')) {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw);
      } catch {
        state.problems.push(`response_url: body is not JSON`);
      }
      state.responseUrlPosts.push({ id: path.slice('/response/'.length), body, raw, seq: ++seq });
      if (typeof body.text !== 'string' || body.text.length === 0)
        state.problems.push('response_url: text fallback missing');
      if (body.blocks !== undefined) state.problems.push(...blockKitProblems(body.blocks, 'response_url'));
      return send(res, 200, { ok: true });
    }
    if (!path.startsWith('/api/')) {
      state.problems.push(`unexpected request ${req.method} ${path}`);
      return send(res, 404, { ok: false });
    }
    const method = path.slice('/api/'.length);
    const form = parseQuery(raw) as Record<string, string>;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const call: ApiCall = { method, args: form, raw, status: 200, seq: ++seq, token: bearer };
    state.requests.push(call);
    const ws = bearer ? workspaces.get(bearer) : undefined;
    if (method === 'oauth.v2.access') {
      if (bearer) state.problems.push(`${method}: sent with a bot token`);
    } else if (bearer && revoked.has(bearer)) {
      state.problems.push(`${method}: called with a revoked token (team ${ws?.teamId})`);
      return send(res, 200, { ok: false, error: 'token_revoked' });
    } else if (!ws) {
      state.problems.push(`${method}: bad or missing bot token`);
      return send(res, 200, { ok: false, error: 'invalid_auth' });
    }
    const limit = rateLimits.get(method);
    if (limit && limit.times > 0) {
      limit.times -= 1;
      call.status = 429;
      return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limit.retryAfter) });
    }
    const checked = checkArguments(method, form);
    call.args = checked.args;
    state.calls.push(call);
    const problems = [...checked.problems];
    const args = checked.args as Record<string, any>;
    if (problems.length === 0) {
      if (method.startsWith('chat.') && method !== 'chat.delete') {
        if (typeof args.text !== 'string' || args.text.length === 0)
          problems.push(`${method}: plain-text fallback "text" missing`);
        if (args.blocks !== undefined) problems.push(...blockKitProblems(args.blocks, method));
      }
      if (method.startsWith('views.')) problems.push(...viewProblems(args.view, method));
    }
    state.problems.push(...problems);
    const wait = delays.get(method);
    if (wait) await new Promise((r) => setTimeout(r, wait));
    let reply: Record<string, unknown>;
    const failure = failures.get(method);
    if (!WEB_API_ARGS[method]) reply = { ok: false, error: 'unknown_method' };
    else if (problems.length)
      reply = { ok: false, error: checked.problems.length ? 'invalid_arguments' : 'invalid_blocks', problems };
    else if (failure) {
      failures.delete(method);
      reply = { ok: false, error: failure };
    } else reply = answer(method, args, ws);
    call.response = reply;
    const after = afterFailures.get(method);
    if (after && after.times > 0) {
      after.times -= 1;
      return send(res, after.status, { ok: false, error: 'internal_error' });
    }
    return send(res, 200, reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  const api: FakeSlackApi = {
    url: `${base}/api/`,
    get requests() {
      return state.requests;
    },
    get calls() {
      return state.calls;
    },
    get responseUrlPosts() {
      return state.responseUrlPosts;
    },
    get problems() {
      return state.problems;
    },
    locales,
    responseUrl: () => `${base}/response/R${++responseSeq}`,
    rateLimit: (method, times, retryAfter) => void rateLimits.set(method, { times, retryAfter }),
    failNext: (method, error) => void failures.set(method, error),
    delay: (method, ms) => void delays.set(method, ms),
    failAfter: (method, status, times) => void afterFailures.set(method, { status, times }),
    messages,
    callsOf: (method) => state.calls.filter((c) => c.method === method),
    workspaces,
    oauthApp,
    grant(teamId, o = {}) {
      const n = ++grantSeq;
      const workspace: FakeWorkspace = {
        teamId,
        teamName: o.teamName ?? `Team${n}`,
        token: `xoxb-${teamId.toLowerCase()}-${n}-${Math.random().toString(36).slice(2, 12)}`,
        botUserId: `UBOT${teamId.slice(1)}`,
        botId: `BBOT${teamId.slice(1)}`,
      };
      workspaces.set(workspace.token, workspace);
      const code = `code-${n}-${Math.random().toString(36).slice(2, 10)}`;
      grants.set(code, { workspace, enterpriseId: o.enterpriseId });
      return { code, workspace };
    },
    revoke: (token) => void revoked.add(token),
    async waitFor(probe, timeoutMs = 120_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const v = probe();
        if (v) return v as any;
        if (Date.now() > until) throw new Error('fake Slack API: timed out waiting for the expected call');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    everything: (from = 0, fromPost = 0) =>
      [
        ...state.requests.slice(from).map((c) => `${c.raw}\n${JSON.stringify(c.args)}`),
        ...state.responseUrlPosts.slice(fromPost).map((p) => p.raw),
      ].join('\n'),
    reset() {
      state.requests = [];
      state.calls = [];
      state.responseUrlPosts = [];
      state.problems = [];
      rateLimits.clear();
      failures.clear();
      delays.clear();
      locales.clear();
      afterFailures.clear();
      messages.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}
