// What the public pages say, as data: chrome.json (the words around every page) and pages.json
// (each page's sections and blocks, every text with its Korean and English side by side), checked
// when this module loads. render.ts turns it into HTML; nothing here is HTML (every string is escaped).
import { z } from 'zod';
import { defineCatalog, entrySchema, fill, type Params } from '../core/text/catalog';
import chromeJson from './chrome.json';
import pagesJson from './pages.json';

export type WebLang = 'ko' | 'en';
export type PageId = 'home' | 'privacy' | 'terms';

/** A paragraph, a bullet list, a command table, or a definition list. */
export type Block =
  | { p: string }
  | { list: string[] }
  | { commands: Array<[command: string, what: string]> }
  | { defs: Array<[term: string, text: string]> };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

export interface Page {
  title: string;
  lead: string;
  sections: Section[];
}

/** Facts the pages state that come from the running configuration. */
export interface PageFacts {
  revealMinutes: number;
  privacyContact?: string;
}

export const EFFECTIVE_DATE = '2026-11-30';

export const RETENTION = {
  auditDays: 365,
  deliveryDays: 90,
  finishedParcelDays: 30,
  consentOnlyDays: 30,
} as const;

export interface Chrome {
  siteName: string;
  tagline: string;
  nav: Record<PageId, string>;
  /** The accessible name of the page navigation. */
  navLabel: string;
  switchTo: string;
  addToSlack: string;
  addToDiscord: string;
  slackUnavailable: string;
  discordUnavailable: string;
  installTitle: string;
  notFoundTitle: string;
  notFoundText: string;
  backHome: string;
  footer: string;
  effective: string;
  noContact: string;
}

export const CHROME_TEXT = defineCatalog('web', chromeJson);

function chrome(lang: WebLang): Chrome {
  const c = CHROME_TEXT.all(lang);
  return {
    siteName: c.siteName,
    tagline: c.tagline,
    nav: { home: c.navHome, privacy: c.navPrivacy, terms: c.navTerms },
    navLabel: c.navLabel,
    switchTo: c.switchTo,
    addToSlack: c.addToSlack,
    addToDiscord: c.addToDiscord,
    slackUnavailable: c.slackUnavailable,
    discordUnavailable: c.discordUnavailable,
    installTitle: c.installTitle,
    notFoundTitle: c.notFoundTitle,
    notFoundText: c.notFoundText,
    backHome: c.backHome,
    footer: c.footer,
    effective: c.effective,
    noContact: c.noContact,
  };
}

export const CHROME: Record<WebLang, Chrome> = { ko: chrome('ko'), en: chrome('en') };

const blockSchema = z.union([
  z.strictObject({ p: entrySchema }),
  z.strictObject({ list: z.array(entrySchema).min(1) }),
  z.strictObject({ commands: z.array(z.strictObject({ command: entrySchema, what: entrySchema })).min(1) }),
  z.strictObject({ defs: z.array(z.strictObject({ term: entrySchema, text: entrySchema })).min(1) }),
]);
const pageSchema = z.strictObject({
  title: entrySchema,
  lead: entrySchema,
  sections: z.array(
    z.strictObject({ id: z.string().regex(/^[a-z-]+$/), title: entrySchema, blocks: z.array(blockSchema) }),
  ),
});
const pagesSchema = z.strictObject({ home: pageSchema, privacy: pageSchema, terms: pageSchema });

function parsePages(raw: unknown) {
  const result = pagesSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`web pages (pages.json) are invalid: ${issues}`);
  }
  return result.data;
}

/** Every page in both languages, as checked at load (placeholders unfilled). */
export const PAGE_TEXTS = parsePages(pagesJson);

export function pages(lang: WebLang, facts: PageFacts): Record<PageId, Page> {
  const params: Params = {
    revealMinutes: facts.revealMinutes,
    effectiveDate: EFFECTIVE_DATE,
    auditYears: RETENTION.auditDays / 365,
    deliveryDays: RETENTION.deliveryDays,
    finishedParcelDays: RETENTION.finishedParcelDays,
    consentOnlyDays: RETENTION.consentOnlyDays,
    contact: facts.privacyContact ?? CHROME[lang].noContact,
  };
  const out = {} as Record<PageId, Page>;
  for (const id of Object.keys(PAGE_TEXTS) as PageId[]) {
    const page = PAGE_TEXTS[id];
    const text = (t: { ko: string; en: string }, where: string) =>
      fill(t[lang], params, `web.${id}.${where} (${lang})`);
    out[id] = {
      title: text(page.title, 'title'),
      lead: text(page.lead, 'lead'),
      sections: page.sections.map((s) => ({
        id: s.id,
        title: text(s.title, s.id),
        blocks: s.blocks.map((b): Block => {
          if ('p' in b) return { p: text(b.p, s.id) };
          if ('list' in b) return { list: b.list.map((x) => text(x, s.id)) };
          if ('commands' in b) return { commands: b.commands.map((c) => [text(c.command, s.id), text(c.what, s.id)]) };
          return { defs: b.defs.map((d) => [text(d.term, s.id), text(d.text, s.id)]) };
        }),
      })),
    };
  }
  return out;
}
