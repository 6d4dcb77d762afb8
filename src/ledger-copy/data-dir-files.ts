import { createHash } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, constants, existsSync, openSync, readSync } from 'node:fs';
import { basename, join } from 'node:path';
import { accessLogFile } from '../access-log/access-log-file.js';
import type { Config } from '../config/config.js';
import { keyFile, ledgerFile } from '../config/open-store.js';

/** The file names the service uses in its data directory (src/config/open-store.ts decides them). */
const inDataDir = (dir: string) => ({ SEND_LEDGER_DATA_DIR: dir }) as Config;
export const ledgerFileIn = (dir: string) => ledgerFile(inDataDir(dir));
export const keyFileIn = (dir: string) => keyFile(inDataDir(dir));
export const LEDGER_FILE_NAME = basename(ledgerFileIn('.'));
export const KEY_FILE_NAME = basename(keyFileIn('.'));
export const accessLogFileIn = (dir: string) => accessLogFile(inDataDir(dir));
export const ACCESS_LOG_FILE_NAME = basename(accessLogFileIn('.'));

/**
 * Secrets generated into the data directory when they are not configured (development): the master key that
 * unwraps keys.sqlite, the tree head signing key, the development JWT secret. Without them a copied key file
 * could not be opened and new tree heads would be signed by a new key. Production supplies the master key
 * from outside the data directory, so it is not among these files there.
 */
export const GENERATED_SECRET_FILES = ['dev-master-key', 'tree-head-signing-key.pem', 'dev-jwt-secret'] as const;

export const TREE_HEAD_KEY_FILE = 'tree-head-signing-key.pem';

/** Copies a file owner-only (they hold records or keys), never over an existing one. */
export function copyOwnerOnly(from: string, to: string): void {
  copyFileSync(from, to, constants.COPYFILE_EXCL);
  chmodSync(to, 0o600);
}

export function presentSecretFiles(dir: string): string[] {
  return GENERATED_SECRET_FILES.filter((name) => existsSync(join(dir, name)));
}

/** SHA-256 and size of a file, read in chunks (a ledger file can be larger than memory). */
export function fileDigest(file: string): { sha256: string; bytes: number } {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1 << 20);
  const fd = openSync(file, 'r');
  let bytes = 0;
  try {
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      hash.update(chunk.subarray(0, read));
      bytes += read;
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest('hex'), bytes };
}
