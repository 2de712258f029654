// discord.js builds an interaction from the gateway payload without checking it: one with no
// user (neither `user` nor `member.user`), no `data` or no `authorizing_integration_owners`
// throws inside its WebSocket dispatch, an unhandled rejection that ends the process. Such a
// payload is dropped here, before discord.js sees it (found by bench/fuzz.ts). So is one whose
// user id is not a snowflake: it would become a user row no Discord account can own (and a
// NUL in it fails the database query).

import { z } from 'zod';

interface RawPacket {
  t?: string | null;
  d?: unknown;
}

const snowflakeUser = z.object({ id: z.string().regex(/^\d{15,21}$/) });
const interactionShape = z
  .object({
    id: z.string(),
    token: z.string(),
    user: snowflakeUser.nullish(),
    member: z.object({ user: snowflakeUser }).nullish(),
    data: z.object({}).passthrough(),
    entitlements: z.array(z.unknown()),
    authorizing_integration_owners: z.object({}).passthrough(),
  })
  .refine((i) => Boolean(i.user ?? i.member?.user));

/** True when discord.js can build an interaction from this INTERACTION_CREATE payload. */
export function interactionShapeOk(d: unknown): boolean {
  return interactionShape.safeParse(d).success;
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
