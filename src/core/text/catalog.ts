// The one shape of user-facing text: a catalog per feature, each key with its Korean and
// English side by side ({ key: { ko, en } }), kept as a JSON data file beside the feature and
// checked when the module loads, so a missing language, an empty text or a placeholder that
// exists in one language only fails loudly instead of reaching a user.
import { z } from 'zod';
import type { Lang } from '../types';

export const LANGS = ['ko', 'en'] as const satisfies readonly Lang[];

/** Values for `{name}` placeholders. */
export type Params = Readonly<Record<string, string | number>>;

/** One text in both languages. */
export interface Bilingual {
  ko: string;
  en: string;
}

/** As written in a data file: one string, or a list of lines (joined with newlines) to keep long texts readable. */
type RawText = string | readonly string[];
export type RawEntry = { readonly ko: RawText; readonly en: RawText };

const PLACEHOLDER = /\{(\w+)\}/g;

/** A text of a data file: non-empty, a list of lines becomes one string. */
export const textSchema = z
  .union([z.string(), z.array(z.string()).min(1)])
  .transform((v) => (typeof v === 'string' ? v : v.join('\n')))
  .refine((s) => s.trim().length > 0, 'empty text');

/** Both languages, the same placeholders in each. */
export const entrySchema = z
  .strictObject({ ko: textSchema, en: textSchema })
  .refine((e) => samePlaceholders(e.ko, e.en), 'Korean and English use different {placeholders}');

/** The sorted, distinct placeholder names of a text. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

function samePlaceholders(a: string, b: string): boolean {
  return placeholders(a).join(',') === placeholders(b).join(',');
}

// Under test a missing parameter is a bug to see; in production the reply still goes out with
// the bare placeholder rather than failing the whole answer.
const STRICT = typeof process !== 'undefined' && Boolean(process.env?.VITEST);

/** Fills `{name}` placeholders. `where` names the text in the error a missing parameter raises in tests. */
export function fill(template: string, params: Params, where: string): string {
  return template.replace(PLACEHOLDER, (m, k: string) => {
    if (Object.hasOwn(params, k)) return String(params[k]);
    if (STRICT) throw new Error(`text ${where}: missing parameter {${k}}`);
    return m;
  });
}

export interface Catalog<K extends string> {
  readonly name: string;
  readonly keys: readonly K[];
  has(key: string): key is K;
  /** The texts as written (placeholders unfilled). */
  entry(key: K): Bilingual;
  render(lang: Lang, key: K, params?: Params): string;
  /** Both languages rendered, for values that are shown later in whichever language applies. */
  both(key: K, params?: Params): Bilingual;
  /** Every text of one language, for catalogs without placeholders handed out as a record. */
  all(lang: Lang): Record<K, string>;
}

/** Validates a data file and gives its typed catalog; throws an Error naming each bad key. */
export function defineCatalog<const R extends Record<string, RawEntry>>(
  name: string,
  raw: R,
): Catalog<Extract<keyof R, string>> {
  type K = Extract<keyof R, string>;
  const parsed = z.record(z.string().regex(/^[A-Za-z][\w-]*$/, 'key'), entrySchema).safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`text catalog ${name} is invalid: ${issues}`);
  }
  const entries = parsed.data as Record<K, Bilingual>;
  const keys = Object.keys(entries) as K[];
  const has = (key: string): key is K => Object.hasOwn(entries, key);
  const render = (lang: Lang, key: K, params: Params = {}) => {
    if (!has(key)) throw new Error(`text ${name}.${String(key)} does not exist`);
    return fill(entries[key][lang], params, `${name}.${key} (${lang})`);
  };
  return {
    name,
    keys,
    has,
    entry: (key) => entries[key],
    render,
    both: (key, params) => ({ ko: render('ko', key, params), en: render('en', key, params) }),
    all: (lang) => Object.fromEntries(keys.map((k) => [k, render(lang, k)])) as Record<K, string>,
  };
}
