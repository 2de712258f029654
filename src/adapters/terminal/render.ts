// Plain-text rendering of the core's replies for a terminal.
import type { Reply } from '../../core/types';

export function renderReply(reply: Reply, buttonOffset = 0): string {
  const lines: string[] = [];
  if (reply.sensitive) lines.push('📩 [DM]');
  if (reply.title && !reply.text.startsWith(reply.title)) lines.push(`== ${reply.title} ==`);
  lines.push(reply.text);
  const inText = new Set(reply.fields?.map((f) => `• ${f.label}: ${f.value}`));
  if (reply.fields?.length && ![...inText].every((l) => reply.text.includes(l))) {
    for (const f of reply.fields) lines.push(`  ${f.label}: ${f.value}`);
  }
  for (const l of reply.links ?? []) if (!reply.text.includes(l.url)) lines.push(`  ↗ ${l.label}: ${l.url}`);
  if (reply.buttons?.length) {
    lines.push(reply.buttons.map((b, i) => `[${i + 1 + buttonOffset}] ${b.label}`).join('   '));
  }
  return lines.join('\n');
}
