// Commands as data. A command is declared once, as a spec: its id (the English word adapters
// send back, and Discord's subcommand name), the words that select it in Korean and English,
// a one-line summary in both languages, and its argument. The router (bot.ts), Discord's
// application command definitions, Slack's App Home shortcuts and the Slack manifest's
// `/pccc` entry are all derived from COMMAND_SPECS; a word claimed twice stops start-up.
import { CUSTOMS_SPECS } from './customs/specs';
import { REMINDER_SPECS } from './reminders/specs';
import type { Lang } from './types';
import { VAULT_SPECS } from './vault/specs';

export type Localized = Record<Lang, string>;

export interface ArgumentSpec {
  /** Option name on platforms with typed options (Discord): lowercase ASCII. */
  name: string;
  label: Localized;
  description: Localized;
  required: boolean;
  maxLength?: number;
  choices?: ReadonlyArray<{ id: string } & Localized>;
}

export interface CommandSpec {
  /** The canonical English word; what an adapter sends as `/pccc <id> …`. */
  id: string;
  /**
   * Words that select the command, any case. `ko[0]` is its Korean name on Discord (lowercased);
   * `en` must include `id` unless the command is `textOnly`.
   */
  names: { ko: readonly string[]; en: readonly string[] };
  /** One line (≤ 100 characters: Discord's limit). */
  summary: Localized;
  /** The help line's text where the summary speaks of one platform only. */
  help?: Localized;
  argument?: ArgumentSpec;
  /** The argument alone is the text the core routes (`ask`): no command word is routed. */
  textOnly?: boolean;
  /** A shortcut button on Slack's App Home, at this position, with this label. */
  home?: { order: number; label: Localized };
  /** Position in the Slack manifest's usage hint, if listed there. */
  usage?: number;
  /** Position among the few commands the Slack manifest's description names, if any. */
  headline?: number;
}

/** Topic ids from the design contract, with short labels for choice lists. */
export const TOPIC_CHOICES: ReadonlyArray<{ id: string } & Localized> = [
  { id: 'what', en: 'What the code is', ko: '개인통관고유부호란?' },
  { id: 'issue', en: 'Getting a code', ko: '발급 방법' },
  { id: 'lookup', en: 'Looking up a forgotten code', ko: '분실·조회' },
  { id: 'reissue', en: 'Reissue or suspend', ko: '재발급·사용정지' },
  { id: 'validity', en: 'Validity and renewal', ko: '유효기간·갱신' },
  { id: 'theft', en: 'Suspected theft', ko: '도용 신고' },
  { id: 'prevention', en: 'Preventing misuse', ko: '도용 예방' },
  { id: 'usage', en: 'Usage history and alerts', ko: '사용 내역·알림' },
  { id: 'mismatch', en: 'Held parcel: details mismatch', ko: '정보 불일치로 통관 보류' },
  { id: 'foreigner', en: 'Foreign residents', ko: '외국인' },
  { id: 'dutyfree', en: 'Duty-free limits', ko: '면세 한도' },
];

/** The commands bot.ts itself answers (help, status, lang, topic) and the free-text `ask`. */
export const BUILTIN_SPECS = {
  help: {
    id: 'help',
    names: { ko: ['도움말', '도움', '메뉴'], en: ['help', '?', 'menu'] },
    summary: { en: 'What this bot can do', ko: '이 봇이 할 수 있는 일' },
    home: { order: 0, label: { ko: '도움말', en: 'Help' } },
    usage: 0,
    headline: 0,
  },
  topic: {
    id: 'topic',
    names: { ko: ['주제'], en: ['topic'] },
    summary: { en: 'Read about one topic', ko: '주제별 안내 보기' },
    argument: {
      name: 'id',
      label: { ko: '주제', en: 'topic' },
      description: { en: 'Which topic', ko: '어떤 주제인가요' },
      required: true,
      choices: TOPIC_CHOICES,
    },
  },
  status: {
    id: 'status',
    names: { ko: ['상태', '내정보'], en: ['status'] },
    summary: { en: 'What the bot keeps about you', ko: '내 저장 상태 보기' },
    usage: 4,
    headline: 3,
  },
  lang: {
    id: 'lang',
    names: { ko: ['언어'], en: ['lang', 'language'] },
    summary: {
      en: 'Answer me in Korean or English (or follow my Discord language)',
      ko: '답변 언어 설정 (한국어·영어·자동)',
    },
    help: { en: 'Answer me in Korean or English (auto: pick for me)', ko: '답변 언어 설정 (한국어·영어·자동)' },
    argument: {
      name: 'language',
      label: { ko: '언어', en: 'language' },
      description: { en: 'Language', ko: '언어' },
      required: true,
      choices: [
        { id: 'ko', en: 'Korean (한국어)', ko: '한국어' },
        { id: 'en', en: 'English', ko: '영어 (English)' },
        { id: 'auto', en: 'Follow my Discord language', ko: '디스코드 언어 따르기' },
      ],
    },
  },
  ask: {
    id: 'ask',
    names: { ko: ['질문'], en: ['ask'] },
    summary: { en: 'Ask a question about the customs code', ko: '통관부호에 대해 질문하기' },
    argument: {
      name: 'question',
      label: { ko: '질문', en: 'question' },
      description: { en: 'Your question', ko: '질문 내용' },
      required: true,
      maxLength: 500,
    },
    textOnly: true,
  },
} as const satisfies Record<string, CommandSpec>;

const V = VAULT_SPECS;
const C = CUSTOMS_SPECS;
const B = BUILTIN_SPECS;

/** Every command, in the order platforms list them. */
export const COMMAND_SPECS: readonly CommandSpec[] = [
  B.help,
  B.topic,
  V.register,
  V.show,
  V.replace,
  V.pin,
  V.forget,
  REMINDER_SPECS.remind,
  C.verify,
  C.track,
  C.parcels,
  C.untrack,
  B.status,
  B.lang,
  B.ask,
];

/** The words that select a command (lowercased), or none for a text-only command. */
export function routedWords(spec: CommandSpec): string[] {
  if (spec.textOnly) return [];
  return [...spec.names.en, ...spec.names.ko].map((w) => w.toLowerCase());
}

export class CommandCollision extends Error {
  constructor(
    readonly word: string,
    readonly first: string,
    readonly second: string,
  ) {
    super(
      `The command word "${word}" is claimed by both "${first}" and "${second}"; each word may select one command.`,
    );
    this.name = 'CommandCollision';
  }
}

/** Word → owner id over the given specs (and any extra words), throwing on a word claimed twice. */
export function indexWords(owners: ReadonlyArray<{ owner: string; words: readonly string[] }>): Map<string, string> {
  const index = new Map<string, string>();
  for (const { owner, words } of owners) {
    for (const raw of words) {
      const word = raw.toLowerCase();
      const had = index.get(word);
      if (had !== undefined && had !== owner) throw new CommandCollision(word, had, owner);
      index.set(word, owner);
    }
  }
  return index;
}

/** `/pccc <args>` for a chosen command and its argument, as a user would type it. */
export function commandText(spec: CommandSpec, value?: string | null): string {
  const v = (value ?? '').trim();
  if (spec.textOnly) return v;
  return spec.argument && v ? `${spec.id} ${v}` : spec.id;
}

/** Help lines for the given commands: `• id <argument> — summary` (text-only commands are free text, not listed). */
export function helpLines(lang: Lang, specs: readonly CommandSpec[]): string[] {
  return specs
    .filter((s) => !s.textOnly)
    .map((s) => {
      const a = s.argument;
      const arg = !a
        ? ''
        : a.choices && a.choices.length <= 4
          ? ` ${a.choices.map((c) => c.id).join('|')}`
          : ` <${a.label[lang]}>`;
      return `• ${s.id}${arg} — ${(s.help ?? s.summary)[lang]}`;
    });
}

/** The Slack App Home shortcuts, in order. */
export function homeShortcuts(specs: readonly CommandSpec[] = COMMAND_SPECS): Array<{ id: string; label: Localized }> {
  return specs
    .filter((s): s is CommandSpec & { home: NonNullable<CommandSpec['home']> } => Boolean(s.home))
    .sort((a, b) => a.home.order - b.home.order)
    .map((s) => ({ id: s.id, label: s.home.label }));
}

/** What the Slack manifest says about `/pccc`. */
export const ROOT_COMMAND = {
  name: 'pccc',
  koName: '통관부호',
  summary: {
    en: "Korea's personal customs clearance code (PCCC): answers and a safe place for your code",
    ko: '개인통관고유부호 안내와 안전한 보관',
  },
  slackSummary: '통관부호 질문 · 보관 · 알림',
} as const;

export function slackManifestCommand(specs: readonly CommandSpec[] = COMMAND_SPECS): {
  description: string;
  usageHint: string;
} {
  const by = (key: 'usage' | 'headline') =>
    specs
      .filter((s) => s[key] !== undefined)
      .sort((a, b) => a[key]! - b[key]!)
      .map((s) => s.id);
  const headline = by('headline');
  const usage = by('usage');
  return {
    description: `${ROOT_COMMAND.slackSummary} (${headline.join(', ')}…)`,
    usageHint: `[${[...usage, 'question'].join(' | ')}]`,
  };
}
