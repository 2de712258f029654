// Attack pass: a reveal whose DM fails for good, asked from the bot's DM. The fallback must stay
// only-you-see-it and out of push previews, and must not outlive the reveal TTL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackHarness, type SeenItem, type SlackHarness } from '../fakes/slack/harness';

const CODE = 'P261122334455';
const PIN = '740528';
const button = (seen: SeenItem[], label: RegExp) => {
  const b = seen.flatMap((s) => s.buttons).find((x) => label.test(x.label));
  if (!b) throw new Error(`no button ${label}`);
  return b;
};
const form = (seen: SeenItem[]) => {
  const f = seen.find((s) => s.form)?.form;
  if (!f) throw new Error('no form');
  return f;
};

describe('slack reveal fallback asked from the bot DM', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('never leaves the code as a lasting DM message with the code in its notification text', async () => {
    const u = h.user('U0SEC0001');
    const consent = await u.command('register', 'dm');
    await u.submit(form((await u.press(button(consent.seen, /agree|동의/))).seen), { code: CODE, pin: PIN, pin2: PIN });
    const show = await u.command('show', 'dm');
    // The form's context without its response_url: what the modal carries when the URL does not
    // fit private_metadata (render.ts encodeFormContext), or when a pending form's sealed URL no
    // longer opens after a key rotation (forms.ts openUrl) — place 'dm', nothing to answer through.
    const handle = JSON.parse(form(show.seen).handle);
    const meta = JSON.parse(handle.view.private_metadata);
    expect(meta.r).toBeTruthy();
    handle.view.private_metadata = JSON.stringify({ ...meta, r: undefined });
    const pinForm = { handle: JSON.stringify(handle) };
    // The DM cannot be sent for good (an admin restriction, a missing scope, …): 'closed'.
    h.fake.failNext('chat.postMessage', 'restricted_action');
    await u.submit(pinForm, { pin: PIN });

    const posts = h.fake.responseUrlPosts.filter((p) => p.raw.includes(CODE));
    // What reached the user (the refused DM attempt does not count).
    const messages = [...h.fake.callsOf('chat.postMessage'), ...h.fake.callsOf('chat.postEphemeral')].filter(
      (c) => String(c.raw).includes(CODE) && (c.response as { ok?: boolean }).ok,
    );
    expect(posts.length + messages.length).toBeGreaterThan(0);
    for (const p of posts) {
      // in_channel in the DM is a normal, lasting message (and it is never deleted).
      expect(p.body.response_type).toBe('ephemeral');
      expect(String(p.body.text)).not.toContain(CODE);
    }
    for (const m of messages) {
      // A chat.postMessage in the DM is not ephemeral: its text is the push preview, and nothing deletes it.
      expect(String(m.args.text)).not.toContain(CODE);
      expect(m.method).toBe('chat.postEphemeral');
    }
  });
});
