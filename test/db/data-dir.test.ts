import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';

describe('embedded database directory', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('is created 0700 (sealed codes and PIN hashes live there)', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'pccc-data-'));
    dirs.push(base);
    const db = await openDatabase({ dataDir: base });
    try {
      expect(statSync(path.join(base, 'pglite')).mode & 0o777).toBe(0o700);
    } finally {
      await db.close();
    }
  });
});
