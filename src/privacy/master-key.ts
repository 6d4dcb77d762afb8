import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** SEND_LEDGER_MASTER_KEY: 32 bytes, base64. Throws a message naming the setting, never its value. */
export function parseMasterKey(base64: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) throw new Error('SEND_LEDGER_MASTER_KEY must be 32 bytes, base64 encoded (e.g. `openssl rand -base64 32`)');
  return key;
}

/**
 * The key that wraps the child data keys in keys.sqlite. Given, it is used as is. In development and tests it
 * may be left out: one is generated in the data directory on first start, owner-only, like the development
 * JWT secret. Production must provide it from outside the data directory (a secret store), else a copy of
 * the data directory carries the keys that unlock it.
 */
export function loadMasterKey(setting: string | undefined, nodeEnv: 'development' | 'test' | 'production', dataDir: string): Buffer {
  if (setting) return parseMasterKey(setting);
  if (nodeEnv === 'production') throw new Error('production needs SEND_LEDGER_MASTER_KEY; a generated development key is not allowed');
  const file = join(dataDir, 'dev-master-key');
  if (existsSync(file)) return parseMasterKey(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
