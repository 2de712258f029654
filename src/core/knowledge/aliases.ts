// Slash-command words (`/pccc 발급`, `/pccc renew`) → topic id, from the
// `aliases` and `label` fields of both content files plus the ids themselves.
import { CONTENT } from './content';
import { TOPIC_IDS, type TopicId } from './types';
import { basicNormalize, compactForm } from './normalize';

export function aliasKey(word: string): string {
  return compactForm(basicNormalize(word.replace(/^\/+/, '')));
}

function buildAliasMap(): Map<string, TopicId> {
  const map = new Map<string, TopicId>();
  const add = (word: string, topic: TopicId) => {
    const key = aliasKey(word);
    const existing = map.get(key);
    // First writer wins; the content test reports any alias claimed twice.
    if (key && existing === undefined) map.set(key, topic);
  };
  for (const topic of TOPIC_IDS) add(topic, topic);
  for (const lang of ['ko', 'en'] as const)
    for (const topic of TOPIC_IDS) {
      for (const a of CONTENT[lang].topics[topic].aliases) add(a, topic);
      add(CONTENT[lang].topics[topic].label, topic);
    }
  return map;
}

export const ALIASES: ReadonlyMap<string, TopicId> = buildAliasMap();

export function lookupAlias(word: string): TopicId | undefined {
  if (typeof word !== 'string') return undefined;
  return ALIASES.get(aliasKey(word));
}
