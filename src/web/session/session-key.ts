import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The 32-byte key that encrypts the sign-in cookie: from SESSION_SECRET (required in production), or, in
 * development, a key generated once in the data directory with owner-only permissions, so a restart keeps
 * everyone signed in and no key is ever committed.
 */
export function sessionKey(secret: string | undefined, dataDir: string): Buffer {
  if (secret) return createHash('sha256').update(`send-ledger-session:${secret}`).digest();
  const file = join(dataDir, 'dev-session-key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
