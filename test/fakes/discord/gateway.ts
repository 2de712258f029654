// A local fake of Discord's gateway (WebSocket, JSON encoding): HELLO, IDENTIFY → READY,
// heartbeats/ACK, dispatches with sequence numbers, RESUME with replay, and op 7 to force
// a reconnect. Sessions outlive sockets so a resumed client gets what it missed.
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';

export interface Session {
  id: string;
  shard: [number, number];
  intents: number;
  seq: number;
  socket?: WebSocket;
  /** Every dispatch sent in this session, for replay on RESUME. */
  sent: { s: number; t: string; d: unknown }[];
}

export interface FakeGatewayOptions {
  token: string;
  applicationId: string;
  heartbeatIntervalMs?: number;
}

export class FakeGateway extends EventEmitter {
  readonly sessions = new Map<string, Session>();
  readonly identifies: { shard: [number, number]; intents: number }[] = [];
  readonly resumes: { sessionId: string; seq: number; replayed: number }[] = [];
  readonly heartbeats: number[] = [];
  /** performance.now() when each dispatch left, by dispatch key (interaction/message id). */
  readonly dispatchedAt = new Map<string, number>();
  url = '';

  private constructor(
    private readonly wss: WebSocketServer,
    private readonly opts: FakeGatewayOptions,
  ) {
    super();
    this.setMaxListeners(0);
    wss.on('connection', (ws) => this.onConnection(ws));
  }

  static async start(opts: FakeGatewayOptions): Promise<FakeGateway> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const g = new FakeGateway(wss, opts);
    g.url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    return g;
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** The live session for a shard id. */
  session(shardId: number): Session | undefined {
    return [...this.sessions.values()].find((s) => s.shard[0] === shardId && s.socket);
  }

  /** Resolves once `count` shards are identified and connected. */
  async waitForShards(count: number, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ([...this.sessions.values()].filter((s) => s.socket).length < count) {
      if (Date.now() > deadline) throw new Error(`fake gateway: ${count} shard(s) did not connect`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  dispatch(shardId: number, t: string, d: { id?: string } & Record<string, unknown>): void {
    const s = this.session(shardId);
    if (!s) throw new Error(`fake gateway: no connected session for shard ${shardId}`);
    const seq = ++s.seq;
    s.sent.push({ s: seq, t, d });
    if (d.id) this.dispatchedAt.set(d.id, performance.now());
    s.socket!.send(JSON.stringify({ op: 0, s: seq, t, d }));
  }

  /** Sends op 7 (Reconnect): the client must close and RESUME. */
  forceReconnect(shardId: number): void {
    const s = this.session(shardId);
    if (!s) throw new Error(`fake gateway: no connected session for shard ${shardId}`);
    s.socket!.send(JSON.stringify({ op: 7, d: null }));
  }

  /** Queues a dispatch while the shard is disconnected (delivered by RESUME replay). */
  dispatchWhileAway(sessionId: string, t: string, d: { id?: string } & Record<string, unknown>): void {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error('fake gateway: unknown session');
    s.sent.push({ s: ++s.seq, t, d });
  }

  private onConnection(ws: WebSocket): void {
    let session: Session | undefined;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.opts.heartbeatIntervalMs ?? 41_250 } }));
    ws.on('message', (data) => {
      let msg: { op: number; d: any };
      try {
        msg = JSON.parse(String(data));
      } catch {
        return ws.close(4002, 'Decode error');
      }
      switch (msg.op) {
        case 1:
          this.heartbeats.push(Date.now());
          ws.send(JSON.stringify({ op: 11 }));
          return;
        case 2: {
          if (msg.d?.token !== this.opts.token && msg.d?.token !== `Bot ${this.opts.token}`)
            return ws.close(4004, 'Authentication failed');
          const shard = (msg.d.shard ?? [0, 1]) as [number, number];
          this.identifies.push({ shard, intents: msg.d.intents });
          session = {
            id: randomBytes(16).toString('hex'),
            shard,
            intents: msg.d.intents,
            seq: 0,
            socket: ws,
            sent: [],
          };
          this.sessions.set(session.id, session);
          const ready = {
            v: 10,
            user: {
              id: this.opts.applicationId,
              username: 'pccc-bot',
              discriminator: '0000',
              global_name: null,
              avatar: null,
              bot: true,
              flags: 0,
            },
            guilds: [],
            session_id: session.id,
            resume_gateway_url: this.url,
            shard,
            application: { id: this.opts.applicationId, flags: 0 },
          };
          session.sent.push({ s: ++session.seq, t: 'READY', d: ready });
          ws.send(JSON.stringify({ op: 0, s: session.seq, t: 'READY', d: ready }));
          this.emit('ready', session);
          return;
        }
        case 6: {
          const s = this.sessions.get(msg.d?.session_id);
          if (!s || msg.d?.token?.replace(/^Bot /, '') !== this.opts.token) {
            ws.send(JSON.stringify({ op: 9, d: false }));
            return;
          }
          session = s;
          s.socket = ws;
          const missed = s.sent.filter((e) => e.s > Number(msg.d.seq));
          for (const e of missed) ws.send(JSON.stringify({ op: 0, s: e.s, t: e.t, d: e.d }));
          ws.send(JSON.stringify({ op: 0, s: ++s.seq, t: 'RESUMED', d: {} }));
          this.resumes.push({ sessionId: s.id, seq: Number(msg.d.seq), replayed: missed.length });
          this.emit('resumed', s);
          return;
        }
        default:
          return;
      }
    });
    ws.on('close', () => {
      if (session && session.socket === ws) session.socket = undefined;
    });
  }
}
