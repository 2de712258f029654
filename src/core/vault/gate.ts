// Keeps scrypt from starving the process: scrypt runs on libuv's small thread pool, which
// DNS lookups and file work share. At most one PIN operation per user is in flight, at most
// `maxConcurrent` operations hash at once and at most `maxQueued` wait; past that the caller
// is told "busy" at once rather than queued without bound.

export class PinGate {
  private readonly users = new Set<string>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly maxConcurrent = 2,
    readonly maxQueued = 16,
    /** One operation in flight per user (tests of the database's own guarantees turn it off). */
    readonly onePerUser = true,
  ) {}

  /** Claims the user's one slot; undefined when an operation of theirs is already in flight. */
  claimUser(userId: string): (() => void) | undefined {
    if (!this.onePerUser) return () => {};
    if (this.users.has(userId)) return undefined;
    this.users.add(userId);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users.delete(userId);
    };
  }

  /** Waits for a hashing slot; undefined (busy) when the wait queue is full. */
  async acquire(): Promise<(() => void) | undefined> {
    if (this.running >= this.maxConcurrent) {
      if (this.waiting.length >= this.maxQueued) return undefined;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }
}
