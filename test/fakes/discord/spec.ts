// Request-body validation against Discord's own OpenAPI description. One ajv instance per
// process; each operation's requestBody schema is compiled once and cached.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020Module from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

// shared/ sits beside the project's clone (CI and sessions alike).
const SPEC_REL = 'shared/vendor/discord-api-spec/openapi.json';
const SPEC_PATH =
  [path.resolve(import.meta.dirname, '../../../..', SPEC_REL), path.join('/work', SPEC_REL)].find((p) =>
    existsSync(p),
  ) ?? path.resolve(import.meta.dirname, '../../../..', SPEC_REL);
const SPEC_ID = 'https://discord.test/openapi.json';

type AnyObj = Record<string, any>;

interface Operation {
  template: string;
  method: string;
  regex: RegExp;
  params: number;
  schema?: AnyObj;
}

let state:
  | {
      ops: Operation[];
      ajv: InstanceType<typeof Ajv2020Module>;
      cache: Map<string, ValidateFunction>;
      seen: Map<string, string[]>;
    }
  | undefined;
/** Results kept per operation + exact body text; validation is pure, so a repeat is a lookup. */
const SEEN_MAX = 2_000;

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    const out: AnyObj = {};
    for (const [k, v] of Object.entries(node))
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${SPEC_ID}${v}` : rewriteRefs(v);
    return out;
  }
  return node;
}

function load() {
  if (state) return state;
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as AnyObj;
  const Ajv = ((Ajv2020Module as unknown as { default?: typeof Ajv2020Module }).default ??
    Ajv2020Module) as typeof Ajv2020Module;
  const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
    addFormatsModule) as typeof addFormatsModule;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('snowflake', /^(0|[1-9][0-9]{0,19})$/);
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('nonce', true);
  ajv.addSchema({ $id: SPEC_ID, components: spec.components });
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths as AnyObj)) {
    const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/]+)');
    for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
      const op = (item as AnyObj)[method];
      if (!op) continue;
      ops.push({
        template,
        method: method.toUpperCase(),
        regex: new RegExp(`^${pattern}$`),
        params: (template.match(/\{/g) ?? []).length,
        schema: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  // Literal segments (`@original`, `@me`) win over parameters.
  ops.sort((a, b) => a.params - b.params);
  state = { ops, ajv, cache: new Map(), seen: new Map() };
  return state;
}

export interface SpecCheck {
  /** The OpenAPI path template, or undefined when the spec has no such operation. */
  template?: string;
  errors: string[];
}

/**
 * Validates one request (path relative to /api/v10) against the spec. `raw`, the body's
 * text as received, lets a body seen before for the same operation reuse its result (a
 * load test sends the same few bodies thousands of times).
 */
export function checkRequest(method: string, path: string, body: unknown, raw?: string): SpecCheck {
  const { ops, ajv, cache, seen } = load();
  const op = ops.find((o) => o.method === method && o.regex.test(path));
  if (!op) return { errors: [`${method} ${path} is not an operation in Discord's OpenAPI description`] };
  if (body === undefined) return { template: op.template, errors: [] };
  if (!op.schema) return { template: op.template, errors: [`${method} ${op.template} takes no JSON body`] };
  const key = `${op.method} ${op.template}`;
  const seenKey = raw === undefined ? undefined : `${key}\n${raw}`;
  const known = seenKey === undefined ? undefined : seen.get(seenKey);
  if (known) return { template: op.template, errors: [...known] };
  let validate = cache.get(key);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(op.schema) as AnyObj);
    cache.set(key, validate);
  }
  const errors = validate(body)
    ? []
    : (validate.errors ?? [])
        .slice(0, 10)
        .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  if (seenKey !== undefined) {
    if (seen.size >= SEEN_MAX) seen.clear();
    seen.set(seenKey, errors);
  }
  return { template: op.template, errors: [...errors] };
}
