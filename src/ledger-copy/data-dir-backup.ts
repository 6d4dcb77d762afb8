import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { accessLogHashAt, verifyAccessLogFile } from '../access-log/sqlite-access-log.js';
import { readLogLeaves } from '../integrity/log-leaves.js';
import { merkleRoot } from '../integrity/merkle/index.js';
import { unsealedChildPayload } from '../privacy/sealed-child-payloads.js';
import { backupSqliteDatabase, backupSqliteFile, type OnlineBackupOptions } from '../store/sqlite-backup.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import {
  ACCESS_LOG_FILE_NAME,
  KEY_FILE_NAME,
  accessLogFileIn,
  LEDGER_FILE_NAME,
  TREE_HEAD_KEY_FILE,
  copyOwnerOnly,
  fileDigest,
  keyFileIn,
  ledgerFileIn,
  presentSecretFiles,
} from './data-dir-files.js';
import { checkLedger, checkProblem, type LedgerCheck } from './ledger-check.js';
import type { AccessLogVerification } from '../access-log/port.js';

export const MANIFEST_FILE = 'backup.json';
const FORMAT = 'send-ledger-backup/1';

export interface BackupManifest {
  format: typeof FORMAT;
  createdAt: string;
  /** The tree head of the backed-up ledger: a restore must reproduce it. */
  treeSize: number;
  rootHash: string;
  /** Entries in the backed-up read-access log (absent when the data directory held none): a restore must have them. */
  accessLogEntries?: number;
  files: Array<{ name: string; sha256: string; bytes: number }>;
}

export interface BackupOptions extends OnlineBackupOptions {
  /**
   * The connection to copy the ledger through. Default: a connection of its own (the command line, beside a
   * running service). The service's own connection may be given to back up in steps while it writes.
   */
  ledger?: Database.Database;
  clock?: () => Date;
}

/** A backup that was written but does not prove to be the live ledger's. */
export class BackupFailed extends Error {
  override name = 'BackupFailed';
}

/**
 * Online backup of a data directory: ledger.sqlite through SQLite's backup API while the service writes, then
 * keys.sqlite the same way (after the ledger, so a key destroyed by an erasure the backed-up ledger records is
 * already gone), then the read-access log (access-log.sqlite), then the development secrets the data directory
 * holds. The backup is verified before it is declared good: the ledger as `npm run verify` checks it (every
 * stored row, every chain, child payloads sealed, every signed tree head), its tree head is the live ledger's at
 * that size (the backup is a prefix of the live log), and the access log's chain holds and is the live log's
 * first entries. A manifest records each file's SHA-256, the tree head and the access log's length.
 */
export async function backupDataDir(dataDir: string, destination: string, options: BackupOptions = {}): Promise<BackupManifest & { check: LedgerCheck; accessLog: AccessLogVerification | null }> {
  const clock = options.clock ?? (() => new Date());
  if (!existsSync(ledgerFileIn(dataDir))) throw new Error(`there is no ledger in ${dataDir}`);
  if (existsSync(destination) && readdirSync(destination).length > 0) {
    throw new Error(`${destination} is not empty: a backup goes into a new or empty directory`);
  }
  mkdirSync(destination, { recursive: true, mode: 0o700 });

  const live = openSqliteStore(ledgerFileIn(dataDir));
  try {
    const createdAt = clock().toISOString();
    await backupSqliteDatabase(options.ledger ?? live.database, join(destination, LEDGER_FILE_NAME), options);
    if (existsSync(keyFileIn(dataDir))) await backupSqliteFile(keyFileIn(dataDir), join(destination, KEY_FILE_NAME));
    const hasAccessLog = existsSync(accessLogFileIn(dataDir));
    if (hasAccessLog) await backupSqliteFile(accessLogFileIn(dataDir), join(destination, ACCESS_LOG_FILE_NAME));
    const secrets = presentSecretFiles(dataDir);
    for (const name of secrets) copyOwnerOnly(join(dataDir, name), join(destination, name));

    const check = await checkLedgerFile(join(destination, LEDGER_FILE_NAME), publicKeyIn(destination));
    const problem = checkProblem(check);
    if (problem) throw new BackupFailed(`the backup does not verify: ${problem}`);
    const { leaves } = await readLogLeaves(live, check.treeSize);
    if (leaves.length !== check.treeSize || merkleRoot(leaves).toString('hex') !== check.rootHash) {
      throw new BackupFailed(`the backup's ${check.treeSize} entries are not the first ${check.treeSize} entries of the live ledger`);
    }
    const accessLog = hasAccessLog ? checkAccessLogBackup(join(destination, ACCESS_LOG_FILE_NAME), accessLogFileIn(dataDir)) : null;

    const names = [LEDGER_FILE_NAME, ...[KEY_FILE_NAME, ACCESS_LOG_FILE_NAME].filter((name) => existsSync(join(destination, name))), ...secrets];
    const manifest: BackupManifest = {
      format: FORMAT,
      createdAt,
      treeSize: check.treeSize,
      rootHash: check.rootHash,
      ...(accessLog ? { accessLogEntries: accessLog.entries } : {}),
      files: names.map((name) => ({ name, ...fileDigest(join(destination, name)) })),
    };
    writeFileSync(join(destination, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return { ...manifest, check, accessLog };
  } finally {
    await live.close();
  }
}

/**
 * Verifies a service's ledger file on its own, read raw (ciphertext as stored, so child payloads must be sealed),
 * with the tree head key beside it if there is one.
 */
export async function checkLedgerFile(file: string, publicKeyPem?: string): Promise<LedgerCheck> {
  const store = openSqliteStore(file);
  try {
    return await checkLedger(store, { publicKeyPem, storedEntryRule: unsealedChildPayload });
  } finally {
    await store.close();
  }
}

/** The backed-up access log's chain holds, and it is the live log's first entries (the live log went on meanwhile). */
function checkAccessLogBackup(copy: string, live: string): AccessLogVerification {
  const verification = verifyAccessLogFile(copy);
  if (!verification.intact) {
    throw new BackupFailed(`the backup's read-access log does not verify: sequence ${verification.firstBrokenSequence}: ${verification.problem}`);
  }
  if (verification.entries > 0 && accessLogHashAt(live, verification.entries) !== accessLogHashAt(copy, verification.entries)) {
    throw new BackupFailed(`the backup's ${verification.entries} read-access log entries are not the first ${verification.entries} entries of the live log`);
  }
  return verification;
}

/** The public half of the tree head signing key kept in a directory, if it holds one. */
export function publicKeyIn(dir: string): string | undefined {
  const file = join(dir, TREE_HEAD_KEY_FILE);
  if (!existsSync(file)) return undefined;
  return createPublicKey(readFileSync(file, 'utf8')).export({ type: 'spki', format: 'pem' }).toString();
}

export function readManifest(backupDir: string): BackupManifest {
  const file = join(backupDir, MANIFEST_FILE);
  if (!existsSync(file)) throw new Error(`${backupDir} holds no ${MANIFEST_FILE}: it is not a SEND Ledger backup`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== FORMAT) throw new Error(`${file} is not a backup manifest this version reads (format ${String(manifest.format)})`);
  return manifest;
}
