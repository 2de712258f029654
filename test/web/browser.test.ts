// The public pages in a real browser: headless Chromium (Debian's /usr/bin/chromium, or
// CHROMIUM_PATH) driven by playwright-core. Each page in both languages at phone and desktop
// widths: no request leaves 127.0.0.1, the CSP blocks nothing the page needs and allows nothing
// external, Korean text is drawn with a Korean font (not tofu), nothing scrolls sideways, every
// link and the language switch work. Screenshots go to test/artifacts/web/.
// Without Chromium the whole file is skipped, and says so.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CSP } from '../../src/web/routes';
import { startPageServer, WEB_CONFIG, type PageServer } from './server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(
    `[browser test] skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH)`,
  );

const ARTIFACTS = path.resolve('test/artifacts/web');
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;
const PAGES = ['/', '/privacy', '/terms'] as const;
const LANGS = ['ko', 'en'] as const;
const KOREAN_FONT = /Noto Sans CJK|Noto Serif CJK|Nanum|Apple SD Gothic|Malgun|Baekmuk|UnDotum|UnBatang/i;
// Browser-side code is written against `any`: the project compiles without the DOM lib.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Dom = any;
const DISCORD_INSTALL = `https://discord.com/oauth2/authorize?client_id=${WEB_CONFIG.discordApplicationId}`;

function isLoopback(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'about:' || u.protocol === 'blob:') return true;
  return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
}

describe.skipIf(!haveChromium)('public pages in headless Chromium', () => {
  let server: PageServer;
  let browser: Browser;
  /** Every request that tried to leave the machine (all are aborted). */
  const escaped: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startPageServer();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-domain-reliability',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newContext(viewport: { width: number; height: number }, locale: string): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport,
      locale,
      deviceScaleFactor: 1,
      isMobile: viewport.width < 600,
      hasTouch: viewport.width < 600,
    });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (isLoopback(url)) return route.continue();
      escaped.push(url);
      return route.abort('blockedbyclient');
    });
    return context;
  }

  function watch(page: Page): void {
    page.on('console', (msg) => {
      if (/Content.Security.Policy|Refused to/i.test(msg.text())) cspViolations.push(msg.text());
    });
  }

  /** The fonts Chromium actually used to draw an element's text (CDP), e.g. [{ familyName: 'Noto Sans CJK KR', glyphCount: 12 }]. */
  async function fontsOf(
    context: BrowserContext,
    page: Page,
    selector: string,
  ): Promise<Array<{ familyName: string; glyphCount: number }>> {
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    await cdp.detach();
    return fonts;
  }

  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    for (const lang of LANGS) {
      it(`${size} (${viewport.width}×${viewport.height}), ${lang}: every page renders, stays on the machine, follows its links`, async () => {
        const context = await newContext(viewport, lang === 'ko' ? 'ko-KR' : 'en-US');
        const page = await context.newPage();
        watch(page);
        const before = escaped.length;
        for (const p of PAGES) {
          const response = await page.goto(`${server.url}${p}?lang=${lang}`, { waitUntil: 'load' });
          expect(response?.status()).toBe(200);
          const headers = response!.headers();
          expect(headers['content-security-policy']).toBe(CSP);
          expect(headers['content-security-policy']).not.toMatch(/https?:|\*|unsafe/);
          expect(headers['x-content-type-options']).toBe('nosniff');
          expect(headers['referrer-policy']).toBe('no-referrer');
          expect(await page.locator('html').getAttribute('lang')).toBe(lang);

          // The inline style applied (the CSP hash matches): the install button is styled as a button.
          if (p === '/') {
            const bg = await page
              .locator('#add-discord')
              .evaluate((el: Dom) => (globalThis as Dom).getComputedStyle(el).backgroundColor);
            expect(bg).not.toBe('rgba(0, 0, 0, 0)');
          }
          // Readable on a phone: nothing wider than the viewport.
          const { scrollWidth, innerWidth } = await page.evaluate(() => {
            const w = globalThis as Dom;
            return {
              scrollWidth: w.document.documentElement.scrollWidth as number,
              innerWidth: w.innerWidth as number,
            };
          });
          expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
          const fontPx = await page
            .locator('main p')
            .first()
            .evaluate((el: Dom) => parseFloat((globalThis as Dom).getComputedStyle(el).fontSize));
          expect(fontPx).toBeGreaterThanOrEqual(15);

          // Korean is drawn with a Korean font, never tofu: the brand tagline is Korean on ko pages,
          // the language switch ("한국어") on en pages.
          const koreanSelector = lang === 'ko' ? 'h1' : 'a.lang';
          const fonts = await fontsOf(context, page, koreanSelector);
          const used = fonts.filter((f) => f.glyphCount > 0);
          expect(used.length, `fonts for ${koreanSelector}: ${JSON.stringify(fonts)}`).toBeGreaterThan(0);
          const hangul = await page
            .locator(koreanSelector)
            .evaluate((el: Dom) => String(el.textContent ?? '').match(/[\uAC00-\uD7A3]/g)?.length ?? 0);
          expect(hangul).toBeGreaterThan(0);
          const korean = used.filter((f) => KOREAN_FONT.test(f.familyName));
          expect(
            korean.reduce((n, f) => n + f.glyphCount, 0),
            `fonts for ${koreanSelector}: ${JSON.stringify(fonts)}`,
          ).toBeGreaterThanOrEqual(hangul);

          await page.screenshot({
            path: path.join(ARTIFACTS, `${p === '/' ? 'home' : p.slice(1)}-${lang}-${size}.png`),
            fullPage: true,
          });

          // Follow every link: internal ones load (200), the only external one is the Discord install link.
          const hrefs = await page.locator('a[href]').evaluateAll((as: Dom[]) => as.map((a) => String(a.href)));
          for (const href of new Set(hrefs)) {
            if (!isLoopback(href)) {
              expect(href).toBe(DISCORD_INSTALL);
              continue;
            }
            const u = new URL(href);
            if (u.pathname === '/slack/install') continue; // served by the Slack receiver; followed in the OAuth test
            const r = await page.request.get(href);
            expect(r.status(), href).toBe(200);
          }
        }

        // The language switch, clicked like a person would.
        await page.goto(`${server.url}/privacy?lang=${lang}`);
        await page.locator('a.lang').click();
        await page.waitForLoadState('load');
        const other = lang === 'ko' ? 'en' : 'ko';
        expect(await page.locator('html').getAttribute('lang')).toBe(other);
        expect(new URL(page.url()).pathname).toBe('/privacy');
        // And the navigation links keep the language.
        await page.locator('nav a', { hasText: other === 'ko' ? '이용약관' : 'Terms' }).click();
        await page.waitForLoadState('load');
        expect(new URL(page.url()).pathname).toBe('/terms');
        expect(await page.locator('html').getAttribute('lang')).toBe(other);

        // The 404 page is a page, in the browser's language.
        const nf = await page.goto(`${server.url}/no/such/page`);
        expect(nf?.status()).toBe(404);
        expect(await page.locator('h1').textContent()).toBe(
          lang === 'ko' ? '페이지를 찾을 수 없어요' : 'Page not found',
        );
        await page.screenshot({ path: path.join(ARTIFACTS, `404-${lang}-${size}.png`) });

        expect(escaped.slice(before)).toEqual([]);
        expect(cspViolations).toEqual([]);
        await context.close();
      }, 180_000);
    }
  }

  it('clicking "Add to Discord" tries to leave for discord.com only, and is stopped by the test', async () => {
    const context = await newContext(VIEWPORTS.desktop, 'en-US');
    const page = await context.newPage();
    await page.goto(`${server.url}/?lang=en`);
    const before = escaped.length;
    await page.locator('#add-discord').click({ noWaitAfter: true });
    await expect.poll(() => escaped.length).toBeGreaterThan(before);
    expect(escaped.slice(before).every((u) => u.startsWith(DISCORD_INSTALL))).toBe(true);
    escaped.splice(before);
    await context.close();
  }, 60_000);
});
