// The last line of defence: every outbound text — message text, title, fields, button
// labels and values, links, form (modal) texts and defaults — is scrubbed of anything
// shaped like a customs code. Only a `sensitive` reply (the reveal DM) keeps its text.
import { redactCodes } from './code';
import type { Button, Form, Link, Reply } from './types';

const buttons = (bs: Button[] | undefined) =>
  bs?.map((b) => ({
    ...b,
    label: redactCodes(b.label),
    ...(b.value !== undefined ? { value: redactCodes(b.value) } : {}),
  }));
const links = (ls: Link[] | undefined) => ls?.map((l) => ({ label: redactCodes(l.label), url: redactCodes(l.url) }));

function form(f: Form | undefined): Form | undefined {
  if (!f) return f;
  return {
    ...f,
    title: redactCodes(f.title),
    submitLabel: redactCodes(f.submitLabel),
    ...(f.intro !== undefined ? { intro: redactCodes(f.intro) } : {}),
    fields: f.fields.map((x) => ({
      ...x,
      label: redactCodes(x.label),
      ...(x.placeholder !== undefined ? { placeholder: redactCodes(x.placeholder) } : {}),
      ...(x.hint !== undefined ? { hint: redactCodes(x.hint) } : {}),
    })),
  };
}

export function scrubReply(r: Reply): Reply {
  // The reveal: its text is the point; everything else around it is still scrubbed.
  const text = r.sensitive ? r.text : redactCodes(r.text);
  const out: Reply = { ...r, text };
  if (r.title !== undefined) out.title = redactCodes(r.title);
  if (r.fields) out.fields = r.fields.map((f) => ({ label: redactCodes(f.label), value: redactCodes(f.value) }));
  if (r.links) out.links = links(r.links);
  if (r.buttons) out.buttons = buttons(r.buttons);
  if (r.form) out.form = form(r.form);
  return out;
}

/** The same for a message that is not (yet) a Reply (reminders). */
export function scrubMessage<T extends { title: string; text: string; buttons: Button[]; links: Link[] }>(m: T): T {
  return {
    ...m,
    title: redactCodes(m.title),
    text: redactCodes(m.text),
    buttons: buttons(m.buttons)!,
    links: links(m.links)!,
  };
}
