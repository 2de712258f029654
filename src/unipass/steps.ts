/**
 * Plain-language explanations for cargo steps, mismatch fixes and API keys. Wording follows
 * the domain notes (docs/domain.md) and lives in text.json; UNI-PASS menu names are given in
 * Korean in both languages so users can find them on the site.
 */
import { UNIPASS_TEXT, type UnipassTextKey } from './text';
import type { Lang, MismatchReason } from './types';
import { isRelayNumber } from './validate';

/** Normalised step names (spaces removed) → the text explaining that step. */
const STEPS: [names: string[], text: UnipassTextKey][] = [
  [['입항적하목록제출'], 'stepManifestFiled'],
  [['입항적하목록심사완료'], 'stepManifestReviewed'],
  [['입항보고제출', '입항보고수리', '입항보고제출/수리'], 'stepArrivalReported'],
  [['하기신고수리'], 'stepUnloadedAir'],
  [['하선신고수리'], 'stepUnloadedSea'],
  [['통관목록접수'], 'stepListReceived'],
  [['통관목록심사완료'], 'stepListCleared'],
  [['반입신고'], 'stepWarehouseIn'],
  [['수입신고'], 'stepImportDeclared'],
  [['수입신고수리'], 'stepImportAccepted'],
  [['반출신고'], 'stepWarehouseOut'],
];

const BY_NAME = new Map<string, UnipassTextKey>(STEPS.flatMap(([names, text]) => names.map((n) => [n, text])));

function key(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, '');
}

/** What a step means and what happens next, in plain words. Unknown names get a general sentence. */
export function explainStep(name: string, lang: Lang): string {
  const n = typeof name === 'string' ? key(name) : '';
  const text = BY_NAME.get(n) ?? (n.startsWith('입항보고') ? BY_NAME.get('입항보고제출') : undefined);
  if (text) return UNIPASS_TEXT.render(lang, text);
  const step = n
    ? UNIPASS_TEXT.render(lang, 'stepNamed', { name: name.trim() })
    : UNIPASS_TEXT.render(lang, 'stepThis');
  return UNIPASS_TEXT.render(lang, 'stepOther', { step });
}

const ADVICE: Record<MismatchReason, UnipassTextKey> = {
  no_such_code: 'no_such_code',
  name: 'name',
  phone: 'phone',
  postal_code: 'postal_code',
  expired: 'expired',
  not_in_use: 'not_in_use',
  other: 'other',
};

/** What to fix, and where, for a mismatch reason. */
export function mismatchAdvice(reason: MismatchReason, lang: Lang): string {
  return UNIPASS_TEXT.render(lang, ADVICE[reason] ?? ADVICE.other, {
    update: UNIPASS_TEXT.render(lang, 'adviceUpdate'),
    correct: UNIPASS_TEXT.render(lang, 'adviceCorrect'),
  });
}

/** Warning for a 050 relay number, or undefined when the number is not one. */
export function relayNumberWarning(phone: string, lang: Lang): string | undefined {
  if (!isRelayNumber(phone)) return undefined;
  return UNIPASS_TEXT.render(lang, 'relayWarning');
}

/** How an operator gets a UNI-PASS Open API key. */
export function noKeyHelp(lang: Lang): string {
  return UNIPASS_TEXT.render(lang, 'noKeyHelp');
}
