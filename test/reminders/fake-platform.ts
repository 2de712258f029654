// A local fake chat platform over real HTTP on 127.0.0.1: DMs by POST, a per-token budget
// (fixed one-second windows, like a platform's global limit) answered with 429 + retry_after,
// and injectable 5xx / 403 failures. HttpMessenger is the Messenger that calls it.
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryError, type Messenger, type Platform, type Reply } from '../../src/core/types';

export interface FakePlatformOptions {
  /** Requests per second per token; undefined = unlimited. */
  limitPerSecond?: number;
}

export class FakePlatform {
  readonly received: { token: string; user: string; text: string; at: number }[] = [];
  stats = { ok: 0, tooMany: 0, failed: 0 };
  /** Statuses to answer with before succeeding (e.g. [503, 429]). */
  readonly failures: number[] = [];
  /** Users whose DMs are closed (403). */
  readonly closed = new Set<string>();
  record = true;
  private windows = new Map<string, { second: number; count: number }>();
  private server?: Server;
  url = '';

  constructor(private readonly opts: FakePlatformOptions = {}) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const [, , token = '', user = ''] = (req.url ?? '').split('/');
        const send = (status: number, body: object, headers: Record<string, string> = {}) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(body));
        };
        const injected = this.failures.shift();
        if (injected === 429) {
          this.stats.tooMany += 1;
          return send(
            429,
            { message: 'You are being rate limited.', retry_after: 0.2, global: true },
            { 'retry-after': '0.2' },
          );
        }
        if (injected) {
          this.stats.failed += 1;
          return send(injected, { message: 'upstream trouble' });
        }
        if (this.opts.limitPerSecond) {
          const now = Date.now();
          const second = Math.floor(now / 1000);
          const w = this.windows.get(token);
          if (!w || w.second !== second) this.windows.set(token, { second, count: 1 });
          else if (++w.count > this.opts.limitPerSecond) {
            this.stats.tooMany += 1;
            const retry = (1000 - (now % 1000)) / 1000;
            return send(
              429,
              { message: 'You are being rate limited.', retry_after: retry, global: true },
              { 'retry-after': String(retry) },
            );
          }
        }
        if (this.closed.has(user)) {
          this.stats.failed += 1;
          return send(403, { message: 'Cannot send messages to this user', code: 50007 });
        }
        this.stats.ok += 1;
        if (this.record)
          this.received.push({
            token,
            user,
            text: JSON.parse(Buffer.concat(chunks).toString() || '{}').text ?? '',
            at: Date.now(),
          });
        send(200, { id: String(this.stats.ok) });
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }
}

/** A Messenger that DMs through the fake platform, mapping its answers onto DeliveryError kinds. */
export class HttpMessenger implements Messenger {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  constructor(
    private readonly base: string,
    private readonly token: string,
    readonly platform: Platform = 'discord',
  ) {}

  async sendDirect(userId: string, reply: Reply): Promise<{ ref: string }> {
    const { status, body } = await this.post(
      `/dm/${this.token}/${encodeURIComponent(userId)}`,
      JSON.stringify({ text: reply.text }),
    );
    if (status === 200) return { ref: String((JSON.parse(body) as { id: string }).id) };
    if (status === 429) {
      const after = Number((JSON.parse(body) as { retry_after?: number }).retry_after ?? 1);
      throw new DeliveryError('rate limited', 'rate_limited', Math.ceil(after * 1000));
    }
    if (status === 403 || status === 404) throw new DeliveryError('cannot DM user', 'permanent');
    throw new DeliveryError(`platform answered ${status}`, 'transient');
  }

  async deleteDirect(): Promise<void> {}

  close(): void {
    this.agent.destroy();
  }

  private post(path: string, data: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const url = new URL(path, this.base);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        },
      );
      req.on('error', (err) => reject(new DeliveryError(`network: ${err.message}`, 'transient')));
      req.end(data);
    });
  }
}

/** Records every DM; optional per-user behaviour (throw, hang). */
export class RecordingMessenger implements Messenger {
  readonly sent: { userId: string; reply: Reply }[] = [];
  behaviour: (userId: string) => 'ok' | 'hang' | Error = () => 'ok';
  constructor(readonly platform: Platform = 'terminal') {}
  async sendDirect(userId: string, reply: Reply): Promise<{ ref: string }> {
    const b = this.behaviour(userId);
    if (b === 'hang') return new Promise(() => undefined);
    if (b instanceof Error) throw b;
    this.sent.push({ userId, reply });
    return { ref: `dm-${this.sent.length}` };
  }
  async deleteDirect(): Promise<void> {}
}
