// Keys for the vault. Production sets VAULT_KEYS, PIN_PEPPER and BLIND_INDEX_KEY; for trying
// the bot in a terminal we generate them once into DATA_DIR and say so loudly.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { vaultKeysSchema, type Config } from './config';
import type { VaultKeys } from './core/vault/crypto';

const fileSchema = z.object({ vaultKeys: z.string(), pinPepper: z.string(), blindIndexKey: z.string() });

export interface LoadedKeys {
  keys: VaultKeys;
  generatedFile?: string;
}

export function loadKeys(config: Config): LoadedKeys {
  if (config.vaultKeys && config.pinPepper && config.blindIndexKey) {
    return { keys: { keys: config.vaultKeys, pinPepper: config.pinPepper, blindIndexKey: config.blindIndexKey } };
  }
  const file = path.join(config.dataDir, 'dev-keys.json');
  let stored: z.infer<typeof fileSchema>;
  if (existsSync(file)) {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success)
      throw new Error(`${file} is damaged; restore it from a backup (without it stored codes cannot be opened)`);
    stored = parsed.data;
  } else {
    mkdirSync(config.dataDir, { recursive: true });
    stored = {
      vaultKeys: `1:${randomBytes(32).toString('base64')}`,
      pinPepper: randomBytes(32).toString('base64'),
      blindIndexKey: randomBytes(32).toString('base64'),
    };
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    keys: {
      keys: config.vaultKeys ?? vaultKeysSchema.parse(stored.vaultKeys),
      pinPepper: config.pinPepper ?? Buffer.from(stored.pinPepper, 'base64'),
      blindIndexKey: config.blindIndexKey ?? Buffer.from(stored.blindIndexKey, 'base64'),
    },
    generatedFile: file,
  };
}
