// `npm run bench`: every benchmark, one after the other, each in a fresh process so that
// memory figures (peak RSS) and JIT state belong to that benchmark alone.
// Sections: knowledge matcher, start-up, Slack acks, Discord interactions, reminder dispatch.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Bench = () => Promise<Record<string, number | string>>;

const sections: [string, string, string][] = [
  ['knowledge matcher', './knowledge', 'benchKnowledge'],
  ['start-up', './startup', 'benchStartup'],
  ['slack', './slack', 'benchSlack'],
  ['discord', './discord', 'benchDiscord'],
  ['reminders', './reminders', 'benchReminders'],
  ['fuzz', './fuzz', 'benchFuzz'],
];

async function runSection(title: string): Promise<number> {
  const [, file, fn] = sections.find(([t]) => t === title)!;
  try {
    const mod = (await import(file)) as Record<string, Bench>;
    const result = await mod[fn]!();
    for (const [k, v] of Object.entries(result)) process.stdout.write(`  ${k}: ${v}\n`);
    return 0;
  } catch (err) {
    process.stdout.write(`  FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

const args = process.argv.slice(2);
if (args[0] === '--section') {
  process.exit(await runSection(args.slice(1).join(' ')));
}

let failed = 0;
for (const [title, file] of sections) {
  if (args.length && !args.some((o) => title.includes(o))) continue;
  if (!existsSync(new URL(`${file}.ts`, import.meta.url))) {
    process.stdout.write(`\n## ${title}: not present\n`);
    continue;
  }
  process.stdout.write(`\n## ${title}\n`);
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--section', title], {
    stdio: 'inherit',
  });
  if (child.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
