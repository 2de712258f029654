// Structured logging with pino. Secrets are redacted by what they are, not by a field name
// that also means something harmless elsewhere:
// - every string that reaches the log is scrubbed of anything shaped like a customs code;
// - the named secret fields of the objects we know (form values, UNI-PASS query fields, PINs,
//   phone numbers, tokens) are replaced by "[redacted]" at any depth;
// - an error keeps its class name, driver code (ECONNREFUSED, 23505…) and a message with the
//   query parameters stripped (drizzle puts `params: …` — sealed code, blind index, PIN hash —
//   in its message), never the driver's `detail` (it quotes row values).
import pino, { type Logger as PinoLogger, type DestinationStream } from 'pino';
import { redactCodes } from './core/code';

export type Logger = PinoLogger;

/** Fields that hold a secret wherever they appear. `code` and `name` are not here: see below. */
export const REDACTED_KEYS = [
  'pin',
  'pin2',
  'newPin',
  'newPin2',
  'oldPin',
  'currentPin',
  'phone',
  'postalCode',
  'values',
  'text',
  'args',
  'token',
  'authorization',
  'cookie',
  'password',
  'crkyCn',
  'persEcm',
  'pltxNm',
  'cralTelno',
  'custPsno',
  'pinHash',
  'pinSalt',
  'codeSealed',
  'blindIndex',
];
const SECRET = new Set(REDACTED_KEYS.map((k) => k.toLowerCase()));

/** A `name` field outside an error is a person's name unless it reads like an error/class name. */
const CLASS_NAME = /^[A-Za-z_$][\w$]*(Error|Exception|Unavailable|Abort\w*|Timeout\w*)$/;
/** Driver error codes worth keeping: ECONNREFUSED, CONNECTION_CLOSED, SQLSTATE 23505 / 57P01, HTTP 503… */
const DRIVER_CODE = /^(?:[A-Z][A-Z0-9_]{1,39}|[0-9A-Z]{5}|\d{3})$/;

export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      // Errors are described in formatters.log (describeError); pino's own err serializer would redo it.
      serializers: { err: (e: unknown) => e },
      hooks: {
        // Scrub code-shaped substrings (and query parameters) from the message and string args.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? cleanText(a) : a));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      formatters: {
        log(obj) {
          return scrubObject(obj) as Record<string, unknown>;
        },
      },
    },
    opts.destination,
  );
}

/** Drops a query's parameters (drizzle: "Failed query: …\nparams: …") and masks codes. */
export function cleanText(s: string): string {
  return redactCodes(s.replace(/\bparams:[\s\S]*$/i, 'params: [redacted]'));
}

export function describeError(e: Error, depth = 0): Record<string, unknown> {
  const code = (e as { code?: unknown }).code;
  const message = cleanText(String(e.message ?? ''));
  const type = e.constructor?.name && e.constructor.name !== 'Object' ? e.constructor.name : e.name;
  const out: Record<string, unknown> = {
    type: CLASS_NAME.test(type) || /^[A-Z]\w*$/.test(type) ? type : 'Error',
    message,
  };
  if (e.name && e.name !== type && CLASS_NAME.test(e.name)) out.name = e.name;
  if (typeof code === 'string' && DRIVER_CODE.test(code)) out.code = code;
  else if (typeof code === 'number' && Number.isInteger(code) && code < 100000) out.code = code;
  if (e.stack) {
    // The stack's first lines repeat the message (with the parameters): keep the frames only.
    const frames = e.stack.split('\n').filter((l) => /^\s+at /.test(l));
    out.stack = redactCodes([`${out.type}: ${message.split('\n')[0]}`, ...frames].join('\n'));
  }
  const cause = (e as { cause?: unknown }).cause;
  if (cause instanceof Error && depth < 3) out.cause = describeError(cause, depth + 1);
  return out;
}

function scrubObject(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return cleanText(value);
  if (value instanceof Error) return describeError(value);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `[${value.length} bytes]`;
  if (Array.isArray(value)) return value.map((v) => scrubObject(v, depth + 1));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET.has(k.toLowerCase()) && v !== undefined && v !== null) out[k] = '[redacted]';
      else if (k === 'name' && typeof v === 'string' && !CLASS_NAME.test(v)) out[k] = '[redacted]';
      // A `code` field is kept only when it reads like an error code; anything else may be typed input.
      else if (k === 'code' && typeof v === 'string' && !DRIVER_CODE.test(v)) out[k] = '[redacted]';
      else out[k] = scrubObject(v, depth + 1);
    }
    return out;
  }
  return value;
}
