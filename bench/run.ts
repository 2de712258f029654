// `npm run bench`: every benchmark, one after the other, figures printed as they come.
// Sections: knowledge matcher, start-up, Slack acks, Discord interactions, reminder dispatch.
import { existsSync } from 'node:fs';

type Bench = () => Promise<Record<string, number | string>>;

const sections: [string, string, string][] = [
  ['knowledge matcher', './knowledge', 'benchKnowledge'],
  ['start-up', './startup', 'benchStartup'],
  ['slack', './slack', 'benchSlack'],
  ['discord', './discord', 'benchDiscord'],
  ['reminders', './reminders', 'benchReminders'],
];

const only = process.argv.slice(2);
let failed = 0;
for (const [title, file, fn] of sections) {
  if (only.length && !only.some((o) => title.includes(o))) continue;
  if (!existsSync(new URL(`${file}.ts`, import.meta.url))) {
    process.stdout.write(`\n## ${title}: not present\n`);
    continue;
  }
  process.stdout.write(`\n## ${title}\n`);
  try {
    const mod = (await import(file)) as Record<string, Bench>;
    const result = await mod[fn]!();
    for (const [k, v] of Object.entries(result)) process.stdout.write(`  ${k}: ${v}\n`);
  } catch (err) {
    failed++;
    process.stdout.write(`  FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}
process.exit(failed ? 1 : 0);
