// The one storage-error boundary: every store the core sees is wrapped here, so a lost
// connection reaches the bot as StorageUnavailable ("temporarily unavailable") and nothing
// of the driver's error (host, query, parameters) leaks further. The scheduler asks
// isConnectionError directly: it keeps what it owes the database instead of failing.
import { StorageUnavailable } from '../core/ports';

const CONNECTION_ERRORS = new RegExp(
  [
    'ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|CONNECT_TIMEOUT|CONNECTION_(CLOSED|ENDED|DESTROYED)',
    'terminating connection|the database system is (starting|shutting) up|too many clients',
    'could not extend file|No space left|disk full|PGlite is closed',
  ].join('|'),
  'i',
);

export function isConnectionError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    const message = (e as { message?: unknown }).message;
    if (typeof code === 'string' && (/^(08|53|57P)/.test(code) || CONNECTION_ERRORS.test(code))) return true;
    if (typeof message === 'string' && CONNECTION_ERRORS.test(message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Every method of `store`, with connection problems turned into StorageUnavailable. */
export function storageBoundary<T extends object>(store: T): T {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (err) {
          throw isConnectionError(err) ? new StorageUnavailable(err) : err;
        }
      };
    },
  });
}
