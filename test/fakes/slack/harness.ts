// A real app (real database) + the real Slack adapter on 127.0.0.1 + the fake Slack API, and a
// scripted Slack user who acts over the signed wire and reads back what Slack would show them.
import type { Inbound, Outcome } from '../../../src/core/types';
import { startSlack, type SlackAdapter, type SlackHost, type SlackOptions } from '../../../src/adapters/slack';
import { createTestApp, ManualClock, type TestApp } from '../../helpers/app';
import type { DbKind } from '../../helpers/db';
import { FAKE_BOT_TOKEN, startFakeSlackApi, type ApiCall, type FakeSlackApi } from './api';
import {
  appHomeOpened,
  blockActions,
  eventEnvelope,
  messageEvent,
  messageTs,
  slashCommand,
  viewSubmission,
  type ButtonSource,
} from './payloads';
import { FAKE_SIGNING_SECRET, SlackWire, type WireResponse } from './wire';
import type { TestWorkerHostData } from './worker-host';

export interface HarnessOptions {
  db?: DbKind;
  clock?: ManualClock;
  /** Wraps the core's handle (latency injection, spying). */
  wrapHandle?: (handle: (e: Inbound) => Promise<Outcome>) => (e: Inbound) => Promise<Outcome>;
  /** Adapter options; a function gets the fake API and the app (e.g. for SLACK_WORKER's worker data). */
  slack?: SlackOptions | ((fake: FakeSlackApi, app: TestApp) => SlackOptions);
  /** Replaces parts of the host the adapter sees (e.g. health). */
  hostOverrides?: Partial<SlackHost>;
  env?: Record<string, string>;
}

export interface SlackHarness {
  app: TestApp;
  fake: FakeSlackApi;
  adapter: SlackAdapter;
  wire: SlackWire;
  clock: ManualClock;
  user(id?: string): SlackUser;
  close(): Promise<void>;
}

/**
 * The harness in SLACK_WORKER mode on PostgreSQL: the core runs on a worker thread loaded from
 * `hostModule` (a module exporting createSlackWorkerHost, like ./worker-host.ts), with its own
 * app on the harness's database and the fake Slack API.
 */
export function startWorkerHarness(hostModule: URL, opts: Omit<HarnessOptions, 'db' | 'slack'> = {}) {
  return startSlackHarness({
    ...opts,
    db: 'postgres',
    slack: (fake, app) => ({
      worker: {
        hostModule: hostModule.href,
        data: { databaseUrl: app.config.databaseUrl!, apiUrl: fake.url } satisfies TestWorkerHostData,
      },
    }),
  });
}

export async function startSlackHarness(opts: HarnessOptions = {}): Promise<SlackHarness> {
  const fake = await startFakeSlackApi();
  const clock = opts.clock ?? new ManualClock();
  const app = await createTestApp({
    db: opts.db,
    clock,
    env: {
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      ...opts.env,
    },
  });
  // Looked up per call so tests can spy on app.bot.handle after start.
  const handle = (e: Inbound) => app.bot.handle(e);
  const host: SlackHost = {
    ...app,
    bot: { handle: opts.wrapHandle ? opts.wrapHandle(handle) : handle },
    ...opts.hostOverrides,
  };
  const extra = typeof opts.slack === 'function' ? opts.slack(fake, app) : opts.slack;
  const adapter = await startSlack(host, { port: 0, host: '127.0.0.1', ...extra });
  const wire = new SlackWire(`${adapter.url}/slack/events`);
  const h: SlackHarness = {
    app,
    fake,
    adapter,
    wire,
    clock,
    user: (id = 'U0USER1') => new SlackUser(h, id),
    async close() {
      await adapter.stop();
      await fake.close();
      await app.close();
    },
  };
  return h;
}

export interface SeenButton {
  handle: string;
  label: string;
}
export interface SeenItem {
  text: string;
  private: boolean;
  buttons: SeenButton[];
  form?: { handle: string };
  formErrors?: string[];
  /** Where it appeared: 'response_url' | a Web API method | 'ack'. */
  via: string;
  threadTs?: string;
  channel?: string;
}

interface ButtonHandle {
  actionId: string;
  value?: string;
  label: string;
  source: ButtonSource;
}
interface FormHandle {
  viewId: string;
  view: Record<string, any>;
}

function blockButtons(blocks: unknown, source: ButtonSource): SeenButton[] {
  if (!Array.isArray(blocks)) return [];
  return blocks
    .filter((b) => b?.type === 'actions')
    .flatMap((b) => b.elements)
    .filter((e: any) => e?.type === 'button')
    .map((e: any) => ({
      label: e.text.text,
      handle: JSON.stringify({
        actionId: e.action_id,
        value: e.value,
        label: e.text.text,
        source,
      } satisfies ButtonHandle),
    }));
}

function viewText(view: Record<string, any>): string {
  return (view.blocks ?? [])
    .map((b: any) => b.text?.text ?? b.label?.text ?? '')
    .filter(Boolean)
    .join('\n');
}

export class SlackUser {
  /** The bot's DM channel with this user, as the fake API names it. */
  readonly dm: string;
  channel = 'C0GENERAL';
  constructor(
    private readonly h: SlackHarness,
    readonly id: string,
  ) {
    this.dm = `D${id.replace(/^U/, '')}`;
  }

  /** Sends a request and waits until the adapter has finished everything it started. */
  async act(send: () => Promise<WireResponse>): Promise<{ response: WireResponse; seen: SeenItem[] }> {
    const from = this.h.fake.requests.length;
    const fromR = this.h.fake.responseUrlPosts.length;
    const response = await send();
    await this.settle();
    return { response, seen: this.collect(from, fromR) };
  }

  async settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await this.h.adapter.idle();
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  collect(from: number, fromR: number): SeenItem[] {
    const items: Array<SeenItem & { seq: number }> = [];
    for (const c of this.h.fake.requests.slice(from)) {
      if (c.status !== 200 || (c.response as { ok?: boolean } | undefined)?.ok !== true) continue; // Slack showed nothing
      const item = this.fromCall(c);
      if (item) items.push({ ...item, seq: c.seq });
    }
    for (const p of this.h.fake.responseUrlPosts.slice(fromR)) {
      const source: ButtonSource = {
        kind: 'message',
        channel: p.body.response_type === 'in_channel' ? this.lastChannel : this.lastChannel,
        ephemeral: p.body.response_type !== 'in_channel',
      };
      items.push({
        seq: p.seq,
        via: 'response_url',
        text: String(p.body.text ?? ''),
        private: p.body.response_type !== 'in_channel' || this.lastChannel.startsWith('D'),
        buttons: blockButtons(p.body.blocks, source),
      });
    }
    return items.sort((a, b) => a.seq - b.seq).map(({ seq: _seq, ...rest }) => rest);
  }

  private lastChannel = this.channel;

  private fromCall(c: ApiCall): SeenItem | undefined {
    const a = c.args as Record<string, any>;
    switch (c.method) {
      case 'chat.postMessage': {
        const channel = String(a.channel);
        const ts = String((c.response as any)?.ts ?? '');
        return {
          via: c.method,
          text: String(a.text ?? ''),
          private: channel.startsWith('D'),
          channel,
          threadTs: a.thread_ts,
          buttons: blockButtons(a.blocks, { kind: 'message', channel, messageTs: ts }),
        };
      }
      case 'chat.postEphemeral':
        return {
          via: c.method,
          text: String(a.text ?? ''),
          private: true,
          channel: String(a.channel),
          threadTs: a.thread_ts,
          buttons: blockButtons(a.blocks, { kind: 'message', channel: String(a.channel), ephemeral: true }),
        };
      case 'views.open':
      case 'views.update': {
        const view = a.view as Record<string, any>;
        const viewId = String((c.response as any)?.view?.id ?? a.view_id);
        const isForm = (view.blocks ?? []).some((b: any) => b.type === 'input');
        return {
          via: c.method,
          text: viewText(view),
          private: true,
          buttons: [],
          ...(isForm ? { form: { handle: JSON.stringify({ viewId, view } satisfies FormHandle) } } : {}),
        };
      }
      case 'views.publish': {
        const view = a.view as Record<string, any>;
        return {
          via: c.method,
          text: viewText(view),
          private: true,
          buttons: blockButtons(view.blocks, { kind: 'home' }),
        };
      }
      default:
        return undefined;
    }
  }

  command(text: string, where: 'channel' | 'dm' = 'channel') {
    const channel = where === 'dm' ? this.dm : this.channel;
    this.lastChannel = channel;
    return this.act(() =>
      this.h.wire.command(slashCommand({ user: this.id, channel, text, responseUrl: this.h.fake.responseUrl() })),
    );
  }

  /** A DM to the bot (message.im). */
  dmMessage(text: string, o: { threadTs?: string; ts?: string; eventId?: string; retryNum?: number } = {}) {
    this.lastChannel = this.dm;
    const event = messageEvent({
      user: this.id,
      channel: this.dm,
      channelType: 'im',
      text,
      ts: o.ts ?? messageTs(),
      threadTs: o.threadTs,
    });
    return this.act(() =>
      this.h.wire.event(eventEnvelope(event, o.eventId), o.retryNum !== undefined ? { retryNum: o.retryNum } : {}),
    );
  }

  channelMessage(text: string, o: { threadTs?: string } = {}) {
    this.lastChannel = this.channel;
    return this.act(() =>
      this.h.wire.event(
        eventEnvelope(
          messageEvent({ user: this.id, channel: this.channel, channelType: 'channel', text, threadTs: o.threadTs }),
        ),
      ),
    );
  }

  openHome() {
    return this.act(() => this.h.wire.event(eventEnvelope(appHomeOpened(this.id))));
  }

  press(button: SeenButton) {
    const b = JSON.parse(button.handle) as ButtonHandle;
    if (b.source.channel) this.lastChannel = b.source.channel;
    const responseUrl = b.source.kind === 'message' ? this.h.fake.responseUrl() : undefined;
    return this.act(() =>
      this.h.wire.interaction(
        blockActions({
          user: this.id,
          actionId: b.actionId,
          value: b.value,
          label: b.label,
          source: b.source,
          responseUrl,
        }),
      ),
    );
  }

  /** Submits a modal; the ack's response_action (errors / update) is part of what is seen. */
  async submit(form: { handle: string }, values: Record<string, string>) {
    const f = JSON.parse(form.handle) as FormHandle;
    const result = await this.act(() =>
      this.h.wire.interaction(viewSubmission({ user: this.id, viewId: f.viewId, view: f.view, values })),
    );
    const ackItems: SeenItem[] = [];
    const body = result.response.body ? result.response.json() : undefined;
    if (body?.response_action === 'errors') {
      ackItems.push({
        via: 'ack',
        text: '',
        private: true,
        buttons: [],
        formErrors: Object.values(body.errors as Record<string, string>),
        form,
      });
    } else if (body?.response_action === 'update') {
      const isForm = (body.view.blocks ?? []).some((b: any) => b.type === 'input');
      ackItems.push({
        via: 'ack',
        text: viewText(body.view),
        private: true,
        buttons: [],
        ...(isForm
          ? { form: { handle: JSON.stringify({ viewId: f.viewId, view: body.view } satisfies FormHandle) } }
          : {}),
      });
    }
    return { response: result.response, seen: [...ackItems, ...result.seen] };
  }
}
