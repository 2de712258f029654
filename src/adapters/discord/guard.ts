// discord.js builds an interaction from the gateway payload without checking it: one with no
// user (neither `user` nor `member.user`), no `data` or no `authorizing_integration_owners`
// throws inside its WebSocket dispatch, an unhandled rejection that ends the process. Such a
// payload is dropped here, before discord.js sees it (found by bench/fuzz.ts). So is one whose
// user id is not a snowflake: it would become a user row no Discord account can own (and a
// NUL in it fails the database query).

interface RawPacket {
  t?: string | null;
  d?: unknown;
}

/** True when discord.js can build an interaction from this INTERACTION_CREATE payload. */
export function interactionShapeOk(d: unknown): boolean {
  if (!d || typeof d !== 'object') return false;
  const i = d as Record<string, any>;
  const user = i.user ?? i.member?.user;
  return (
    typeof i.id === 'string' &&
    typeof i.token === 'string' &&
    !!user &&
    typeof user === 'object' &&
    typeof user.id === 'string' &&
    /^\d{15,21}$/.test(user.id) &&
    (i.member === undefined || i.member === null || (typeof i.member === 'object' && !!i.member.user)) &&
    !!i.data &&
    typeof i.data === 'object' &&
    Array.isArray(i.entitlements) &&
    !!i.authorizing_integration_owners &&
    typeof i.authorizing_integration_owners === 'object'
  );
}

/**
 * For the client's `raw` event, which discord.js emits with the same packet object just before
 * handling it: a malformed interaction gets a packet type no handler knows, so it is ignored.
 */
export function dropMalformed(packet: RawPacket, onDrop: () => void): void {
  if (packet?.t === 'INTERACTION_CREATE' && !interactionShapeOk(packet.d)) {
    packet.t = 'INTERACTION_CREATE_MALFORMED';
    onDrop();
  }
}
