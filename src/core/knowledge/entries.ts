// Question-level knowledge: content/entries/<topic>.json, one file per topic, each entry a
// direct answer (1–3 sentences) plus optional steps and links in both languages, and the
// paraphrases the matcher retrieves by. Checked with zod at load: a bad file fails loudly,
// naming the file and the entry.
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { httpsUrl, nonEmpty } from './schema';
import { TOPIC_IDS, type Lang, type TopicId } from './types';

const sideSchema = z.object({
  q: z.array(nonEmpty).min(1),
  a: nonEmpty,
  steps: z.array(nonEmpty).optional(),
});

const linkSchema = z.object({
  ko: nonEmpty,
  en: nonEmpty,
  url: httpsUrl,
});

const entrySchema = z.object({
  id: z.string().regex(/^[a-z]+\.[a-z0-9_.-]+$/, 'id must look like "<topic>.<name>"'),
  ko: sideSchema,
  en: sideSchema,
  links: z.array(linkSchema).optional(),
  unsure: z.boolean().optional(),
});

const fileSchema = z.object({
  topic: z.enum(TOPIC_IDS),
  entries: z.array(entrySchema),
});

export type EntrySide = z.infer<typeof sideSchema>;
export interface Entry extends z.infer<typeof entrySchema> {
  topic: TopicId;
}

/** Parses one entries file; throws an Error naming the file and the bad entry or field. */
export function parseEntryFile(raw: unknown, fileName: string): Entry[] {
  const r = fileSchema.safeParse(raw);
  if (!r.success) {
    const issues = r.error.issues
      .map((i) => {
        const [, idx] = i.path;
        const entries = (raw as { entries?: { id?: unknown }[] } | null)?.entries;
        const id = i.path[0] === 'entries' && typeof idx === 'number' ? entries?.[idx]?.id : undefined;
        return `${typeof id === 'string' ? `entry ${id}: ` : ''}${i.path.join('.') || '(root)'}: ${i.message}`;
      })
      .join('; ');
    throw new Error(`knowledge entries ${fileName} are invalid: ${issues}`);
  }
  const expected = fileName.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  if (r.data.topic !== expected)
    throw new Error(`knowledge entries ${fileName} declare topic ${r.data.topic}, expected ${expected}`);
  return r.data.entries.map((e) => ({ ...e, topic: r.data.topic }));
}

/** Checks a set of entries as a whole: ids unique. */
export function checkEntries(entries: Entry[]): Entry[] {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) throw new Error(`knowledge entry id ${e.id} is used twice`);
    seen.add(e.id);
  }
  return entries;
}

/** Reads every <topic>.json of a directory. A missing directory is a broken install: it throws. */
export function loadEntryDir(dir: URL): Entry[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (err) {
    throw new Error(`knowledge entries cannot be read from ${dir.pathname}: ${(err as Error).message}`);
  }
  if (names.length === 0) throw new Error(`knowledge entries: no <topic>.json in ${dir.pathname}`);
  const all: Entry[] = [];
  for (const name of names) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
    } catch (err) {
      throw new Error(`knowledge entries ${name}: ${(err as Error).message}`);
    }
    all.push(...parseEntryFile(raw, name));
  }
  return checkEntries(all);
}

export const ENTRIES_DIR = new URL('./content/entries/', import.meta.url);

export function sideOf(e: Entry, lang: Lang): EntrySide {
  return lang === 'en' ? e.en : e.ko;
}

const offTopicSchema = z.object({ about: z.string().optional(), ko: z.array(nonEmpty), en: z.array(nonEmpty) });

/** content/offtopic.json: questions the bot should not answer (both languages in one list). */
export function loadOffTopic(file: URL): string[] {
  const r = offTopicSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!r.success) throw new Error(`knowledge offtopic.json is invalid: ${r.error.issues[0]?.message}`);
  return [...r.data.ko, ...r.data.en];
}

export const OFF_TOPIC_FILE = new URL('./content/offtopic.json', import.meta.url);
