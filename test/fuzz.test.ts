// The small-N version of `npm run fuzz` (bench/fuzz.ts): same generators and checks, seeded.
import { describe, expect, it } from 'vitest';
import { runFuzz } from '../bench/fuzz';

describe('fuzz (small N)', () => {
  it('no crashes, unhandled rejections, invalid rows or echoed codes', async () => {
    const results = await runFuzz({
      runs: 2000,
      botRuns: 300,
      platformRuns: 300,
      only: [
        'code parsing',
        'b/l and name input',
        'uni-pass xml answers',
        'reminder grammar',
        'command text through the bot',
        'vault/customs form fields',
        'buttons (action values)',
        'discord payload shapes',
        'slack payload shapes',
      ],
    });
    expect(results.map((r) => r.target)).toContain('Discord payload shapes');
    expect(results.map((r) => r.target)).toContain('Slack payload shapes');
    expect(results.map((r) => r.target)).toContain('reminder grammar');
    for (const r of results)
      expect({
        target: r.target,
        crashes: r.crashes,
        unhandledRejections: r.unhandledRejections,
        invalidRows: r.invalidRows,
        codesEchoed: r.codesEchoed,
      }).toEqual({ target: r.target, crashes: 0, unhandledRejections: 0, invalidRows: 0, codesEchoed: 0 });
  }, 600_000);
});
