/**
 * A fake UNI-PASS over real HTTP on 127.0.0.1 (random port). It answers API028 and
 * API001 with the documented XML from a small in-memory registry, and can be
 * switched into failure scenarios. Every request is recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  billionLaughsXml,
  cargoXml,
  ERR,
  externalEntityXml,
  NOTICE_BAD_KEY,
  NOTICE_MISSING_KEY,
  NOTICE_SEVERAL,
  verifyXml,
  type StepXml,
} from './xml';

export interface FakeCode {
  code: string;
  name: string;
  phone: string;
  postalCode?: string;
  status?: 'active' | 'expired' | 'suspended';
}

export interface FakeCargo {
  cargMtNo: string;
  hblNo?: string;
  mblNo?: string;
  blYy?: number;
  csclPrgsStts?: string;
  prgsStts?: string;
  prnm?: string;
  etprDt?: string;
  /** Newest first. */
  steps: StepXml[];
}

export type Scenario =
  | { kind: 'normal' }
  /** Wait before answering (longer than the client's timeout to test it). */
  | { kind: 'slow'; delayMs: number }
  /** The first `times` requests get this HTTP status; later ones are answered normally. */
  | { kind: 'status'; status: number; times: number }
  /** The first `times` requests have their connection destroyed without an answer. */
  | { kind: 'reset'; times: number }
  /** Answer as if the key parameter never arrived. */
  | { kind: 'missingKey' }
  | { kind: 'malformed' }
  | { kind: 'billionLaughs' }
  | { kind: 'externalEntity' }
  /** A body of `bytes` bytes, streamed; with `declareLength` a Content-Length header too. */
  | { kind: 'huge'; bytes: number; declareLength?: boolean }
  /** Headers at once, then the body one small piece every `intervalMs` (a slow-drip server). */
  | { kind: 'trickle'; intervalMs: number; pieces: number }
  /** Any body, as is. */
  | { kind: 'raw'; body: string; status?: number };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The raw request target including the query string. */
  rawUrl: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface FakeUnipass {
  /** Base URL to hand to the client, e.g. http://127.0.0.1:1234/ext/rest */
  baseUrl: string;
  verifyKey: string;
  cargoKey: string;
  requests: RecordedRequest[];
  codes: FakeCode[];
  cargo: FakeCargo[];
  setScenario(s: Scenario): void;
  /** Bytes of the last huge body actually written before the client went away. */
  hugeBytesSent(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeUnipass(
  init: { codes?: FakeCode[]; cargo?: FakeCargo[]; verifyKey?: string; cargoKey?: string } = {},
): Promise<FakeUnipass> {
  const verifyKey = init.verifyKey ?? 'VERIFY-KEY-abc123';
  const cargoKey = init.cargoKey ?? 'CARGO-KEY-def456';
  const codes = init.codes ?? [];
  const cargo = init.cargo ?? [];
  const requests: RecordedRequest[] = [];
  let scenario: Scenario = { kind: 'normal' };
  let served = 0;
  let hugeSent = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  function answerVerify(q: Record<string, string>): string {
    const key = scenario.kind === 'missingKey' ? '' : (q.crkyCn ?? '');
    if (!key) return verifyXml({ tCnt: -1, ntceInfo: NOTICE_MISSING_KEY });
    if (key !== verifyKey) return verifyXml({ tCnt: -1, ntceInfo: NOTICE_BAD_KEY });
    const rec = codes.find((c) => c.code === q.persEcm);
    if (!rec) return verifyXml({ tCnt: 0, errors: [ERR.noSuchCode] });
    const errors: string[] = [];
    if (rec.status === 'expired') errors.push(ERR.expired);
    if (rec.status === 'suspended') errors.push(ERR.notInUse);
    if (rec.name !== q.pltxNm) errors.push(ERR.name);
    if (rec.phone !== q.cralTelno) errors.push(ERR.phone);
    if (q.custPsno !== undefined && rec.postalCode !== undefined && rec.postalCode !== q.custPsno)
      errors.push(ERR.postalCode);
    return errors.length === 0 ? verifyXml({ tCnt: 1 }) : verifyXml({ tCnt: 0, errors });
  }

  function answerCargo(q: Record<string, string>): string {
    const key = scenario.kind === 'missingKey' ? '' : (q.crkyCn ?? '');
    if (!key) return cargoXml({ tCnt: -1, ntceInfo: NOTICE_MISSING_KEY });
    if (key !== cargoKey) return cargoXml({ tCnt: -1, ntceInfo: NOTICE_BAD_KEY });
    let hits: FakeCargo[];
    if (q.cargMtNo) hits = cargo.filter((c) => c.cargMtNo === q.cargMtNo);
    else if (q.hblNo) hits = cargo.filter((c) => c.hblNo === q.hblNo && String(c.blYy) === q.blYy);
    else if (q.mblNo) hits = cargo.filter((c) => c.mblNo === q.mblNo && String(c.blYy) === q.blYy);
    else return cargoXml({ tCnt: -1, ntceInfo: '조회 조건을 입력하십시오.' });
    if (hits.length === 0) return cargoXml({ tCnt: 0 });
    const summary = (c: FakeCargo) => ({
      cargMtNo: c.cargMtNo,
      hblNo: c.hblNo,
      mblNo: c.mblNo,
      csclPrgsStts: c.csclPrgsStts,
      prgsStts: c.prgsStts,
      prnm: c.prnm,
      etprDt: c.etprDt,
    });
    if (hits.length > 1) return cargoXml({ tCnt: hits.length, ntceInfo: NOTICE_SEVERAL, summaries: hits.map(summary) });
    return cargoXml({ tCnt: 1, summaries: [summary(hits[0]!)], steps: hits[0]!.steps });
  }

  function send(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, {
      'content-type': 'application/xml; charset=UTF-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  }

  function streamHuge(res: ServerResponse, bytes: number, declareLength: boolean): void {
    hugeSent = 0;
    const headers: Record<string, string | number> = { 'content-type': 'application/xml; charset=UTF-8' };
    if (declareLength) headers['content-length'] = bytes;
    res.writeHead(200, headers);
    const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><persEcmQryRtnVo><tCnt>1</tCnt>');
    const chunk = Buffer.from(`<ntceInfo>${'x'.repeat(64 * 1024 - 21)}</ntceInfo>`);
    let left = bytes;
    const write = (): void => {
      while (left > 0 && !res.destroyed) {
        const piece = hugeSent === 0 ? head : left < chunk.length ? chunk.subarray(0, left) : chunk;
        left -= piece.length;
        hugeSent += piece.length;
        if (!res.write(piece)) {
          res.once('drain', write);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    write();
  }

  function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const u = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(u.searchParams.entries());
    requests.push({
      method: req.method ?? '',
      path: u.pathname,
      query,
      rawUrl: req.url ?? '',
      headers: { ...req.headers },
      body,
    });
    const n = ++served;
    const s = scenario;
    if (s.kind === 'reset' && n <= s.times) {
      req.socket.destroy();
      return;
    }
    if (s.kind === 'status' && n <= s.times) return send(res, s.status, `<html>${s.status}</html>`);
    if (s.kind === 'malformed') return send(res, 200, '<persEcmQryRtnVo><tCnt>1</tCnt><ntceInfo>oops</persEcmQryRtnVo');
    if (s.kind === 'billionLaughs') return send(res, 200, billionLaughsXml());
    if (s.kind === 'externalEntity') return send(res, 200, externalEntityXml());
    if (s.kind === 'huge') return streamHuge(res, s.bytes, s.declareLength === true);
    if (s.kind === 'raw') return send(res, s.status ?? 200, s.body);
    if (s.kind === 'trickle') {
      res.writeHead(200, { 'content-type': 'application/xml; charset=UTF-8' });
      res.write('<?xml version="1.0" encoding="UTF-8"?><persEcmQryRtnVo>');
      let left = s.pieces;
      const t = setInterval(() => {
        if (res.destroyed || left-- <= 0) {
          clearInterval(t);
          timers.delete(t);
          if (!res.destroyed) res.end('<tCnt>1</tCnt></persEcmQryRtnVo>');
          return;
        }
        res.write(' ');
      }, s.intervalMs);
      timers.add(t);
      return;
    }

    const answer = (): void => {
      if (u.pathname.endsWith('/persEcmQry/retrievePersEcm')) return send(res, 200, answerVerify(query));
      if (u.pathname.endsWith('/cargCsclPrgsInfoQry/retrieveCargCsclPrgsInfo'))
        return send(res, 200, answerCargo(query));
      send(res, 404, '<html>not found</html>');
    };
    if (s.kind === 'slow') {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!res.destroyed) answer();
      }, s.delayMs);
      timers.add(t);
      return;
    }
    answer();
  }

  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(parts).toString('utf8')));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/ext/rest`,
    verifyKey,
    cargoKey,
    requests,
    codes,
    cargo,
    setScenario(s) {
      scenario = s;
      served = 0;
    },
    hugeBytesSent: () => hugeSent,
    reset() {
      scenario = { kind: 'normal' };
      served = 0;
      hugeSent = 0;
      requests.length = 0;
    },
    close() {
      for (const t of timers) clearTimeout(t); // also clears intervals
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
