import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The server's key kept apart from the data: it encrypts TOTP secrets at rest and keys the audit log's hash chain,
 * so a copy of the data folder (or of CouchDB) holds neither a usable second factor nor a way to rewrite the log
 * undetected. Give it with `OUTPOST_KEY` (base64, 32 bytes) or a file path; by default it is created next to the data
 * folder (`<data>.key`), never inside it: back it up separately and do not ship it with the data.
 */
export function loadOrCreateKeyApart(file: string, fromEnv = process.env['OUTPOST_KEY']): Uint8Array {
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) throw new Error('OUTPOST_KEY must be 32 bytes in base64');
    return new Uint8Array(key);
  }
  try {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} must hold 32 bytes in base64`);
    return new Uint8Array(key);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(file), { recursive: true });
    const key = randomBytes(32);
    writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
    return new Uint8Array(key);
  }
}

/** A sub-key for one purpose, so the TOTP cipher and the audit MAC never share key material. */
export function subKey(key: Uint8Array, purpose: 'totp-secrets' | 'audit-chain' | 'email-claims' | 'ingest-users'): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', key, new Uint8Array(0), `outpost ${purpose}`, 32));
}

/**
 * A keyed hash (`h:<hmac>` in base64url): the same input always gives the same value, so equality still works (distinct
 * users per day, a group call tying a user to an account), but the data folder never holds the input itself and,
 * without the key kept apart, it cannot be guessed back from a list of likely addresses.
 */
export function keyedHash(key: Uint8Array, value: string): string {
  return `h:${createHmac('sha256', key).update(value).digest('base64url')}`;
}

const PREFIX = 'enc1:';

/** AES-256-GCM, `enc1:<iv>.<tag>.<ciphertext>` in base64url. */
export function seal(key: Uint8Array, plain: string): string {
  const iv = new Uint8Array(randomBytes(12));
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = cipher.update(plain, 'utf8', 'base64url') + cipher.final('base64url');
  return `${PREFIX}${Buffer.from(iv).toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data}`;
}

export function isSealed(text: string): boolean {
  return text.startsWith(PREFIX);
}

export function open(key: Uint8Array, sealed: string): string {
  const [iv, tag, data] = sealed.slice(PREFIX.length).split('.');
  if (!iv || !tag || data === undefined) throw new Error('Sealed value is malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, new Uint8Array(Buffer.from(iv, 'base64url')));
  decipher.setAuthTag(new Uint8Array(Buffer.from(tag, 'base64url')));
  return decipher.update(data, 'base64url', 'utf8') + decipher.final('utf8');
}
