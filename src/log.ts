// Structured logging with pino. Secret-bearing fields are redacted by path, and every
// string that reaches the log is scrubbed of anything shaped like a customs code, so a
// mistake elsewhere cannot leak one.
import pino, { type Logger as PinoLogger, type DestinationStream } from 'pino';
import { redactCodes } from './core/code';

export type Logger = PinoLogger;

export const REDACTED_KEYS = ['code', 'pin', 'pin2', 'newPin', 'oldPin', 'name', 'phone', 'postalCode', 'values', 'text', 'args', 'token', 'authorization', 'crkyCn', 'persEcm', 'pltxNm', 'cralTelno', 'custPsno'];

const REDACT_PATHS = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      hooks: {
        // Scrub code-shaped substrings from the message and string args, whatever their field name.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? redactCodes(a) : a));
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

function scrubObject(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return redactCodes(value);
  if (Array.isArray(value)) return value.map((v) => scrubObject(v, depth + 1));
  if (value instanceof Error) {
    return { type: value.name, message: redactCodes(value.message), stack: value.stack ? redactCodes(value.stack) : undefined };
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubObject(v, depth + 1);
    return out;
  }
  return value;
}
