// Reads stdin a line at a time, with hidden input for secrets on a TTY. With piped input
// it simply takes the next line (nothing is echoed) and reports EOF as null.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export interface LineSource {
  next(prompt: string, opts?: { secret?: boolean }): Promise<string | null>;
  close(): void;
}

export function createLineSource(
  input: NodeJS.ReadableStream & { isTTY?: boolean },
  output: NodeJS.WritableStream,
): LineSource {
  const tty = Boolean(input.isTTY);
  let muted = false;
  // On a TTY readline echoes keystrokes through `output`; muting it hides secret input.
  const sink = new Writable({
    write(chunk, _enc, cb) {
      if (!muted) output.write(chunk);
      cb();
    },
  });
  const rl = createInterface({ input, output: tty ? sink : undefined, terminal: tty });
  const queue: string[] = [];
  const waiters: ((line: string | null) => void)[] = [];
  let ended = false;
  rl.on('line', (line) => {
    const w = waiters.shift();
    if (w) w(line);
    else queue.push(line);
  });
  rl.on('close', () => {
    ended = true;
    while (waiters.length) waiters.shift()!(null);
  });

  return {
    async next(prompt, opts = {}) {
      output.write(prompt);
      muted = Boolean(opts.secret && tty);
      const line = queue.length
        ? queue.shift()!
        : ended
          ? null
          : await new Promise<string | null>((r) => waiters.push(r));
      muted = false;
      if (opts.secret || !tty) output.write('\n');
      return line;
    },
    close: () => rl.close(),
  };
}
