// The shared contract suite's driver for Slack: every step goes over the signed HTTP wire into
// the unmodified Bolt app, and what the user "saw" is read back from the fake Slack API.
import type { ContractDriver, Seen } from '../../contract/driver';
import type { DbKind } from '../../helpers/db';
import { startSlackHarness, type SeenItem } from './harness';

const toSeen = (items: SeenItem[]): Seen[] =>
  items.map(({ text, private: isPrivate, buttons, form, formErrors }) => ({
    text,
    private: isPrivate,
    buttons,
    ...(form ? { form } : {}),
    ...(formErrors ? { formErrors } : {}),
  }));

export async function slackDriver(db: DbKind = 'pglite'): Promise<ContractDriver> {
  const h = await startSlackHarness({ db });
  const user = h.user('U0CONTRACT');
  return {
    name: `slack (${db})`,
    command: async (args) => toSeen((await user.command(args)).seen),
    message: async (text) => toSeen((await user.dmMessage(text)).seen),
    press: async (button) => toSeen((await user.press(button)).seen),
    submit: async (form, values) => toSeen((await user.submit(form, values)).seen),
    directMessages() {
      const deleted = new Set(
        h.fake
          .callsOf('chat.delete')
          .filter((c) => (c.response as any)?.ok)
          .map((c) => `${c.args.channel}:${c.args.ts}`),
      );
      return (
        h.fake
          .callsOf('chat.postMessage')
          .filter((c) => String(c.args.channel).startsWith('D') && (c.response as any)?.ok)
          // What the person reads: the notification text and the blocks (a revealed code is only in blocks).
          .map((c) => ({
            text: [String(c.args.text ?? ''), JSON.stringify(c.args.blocks ?? [])].join('\n'),
            deleted: deleted.has(`${c.args.channel}:${(c.response as any).ts}`),
          }))
      );
    },
    async advance(ms) {
      h.clock.advance(ms);
      await h.app.jobs.runDue(h.clock.now());
      await user.settle();
    },
    nonPrivateTraffic: () => [
      ...h.fake.requests
        .filter((c) => !(c.method === 'chat.postMessage' && String(c.args.channel).startsWith('D')))
        .map((c) => `${c.raw}\n${JSON.stringify(c.args)}`),
      ...h.fake.responseUrlPosts.map((p) => p.raw),
    ],
    logs: () => h.app.logs,
    dumpAllTables: () => h.app.dumpAllTables(),
    async close() {
      const problems = [...h.fake.problems];
      await h.close();
      // Every call must have matched @slack/web-api's argument types and Block Kit limits.
      if (problems.length) throw new Error(`fake Slack API saw invalid calls:\n${problems.join('\n')}`);
    },
  };
}
