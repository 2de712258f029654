// Compares local command definitions with what Discord returns. Discord adds ids,
// versions and defaults to every stored command; both sides are normalised to the same
// canonical shape first so that those additions never count as a change.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = Record<string, unknown>;

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

function locs(v: unknown): Record<string, string> {
  if (!v || typeof v !== 'object') return {};
  const out: Record<string, string> = {};
  for (const k of Object.keys(v as Obj).sort()) out[k] = String((v as Obj)[k]);
  return out;
}

function normChoice(c: Obj): Json {
  return { name: String(c.name), name_localizations: locs(c.name_localizations), value: c.value as Json };
}

function normOption(o: Obj): Json {
  const type = Number(o.type);
  const out: Record<string, Json> = {
    type,
    name: String(o.name),
    name_localizations: locs(o.name_localizations),
    description: String(o.description ?? ''),
    description_localizations: locs(o.description_localizations),
  };
  if (type === SUBCOMMAND || type === SUBCOMMAND_GROUP) {
    out.options = ((o.options as Obj[] | undefined) ?? []).map(normOption);
    return out;
  }
  out.required = o.required === true;
  out.autocomplete = o.autocomplete === true;
  out.choices = ((o.choices as Obj[] | undefined) ?? []).map(normChoice);
  for (const k of ['min_length', 'max_length', 'min_value', 'max_value'] as const) out[k] = (o[k] ?? null) as Json;
  out.channel_types = ((o.channel_types as number[] | undefined) ?? []).slice().sort();
  return out;
}

/** Canonical form of one command (local definition or Discord's stored copy). */
export function normaliseCommand(c: Obj): Json {
  const perms = c.default_member_permissions;
  return {
    type: Number(c.type ?? 1),
    name: String(c.name),
    name_localizations: locs(c.name_localizations),
    description: String(c.description ?? ''),
    description_localizations: locs(c.description_localizations),
    options: ((c.options as Obj[] | undefined) ?? []).map(normOption),
    default_member_permissions: perms === undefined || perms === null ? null : String(perms),
    nsfw: c.nsfw === true,
    // Discord fills these in when omitted; compare only when the local side sets them.
    contexts: Array.isArray(c.contexts) ? (c.contexts as number[]).slice().sort() : null,
    integration_types: Array.isArray(c.integration_types) ? (c.integration_types as number[]).slice().sort() : [0],
  };
}

function show(v: Json | undefined): string {
  return JSON.stringify(v);
}

function diffValues(path: string, a: Json | undefined, b: Json | undefined, out: string[]): void {
  if (show(a) === show(b)) return;
  if (Array.isArray(a) && Array.isArray(b) && a.every(named) && b.every(named)) {
    const an = new Map(a.map((x) => [(x as Obj).name as string, x]));
    const bn = new Map(b.map((x) => [(x as Obj).name as string, x]));
    for (const [n, _x] of an) if (!bn.has(n)) out.push(`- ${path}.${n}`);
    for (const [n, _x] of bn) if (!an.has(n)) out.push(`+ ${path}.${n}`);
    for (const [n, x] of an) if (bn.has(n)) diffValues(`${path}.${n}`, x, bn.get(n), out);
    const order = (xs: Json[]) =>
      xs.map((x) => (x as Obj).name).filter((n) => an.has(n as string) && bn.has(n as string));
    if (show(order(a) as Json) !== show(order(b) as Json)) out.push(`~ ${path}: order changed`);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diffValues(`${path}.${k}`, a[k], b[k], out);
    return;
  }
  out.push(`~ ${path}: ${show(a)} → ${show(b)}`);
}

function named(x: Json): boolean {
  return !!x && typeof x === 'object' && !Array.isArray(x) && typeof (x as Obj).name === 'string';
}

/**
 * Human-readable difference from `remote` (what Discord has) to `local` (what we want).
 * Empty when nothing needs to be written.
 */
export function diffCommands(remote: readonly Obj[], local: readonly Obj[]): string[] {
  const out: string[] = [];
  const r = new Map(remote.map((c) => [String(c.name), normaliseCommand(c)]));
  const l = new Map(local.map((c) => [String(c.name), normaliseCommand(c)]));
  for (const name of r.keys()) if (!l.has(name)) out.push(`- /${name}`);
  for (const name of l.keys()) if (!r.has(name)) out.push(`+ /${name}`);
  for (const [name, want] of l) if (r.has(name)) diffValues(`/${name}`, r.get(name), want, out);
  return out;
}
