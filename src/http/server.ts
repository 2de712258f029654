// One small HTTP server for the whole process: the operational endpoints (/healthz, /readyz,
// /metrics), Slack's events in HTTP mode, and whatever routes other features add. A route is
// `(req, res) => Promise<boolean>`: true when it answered. Routes run in the order added; a
// request nobody answers gets a plain 404 (never a stack). Listening errors become one line
// that names the variable to change.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export interface HttpLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** A start-up problem a person fixes by changing one variable; main.ts prints only the message. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

export function listenError(
  err: NodeJS.ErrnoException,
  port: number,
  host: string | undefined,
  variable: string,
): Error {
  const where = `${host ?? 'all interfaces'} port ${port}`;
  if (err.code === 'EADDRINUSE')
    return new StartupError(`${variable}=${port} is already in use (${where}); set ${variable} to a free port.`);
  if (err.code === 'EACCES')
    return new StartupError(
      `${variable}=${port} needs privileges to listen on (${where}); set ${variable} to a port above 1023.`,
    );
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN')
    return new StartupError(
      `HOST=${host} is not an address of this machine; set HOST to one (e.g. 0.0.0.0 or 127.0.0.1).`,
    );
  return new StartupError(`could not listen on ${where} (${err.code ?? 'error'}); check ${variable} and HOST.`);
}

export class HttpServer {
  private readonly routes: Route[] = [];
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private closing = false;

  constructor(
    private readonly log?: HttpLog,
    routes: Route[] = [],
  ) {
    this.routes.push(...routes);
  }

  /** Adds routes after the ones already there (the operational endpoints come first). */
  addRoutes(...routes: Route[]): void {
    this.routes.push(...routes);
  }

  /** The request listener (usable without listen(), e.g. in tests). */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    void this.dispatch(req, res);
  };

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      for (const route of this.routes) {
        if (await route(req, res)) return;
      }
      sendText(res, 404, 'not found');
    } catch (err) {
      this.log?.warn({ err: err instanceof Error ? err.name : 'error' }, 'http: a route failed');
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    }
  }

  get listening(): boolean {
    return Boolean(this.server?.listening);
  }

  /** Listens; `variable` names the setting a person changes when the port is taken. */
  async listen(port: number, host: string | undefined, variable: string): Promise<{ port: number; url: string }> {
    const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
      if (this.closing) res.setHeader('connection', 'close');
      this.handle(req, res);
    });
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => reject(listenError(err, port, host, variable));
      server.once('error', onError);
      server.listen({ port, ...(host ? { host } : {}) }, () => {
        server.off('error', onError);
        resolve();
      });
    });
    server.on('error', (err) => this.log?.warn({ err: err.name }, 'http: server error'));
    this.server = server;
    const address = server.address() as AddressInfo;
    const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.log?.info({ port: address.port, variable }, 'http: listening');
    return {
      port: address.port,
      url: `http://${shown === '[::]' ? '127.0.0.1' : shown === '0.0.0.0' ? '127.0.0.1' : shown}:${address.port}`,
    };
  }

  /** Stops accepting connections; requests in progress finish (up to `graceMs`), idle keep-alives close. */
  async close(graceMs = 5_000): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.closing = true;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    await closed;
    clearTimeout(timer);
  }
}

export function sendText(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, JSON.stringify(body), 'application/json');
}

export function pathOf(req: IncomingMessage): string {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  return q === -1 ? raw : raw.slice(0, q);
}
