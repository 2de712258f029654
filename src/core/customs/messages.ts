// Replies about parcels: one step in a line, the DM at a new step, the list.
import { formatDateTime } from '../i18n';
import type { Button, Lang, Reply } from '../types';
import type { CustomsRules, ParcelProgress, ParcelRecord, ParcelStep } from './port';
import { tx } from './text';

export const ACTION_NOT_MINE = 'customs.notMine';

export function notMineButton(lang: Lang, label: string): Button {
  return { id: ACTION_NOT_MINE, label: tx(lang, 'dmNotMine'), value: label };
}

function when(s: ParcelStep, lang: Lang): string {
  const parts = [s.at ? formatDateTime(s.at, lang) : s.atText, s.place].filter((p): p is string => Boolean(p));
  return parts.length ? ` (${parts.join(', ')})` : '';
}

export function stepLine(s: ParcelStep, lang: Lang): string {
  return `${s.name}${when(s, lang)}`;
}

/** The DM sent when new steps appear: the newest explained, earlier new ones listed. */
export function parcelUpdateReply(
  label: string,
  item: ParcelProgress,
  fresh: ParcelStep[],
  lang: Lang,
  rules: CustomsRules,
): Reply {
  const newest = fresh[fresh.length - 1]!;
  const lines = [tx(lang, 'dmTitle', { label })];
  for (const s of fresh.slice(0, -1)) lines.push(`• ${stepLine(s, lang)}`);
  lines.push(
    tx(lang, 'dmNewStep', { step: newest.name, when: when(newest, lang) }),
    rules.explainStep(newest.name, lang),
  );
  if (item.goods) lines.push(tx(lang, 'dmGoods', { goods: item.goods }));
  if (item.released) lines.push('', tx(lang, 'dmReleasedEnd'));
  return {
    visibility: 'dm',
    title: tx(lang, 'dmTitle', { label }),
    text: lines.join('\n'),
    buttons: [notMineButton(lang, label)],
  };
}

export function expiredReply(p: ParcelRecord, lang: Lang): Reply {
  const text = tx(lang, 'dmExpired', { label: p.label, step: p.lastStep ?? tx(lang, 'parcelNoStep') });
  return {
    visibility: 'dm',
    title: tx(lang, 'dmTitle', { label: p.label }),
    text,
    buttons: [notMineButton(lang, p.label)],
  };
}

const STATE_KEY = {
  active: 'stateActive',
  released: 'stateReleased',
  expired: 'stateExpired',
  paused: 'statePaused',
} as const;

export function parcelListLine(p: ParcelRecord, lang: Lang): { label: string; value: string } {
  const step = p.lastStep
    ? `${p.lastStep}${p.lastStepAt ? ` (${formatDateTime(p.lastStepAt, lang)})` : ''}`
    : tx(lang, 'parcelNoStep');
  const label = p.cargMtNo && p.cargMtNo !== p.label ? `${p.label} · ${p.cargMtNo}` : p.label;
  return { label, value: `${step} — ${tx(lang, STATE_KEY[p.state])}` };
}
