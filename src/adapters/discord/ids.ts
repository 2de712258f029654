// custom_id encoding for buttons and modals. Discord caps custom_id at 100 characters;
// anything longer is kept with the pending forms (forms.ts) and referenced by key.

const BUTTON = 'pccc:a|';
const MODAL = 'pccc:f|';
const PENDING = 'pccc:s|';
export const CUSTOM_ID_MAX = 100;

export type DecodedId =
  | { kind: 'action'; actionId: string; value?: string }
  | { kind: 'form'; formId: string }
  | { kind: 'pending'; key: string }
  | { kind: 'unknown' };

/** `pccc:a|<actionId>|<value>`; undefined when it does not fit. */
export function buttonId(actionId: string, value?: string): string | undefined {
  const id = `${BUTTON}${encodeURIComponent(actionId)}${value === undefined ? '' : `|${value}`}`;
  return id.length <= CUSTOM_ID_MAX ? id : undefined;
}

export function modalId(formId: string): string {
  const id = `${MODAL}${formId}`;
  if (id.length > CUSTOM_ID_MAX)
    throw new Error(`form id is too long for a Discord custom_id (${id.length} > ${CUSTOM_ID_MAX})`);
  return id;
}

/** A button whose meaning is kept in the pending forms (a form to open, or a long value). */
export function pendingId(key: string): string {
  return `${PENDING}${key}`;
}

export function decodeId(customId: string): DecodedId {
  if (customId.startsWith(BUTTON)) {
    const rest = customId.slice(BUTTON.length);
    const bar = rest.indexOf('|');
    const raw = bar < 0 ? rest : rest.slice(0, bar);
    let actionId: string;
    try {
      actionId = decodeURIComponent(raw);
    } catch {
      return { kind: 'unknown' };
    }
    return bar < 0 ? { kind: 'action', actionId } : { kind: 'action', actionId, value: rest.slice(bar + 1) };
  }
  if (customId.startsWith(MODAL)) return { kind: 'form', formId: customId.slice(MODAL.length) };
  if (customId.startsWith(PENDING)) return { kind: 'pending', key: customId.slice(PENDING.length) };
  return { kind: 'unknown' };
}
