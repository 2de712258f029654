// The public pages over plain HTTP (no browser): content per language, headers, bad input.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSS_HASH } from '../../src/web/render';
import { CSP, pickLang, webRoutes } from '../../src/web/routes';
import { startPageServer, WEB_CONFIG, type PageServer } from './server';

let server: PageServer;
beforeAll(async () => {
  server = await startPageServer();
});
afterAll(async () => {
  await server.close();
});

/** Raw request: the target is sent as is (fetch would normalise `..`). */
function get(
  target: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: target, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function expectStrictHeaders(h: Record<string, string | string[] | undefined>) {
  expect(h['content-security-policy']).toBe(CSP);
  const csp = String(h['content-security-policy']);
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain(`style-src '${CSS_HASH}'`);
  expect(csp).toContain("img-src 'self' data:");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("form-action 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/https?:|\*|unsafe/);
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('no-referrer');
}

describe('public pages over HTTP', () => {
  for (const path of ['/', '/privacy', '/terms']) {
    for (const lang of ['ko', 'en'] as const) {
      it(`${path} in ${lang}: 200, strict headers, no external resource`, async () => {
        const res = await get(`${path}?lang=${lang}`);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        expectStrictHeaders(res.headers);
        expect(res.body).toContain(`<html lang="${lang}">`);
        // Nothing loads from elsewhere: no script, no src=, no stylesheet link, no external href except the Discord install link.
        expect(res.body).not.toMatch(/<script|<iframe|<img|<link rel="stylesheet"|@import|url\(/i);
        const hrefs = [...res.body.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
        for (const h of hrefs) {
          if (h === 'data:,') continue;
          if (h.startsWith('/')) continue;
          expect(h).toBe(`https://discord.com/oauth2/authorize?client_id=${WEB_CONFIG.discordApplicationId}`);
        }
        // The inline style matches the CSP hash.
        const style = /<style>([\s\S]*?)<\/style>/.exec(res.body)![1]!;
        const { createHash } = await import('node:crypto');
        expect(`sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}`).toBe(CSS_HASH);
      });
    }
  }

  it('the home page has install links, the commands, the security model and links to privacy and terms', async () => {
    const ko = (await get('/?lang=ko')).body;
    expect(ko).toContain('href="/slack/install"');
    expect(ko).toContain('Slack에 추가');
    expect(ko).toContain('href="https://discord.com/oauth2/authorize?client_id=123456789012345678"');
    expect(ko).toContain('/pccc register');
    expect(ko).toContain('AES-256-GCM');
    expect(ko).toContain('href="/privacy?lang=ko"');
    expect(ko).toContain('href="/terms?lang=ko"');
    expect(ko).toContain('href="/?lang=en"'); // the language switch
    const en = (await get('/?lang=en')).body;
    expect(en).toContain('Add to Slack');
    expect(en).toContain('Add to Discord');
    expect(en).toContain('href="/?lang=ko"');
  });

  it('the privacy page has the items PIPA asks for, the retention periods and the contact', async () => {
    const ko = (await get('/privacy?lang=ko')).body;
    for (const s of [
      '처리 목적',
      '처리하는 개인정보 항목',
      '보유 기간',
      '제3자 제공',
      'UNI-PASS',
      '파기',
      '/pccc forget',
      '권리',
      '안전성 확보 조치',
      '감사 기록: 1년',
      '90일',
      '30일',
      'privacy@example.org',
      '개인정보 보호책임자',
    ])
      expect(ko).toContain(s.replace(/</g, '&lt;'));
    const en = (await get('/privacy?lang=en')).body;
    for (const s of [
      'Purposes',
      'What is processed',
      'Audit records: 1 year',
      '90 days',
      '30 days',
      'Provision to third parties',
      'Destruction',
      'Your rights',
      'Safety measures',
      'privacy@example.org',
    ])
      expect(en).toContain(s);
    // The contact is escaped, not markup.
    expect(ko).toContain('&lt;privacy@example.org&gt;');
  });

  it('without PRIVACY_CONTACT the privacy page says so, and without OAuth there is no Slack install link', async () => {
    const handle = webRoutes({ revealTtlSeconds: 600 }, { notFound: true });
    const { createServer } = await import('node:http');
    const s = createServer((req, res) => void handle(req, res));
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as { port: number }).port;
    const home = await (await fetch(`http://127.0.0.1:${port}/?lang=en`)).text();
    const privacy = await (await fetch(`http://127.0.0.1:${port}/privacy?lang=en`)).text();
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
    expect(home).not.toContain('/slack/install');
    expect(home).not.toContain('discord.com');
    expect(home).toContain('one Slack workspace only');
    expect(privacy).toContain('PRIVACY_CONTACT');
  });

  it('picks the language from Accept-Language, and ?lang= wins', async () => {
    expect((await get('/', { 'accept-language': 'en-US,en;q=0.9' })).body).toContain('<html lang="en">');
    expect((await get('/', { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8' })).body).toContain('<html lang="ko">');
    expect((await get('/', { 'accept-language': 'fr-FR, en;q=0.5, ko;q=0.7' })).body).toContain('<html lang="ko">');
    expect((await get('/')).body).toContain('<html lang="ko">');
    expect((await get('/?lang=en', { 'accept-language': 'ko' })).body).toContain('<html lang="en">');
    expect((await get('/?lang=xx', { 'accept-language': 'en' })).body).toContain('<html lang="en">');
    const res = await get('/');
    expect(res.headers.vary).toBe('Accept-Language');
    expect(pickLang(null, 'en;q=abc, ko;q=0')).toBe('ko');
  });

  it('HEAD answers headers only; POST to a page is 405', async () => {
    const head = await get('/privacy', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expectStrictHeaders(head.headers);
    const post = await get('/terms', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  for (const [label, target] of [
    ['unknown path', '/nope'],
    ['dot-dot', '/x/../privacy'],
    ['encoded dot-dot', '/%2e%2e/etc/passwd'],
    ['10,000 characters', `/${'a'.repeat(10_000)}`],
    ['10,000-character query', `/privacy?lang=${'e'.repeat(10_000)}`],
    ['bad percent-encoding', '/%E0%A4%A'],
    ['trailing slash variant', '/privacy/'],
  ] as const) {
    it(`${label} → a clear 404 page, no stack`, async () => {
      const res = await get(target, { 'accept-language': 'en' });
      expect(res.status).toBe(404);
      expect(res.body).toContain('Page not found');
      expect(res.body).not.toMatch(/at .*\.ts:\d+|Error:|node:internal/);
      expectStrictHeaders(res.headers);
    });
  }

  it('a host server gets `false` for paths that are not pages (it may route them elsewhere)', async () => {
    const handle = webRoutes(WEB_CONFIG);
    const res = { headersSent: false } as never;
    expect(await handle({ url: '/slack/events', method: 'POST', headers: {} } as never, res)).toBe(false);
    expect(await handle({ url: '/healthz', method: 'GET', headers: {} } as never, res)).toBe(false);
  });
});
