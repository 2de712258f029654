// Gateway interactions that would make discord.js throw inside its dispatch are dropped first.
import { describe, expect, it } from 'vitest';
import { dropMalformed, interactionShapeOk } from '../../../src/adapters/discord/guard';

const ok = {
  id: '1',
  token: 't',
  user: { id: '123456789012345678' },
  data: { name: 'pccc' },
  entitlements: [],
  authorizing_integration_owners: { '1': '123456789012345678' },
};

describe('the Discord interaction guard', () => {
  it('lets a well-formed interaction through, from a DM (user) or a server (member.user)', () => {
    expect(interactionShapeOk(ok)).toBe(true);
    const { user, ...rest } = ok;
    expect(interactionShapeOk({ ...rest, member: { user } })).toBe(true);
  });

  it.each([
    ['no user at all', { ...ok, user: undefined }],
    ['a member without a user', { ...ok, user: undefined, member: {} }],
    ['a user id that is not a snowflake', { ...ok, user: { id: 'U\u0000x' } }],
    ['no data', { ...ok, data: undefined }],
    ['no integration owners', { ...ok, authorizing_integration_owners: null }],
    ['entitlements that are not a list', { ...ok, entitlements: 'x' }],
  ])('drops one with %s, renaming its packet type so no handler runs', (_why, d) => {
    expect(interactionShapeOk(d)).toBe(false);
    const packet = { t: 'INTERACTION_CREATE', d };
    let dropped = 0;
    dropMalformed(packet, () => dropped++);
    expect(packet.t).toBe('INTERACTION_CREATE_MALFORMED');
    expect(dropped).toBe(1);
  });

  it('leaves other packets alone', () => {
    const packet = { t: 'MESSAGE_CREATE', d: null };
    dropMalformed(packet, () => {
      throw new Error('not an interaction');
    });
    expect(packet.t).toBe('MESSAGE_CREATE');
  });
});
