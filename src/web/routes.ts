// The public pages as one route handler: GET/HEAD `/`, `/privacy`, `/terms` in Korean or English
// (by `?lang=`, else Accept-Language), and a plain 404 page. Any HTTP server can mount it: the
// handler answers `true` when it wrote the response, `false` to let the host try other routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config';
import { CHROME, pages, type PageId, type WebLang } from './content';
import { CSS_HASH, renderMessage, renderPage, type InstallLinks } from './render';

export type WebConfig = Pick<Config, 'discordApplicationId' | 'revealTtlSeconds'> & {
  privacyContact?: string;
  slackClientId?: string;
};

export type WebHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export const WEB_PATHS: Record<string, PageId> = { '/': 'home', '/privacy': 'privacy', '/terms': 'terms' };

/** Longest request target we look at; longer ones get the 404 page without parsing. */
const MAX_URL = 2048;

/** Nothing may load from anywhere; the one inline style is allowed by its hash. */
export const CSP = [
  `default-src 'none'`,
  `style-src '${CSS_HASH}'`,
  `img-src 'self' data:`,
  `base-uri 'none'`,
  `form-action 'none'`,
  `frame-ancestors 'none'`,
].join('; ');

export function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  };
}

/** `?lang=ko|en` wins; else the first of ko/en by Accept-Language quality; else Korean. */
export function pickLang(query: string | null, acceptLanguage: string | undefined): WebLang {
  if (query === 'ko' || query === 'en') return query;
  let best: { lang: WebLang; q: number } | undefined;
  for (const part of (acceptLanguage ?? '').slice(0, 512).split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const base = tag?.split('-')[0];
    if (base !== 'ko' && base !== 'en') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: base, q };
  }
  return best?.lang ?? 'ko';
}

export function installLinks(config: WebConfig): InstallLinks {
  return {
    slack: config.slackClientId ? '/slack/install' : undefined,
    discord: config.discordApplicationId
      ? `https://discord.com/oauth2/authorize?client_id=${encodeURIComponent(config.discordApplicationId)}`
      : undefined,
  };
}

export function sendHtml(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  html: string,
  extra: Record<string, string> = {},
): void {
  const body = Buffer.from(html, 'utf8');
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(body.length),
    'cache-control': 'no-cache',
    vary: 'Accept-Language',
    ...securityHeaders(),
    ...extra,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function sendNotFound(req: IncomingMessage, res: ServerResponse): void {
  const lang = pickLang(null, header(req, 'accept-language'));
  sendHtml(req, res, 404, renderMessage(lang, CHROME[lang].notFoundTitle, CHROME[lang].notFoundText));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export interface WebRouteOptions {
  /** Answer every other GET/HEAD with the 404 page (a server whose only routes are these). */
  notFound?: boolean;
}

export function webRoutes(config: WebConfig, opts: WebRouteOptions = {}): WebHandler {
  const facts = {
    revealMinutes: Math.max(1, Math.round(config.revealTtlSeconds / 60)),
    privacyContact: config.privacyContact,
  };
  const links = installLinks(config);
  // Pages depend only on configuration: render each once.
  const cache = new Map<string, string>();
  const render = (id: PageId, lang: WebLang) => {
    const key = `${id}:${lang}`;
    let html = cache.get(key);
    if (!html) {
      const page = pages(lang, facts)[id];
      html = renderPage(id, lang, page, links);
      cache.set(key, html);
    }
    return html;
  };

  return async (req, res) => {
    try {
      const raw = req.url ?? '/';
      const method = req.method ?? 'GET';
      if (raw.length > MAX_URL) {
        if (!opts.notFound) return false;
        sendNotFound(req, res);
        return true;
      }
      let url: URL;
      try {
        url = new URL(raw, 'http://localhost');
      } catch {
        if (!opts.notFound) return false;
        sendNotFound(req, res);
        return true;
      }
      // The raw target, not the normalised one: `/x/../privacy` is not a page.
      const rawPath = raw.split('?')[0]!;
      const id = rawPath === url.pathname ? WEB_PATHS[url.pathname] : undefined;
      if (!id) {
        if (!opts.notFound || (method !== 'GET' && method !== 'HEAD')) return false;
        sendNotFound(req, res);
        return true;
      }
      if (method !== 'GET' && method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8', ...securityHeaders() });
        res.end('Method not allowed\n');
        return true;
      }
      const lang = pickLang(url.searchParams.get('lang'), header(req, 'accept-language'));
      sendHtml(req, res, 200, render(id, lang), { 'content-language': lang });
      return true;
    } catch {
      // Never a stack trace to the browser.
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders() });
        res.end('Internal error\n');
      } else res.end();
      return true;
    }
  };
}

/** The pages as served by the bot: built from the configuration, a 404 page for every other GET. */
export function publicPages(config: Omit<WebConfig, 'revealTtlSeconds'> & { revealTtlSeconds?: number }): WebHandler {
  return webRoutes(
    {
      discordApplicationId: config.discordApplicationId,
      revealTtlSeconds: config.revealTtlSeconds ?? 600,
      privacyContact: config.privacyContact,
      slackClientId: config.slackClientId,
    },
    { notFound: true },
  );
}
