// Page data → one self-contained HTML document: no script, no external resource, the style
// inline and allowed by its hash in the Content-Security-Policy (see headers.ts).
import { createHash } from 'node:crypto';
import { CHROME, type Block, type Page, type PageId, type WebLang } from './content';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// Korean first in the stack: Noto Sans CJK KR (Debian fonts-noto-cjk), then the platform fonts.
export const CSS = `
:root{color-scheme:light dark;--fg:#1b1d21;--muted:#596170;--bg:#fbfbfc;--card:#fff;--line:#dde1e7;--accent:#1f5fbf;
  --accent-fg:#fff}
@media (prefers-color-scheme:dark){:root{--fg:#e8eaee;--muted:#a5adba;--bg:#14161a;--card:#1c1f24;--line:#333842;
  --accent:#7aa7ff;--accent-fg:#0b1220}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);
  font:16px/1.65 "Noto Sans CJK KR","Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic",
    system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
  word-break:keep-all;overflow-wrap:anywhere}
a{color:var(--accent)}
header,main,footer{max-width:46rem;margin:0 auto;padding:0 1.1rem}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding-top:1rem;padding-bottom:.6rem;
  border-bottom:1px solid var(--line)}
.brand{font-weight:700;font-size:1.1rem;text-decoration:none;color:var(--fg)}
.brand small{display:block;font-weight:400;font-size:.8rem;color:var(--muted)}
nav{display:flex;flex-wrap:wrap;gap:.3rem .9rem;margin-left:auto;font-size:.95rem}
nav a[aria-current=page]{font-weight:700;text-decoration:none;color:var(--fg)}
.lang{border:1px solid var(--line);border-radius:999px;padding:.1rem .7rem;text-decoration:none}
h1{font-size:1.6rem;line-height:1.3;margin:1.4rem 0 .6rem}
h2{font-size:1.2rem;margin:1.8rem 0 .5rem;padding-top:.4rem;border-top:1px solid var(--line)}
.lead{font-size:1.05rem;color:var(--muted)}
.install{display:flex;flex-wrap:wrap;gap:.7rem;margin:1.2rem 0}
.btn{display:inline-block;padding:.7rem 1.2rem;border-radius:.5rem;background:var(--accent);color:var(--accent-fg);
  font-weight:700;text-decoration:none;min-height:44px}
.note{font-size:.9rem;color:var(--muted);margin:.2rem 0}
ul{padding-left:1.2rem}
li{margin:.25rem 0}
table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{text-align:left;vertical-align:top;padding:.45rem .4rem;border-bottom:1px solid var(--line)}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Noto Sans Mono CJK KR",monospace;font-size:.9em;
  background:var(--card);border:1px solid var(--line);border-radius:.25rem;padding:.05rem .3rem;white-space:nowrap}
dl{margin:.5rem 0}
dt{font-weight:700;margin-top:.6rem}
dd{margin:.1rem 0 0 0;color:var(--fg)}
footer{margin-top:2.5rem;padding-top:1rem;padding-bottom:2rem;border-top:1px solid var(--line);font-size:.85rem;
  color:var(--muted)}
@media (max-width:560px){h1{font-size:1.35rem}nav{margin-left:0;width:100%}tr,td{display:block}td{border:0;
  padding:.1rem 0}tr{padding:.5rem 0;border-bottom:1px solid var(--line)}code{white-space:normal}}
`.trim();

export const CSS_HASH = `sha256-${createHash('sha256').update(CSS, 'utf8').digest('base64')}`;

export interface InstallLinks {
  /** `/slack/install` when Slack OAuth is configured. */
  slack?: string;
  /** https://discord.com/oauth2/authorize?client_id=… when DISCORD_APPLICATION_ID is set. */
  discord?: string;
}

const PATHS: Record<PageId, string> = { home: '/', privacy: '/privacy', terms: '/terms' };

export function pathOf(page: PageId): string {
  return PATHS[page];
}

function href(path: string, lang: WebLang): string {
  return `${path}?lang=${lang}`;
}

function block(b: Block): string {
  if ('p' in b) return `<p>${esc(b.p)}</p>`;
  if ('list' in b) return `<ul>${b.list.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
  if ('commands' in b) {
    const rows = b.commands.map(([c, w]) => `<tr><td><code>${esc(c)}</code></td><td>${esc(w)}</td></tr>`);
    return `<table><tbody>${rows.join('')}</tbody></table>`;
  }
  return `<dl>${b.defs.map(([t, d]) => `<dt>${esc(t)}</dt><dd>${esc(d)}</dd>`).join('')}</dl>`;
}

function layout(lang: WebLang, current: PageId | undefined, selfPath: string, title: string, body: string): string {
  const c = CHROME[lang];
  const other: WebLang = lang === 'ko' ? 'en' : 'ko';
  const nav = (Object.keys(PATHS) as PageId[])
    .map(
      (id) =>
        `<a href="${esc(href(PATHS[id], lang))}"${id === current ? ' aria-current="page"' : ''}>${esc(c.nav[id])}</a>`,
    )
    .join('');
  const langLink =
    `<a class="lang" hreflang="${other}" lang="${other}" href="${esc(href(selfPath, other))}">` +
    `${esc(c.switchTo)}</a>`;
  const footerLinks =
    `<a href="${esc(href('/privacy', lang))}">${esc(c.nav.privacy)}</a> · ` +
    `<a href="${esc(href('/terms', lang))}">${esc(c.nav.terms)}</a>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<style>${CSS}</style>
</head>
<body>
<header>
<a class="brand" href="${esc(href('/', lang))}">${esc(c.siteName)}<small>${esc(c.tagline)}</small></a>
<nav aria-label="${esc(c.navLabel)}">${nav}${langLink}</nav>
</header>
<main>
${body}
</main>
<footer><p>${esc(c.footer)}</p><p>${footerLinks}</p></footer>
</body>
</html>
`;
}

export function renderPage(
  id: PageId,
  lang: WebLang,
  page: Page,
  links: InstallLinks,
  effectiveLabel?: string,
): string {
  const c = CHROME[lang];
  const parts = [`<h1>${esc(page.title)}</h1>`, `<p class="lead">${esc(page.lead)}</p>`];
  if (id === 'home') {
    const buttons: string[] = [];
    const notes: string[] = [];
    if (links.slack) buttons.push(`<a class="btn" id="add-slack" href="${esc(links.slack)}">${esc(c.addToSlack)}</a>`);
    else notes.push(c.slackUnavailable);
    if (links.discord)
      buttons.push(
        `<a class="btn" id="add-discord" href="${esc(links.discord)}" rel="noopener noreferrer">` +
          `${esc(c.addToDiscord)}</a>`,
      );
    else notes.push(c.discordUnavailable);
    const noteHtml = notes.map((n) => `<p class="note">${esc(n)}</p>`).join('');
    parts.push(
      `<section id="install" aria-label="${esc(c.installTitle)}">` +
        `<div class="install">${buttons.join('')}</div>${noteHtml}</section>`,
    );
  }
  for (const s of page.sections)
    parts.push(`<section id="${esc(s.id)}"><h2>${esc(s.title)}</h2>${s.blocks.map(block).join('')}</section>`);
  if (effectiveLabel) parts.push(`<p class="note">${esc(effectiveLabel)}</p>`);
  return layout(lang, id, PATHS[id], page.title, parts.join('\n'));
}

/** A short page for 404s and for the end of the Slack install flow. */
export function renderMessage(lang: WebLang, title: string, text: string, selfPath = '/'): string {
  const c = CHROME[lang];
  return layout(
    lang,
    undefined,
    selfPath,
    title,
    `<h1>${esc(title)}</h1><p class="lead">${esc(text)}</p>` +
      `<p><a href="${esc(href('/', lang))}">${esc(c.backHome)}</a></p>`,
  );
}
