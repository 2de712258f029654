// Sealing the code (AES-256-GCM with associated data), the blind index (HMAC-SHA256) and
// PIN hashing (scrypt + pepper). Only node:crypto; no secret ever goes into an Error message.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scrypt as scryptCb,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface VaultKeys {
  /** version → 32-byte key; the highest version encrypts new data. */
  keys: Map<number, Buffer>;
  blindIndexKey: Buffer;
  pinPepper: Buffer;
}

export function newestKeyVersion(keys: Map<number, Buffer>): number {
  return Math.max(...keys.keys());
}

/** Binds a ciphertext to its owner row and key version: a sealed code copied to another row will not open. */
function associatedData(userId: string, keyVersion: number): Buffer {
  return Buffer.from(`pccc-vault:v1|user=${userId}|kv=${keyVersion}`, 'utf8');
}

export function seal(
  keys: Map<number, Buffer>,
  userId: string,
  plaintext: string,
): { sealed: Buffer; keyVersion: number } {
  const keyVersion = newestKeyVersion(keys);
  const key = keys.get(keyVersion)!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(userId, keyVersion));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { sealed: Buffer.concat([iv, cipher.getAuthTag(), body]), keyVersion };
}

export class VaultKeyMissing extends Error {
  constructor(readonly keyVersion: number) {
    super(`vault key version ${keyVersion} is not configured in VAULT_KEYS`);
    this.name = 'VaultKeyMissing';
  }
}

export function open(keys: Map<number, Buffer>, userId: string, keyVersion: number, sealed: Buffer): string {
  const key = keys.get(keyVersion);
  if (!key) throw new VaultKeyMissing(keyVersion);
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const body = sealed.subarray(IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(userId, keyVersion));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('vault: sealed code failed authentication (wrong key, wrong row or tampered)');
  }
}

export function blindIndex(key: Buffer, code: string): string {
  return createHmac('sha256', key).update(`pccc-blind:v1|${code}`).digest('base64url');
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keylen: number;
}

/** ~64 MiB and tens of ms per check: slow for an offline guesser, fine for a chat reply. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 16, r: 8, p: 1, keylen: 32 };

function scrypt(password: Buffer, salt: Buffer, p: ScryptParams): Promise<Buffer> {
  const opts: ScryptOptions = { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, p.keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function pinMaterial(pin: string, pepper: Buffer): Buffer {
  return Buffer.concat([Buffer.from(pin, 'utf8'), Buffer.from([0]), pepper]);
}

export async function hashPin(
  pin: string,
  pepper: Buffer,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<{ hash: Buffer; salt: Buffer; params: string }> {
  const salt = randomBytes(16);
  const hash = await scrypt(pinMaterial(pin, pepper), salt, params);
  return { hash, salt, params: `scrypt:${params.N}:${params.r}:${params.p}:${params.keylen}` };
}

export async function verifyPin(
  pin: string,
  pepper: Buffer,
  stored: { hash: Buffer; salt: Buffer; params: string },
): Promise<boolean> {
  const [alg, N, r, p, keylen] = stored.params.split(':');
  if (alg !== 'scrypt') return false;
  const params = { N: Number(N), r: Number(r), p: Number(p), keylen: Number(keylen) };
  const candidate = await scrypt(pinMaterial(pin, pepper), stored.salt, params);
  return candidate.length === stored.hash.length && timingSafeEqual(candidate, stored.hash);
}
