// Bolt and the Web API client log through the app's redacting pino logger. Their debug output
// includes request bodies (message text, modal values), so debug lines are dropped — a
// DEBUG log level must never turn into a secret leak.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log';

const text = (msg: unknown[]) =>
  msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : safeJson(m))).join(' ');
function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 500) ?? String(v);
  } catch {
    return String(v);
  }
}

export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack' });
  let level: LogLevel = LogLevel.INFO;
  return {
    debug: () => {},
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error(text(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
