import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { verifyAccessLogFile } from '../access-log/sqlite-access-log.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { checkLedgerFile, publicKeyIn, readManifest, type BackupManifest } from './data-dir-backup.js';
import { ACCESS_LOG_FILE_NAME, LEDGER_FILE_NAME, copyOwnerOnly, fileDigest, ledgerFileIn } from './data-dir-files.js';
import { checkProblem } from './ledger-check.js';

export interface RestoreOptions {
  /** Replace a data directory whose ledger holds entries (its files are moved aside, never deleted). */
  force?: boolean;
  clock?: () => Date;
}

export interface RestoreReport {
  treeSize: number;
  rootHash: string;
  /** Entries of the restored read-access log, verified; null when the backup held none. */
  accessLogEntries: number | null;
  restoredFiles: string[];
  /** Files that were in the way, renamed to `<name>.before-restore-<time>`. */
  movedAside: string[];
}

/** Nothing was changed in the data directory. */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

/** The files were restored but the restored ledger does not reproduce the backup's tree head. */
export class RestoreDoesNotVerify extends Error {
  override name = 'RestoreDoesNotVerify';
}

/**
 * Restores a backup made by backupDataDir into a data directory. The service must be stopped. Before touching
 * anything: every file must match the manifest's SHA-256 and the backed-up ledger must verify and reproduce
 * the manifest's tree head. A data directory whose ledger holds entries is refused unless `force`; files in the
 * way are then renamed aside (a ledger is never deleted). After copying, the restored ledger is verified again.
 */
export async function restoreDataDir(backupDir: string, dataDir: string, options: RestoreOptions = {}): Promise<RestoreReport> {
  const clock = options.clock ?? (() => new Date());
  const manifest = readManifest(backupDir);
  for (const file of manifest.files) {
    const actual = fileDigest(join(backupDir, file.name));
    if (actual.sha256 !== file.sha256 || actual.bytes !== file.bytes) {
      throw new RestoreRefused(`the backup's ${file.name} is not the file that was backed up (its SHA-256 differs from the manifest): the backup is damaged`);
    }
  }
  await expectTreeHead(join(backupDir, LEDGER_FILE_NAME), manifest, publicKeyIn(backupDir), (problem) => new RestoreRefused(`the backup ${problem}`));
  expectAccessLog(backupDir, manifest, (problem) => new RestoreRefused(`the backup's ${problem}`));

  const existing = existsSync(ledgerFileIn(dataDir)) ? await entriesIn(ledgerFileIn(dataDir)) : 0;
  if (existing > 0 && !options.force) {
    throw new RestoreRefused(
      `${ledgerFileIn(dataDir)} already holds a ledger of ${existing} entries; restore will not replace it. ` +
        'Stop the service and pass --force: the current files are then renamed aside, not deleted.',
    );
  }

  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const stamp = clock().toISOString().replace(/[:.]/g, '-');
  const movedAside: string[] = [];
  for (const { name } of manifest.files) {
    // A database's -wal and -shm belong to it: left behind, SQLite would replay them into the restored file.
    for (const file of [name, `${name}-wal`, `${name}-shm`]) {
      const path = join(dataDir, file);
      if (!existsSync(path)) continue;
      renameSync(path, `${path}.before-restore-${stamp}`);
      movedAside.push(`${file}.before-restore-${stamp}`);
    }
  }
  for (const { name } of manifest.files) copyOwnerOnly(join(backupDir, name), join(dataDir, name));

  await expectTreeHead(ledgerFileIn(dataDir), manifest, publicKeyIn(dataDir), (problem) => new RestoreDoesNotVerify(`the restored ledger ${problem}`));
  const accessLogEntries = expectAccessLog(dataDir, manifest, (problem) => new RestoreDoesNotVerify(`the restored ${problem}`));
  return { treeSize: manifest.treeSize, rootHash: manifest.rootHash, accessLogEntries, restoredFiles: manifest.files.map((f) => f.name), movedAside };
}

/** The read-access log in `dir`, if the backup has one: its chain holds and it has the entries the manifest counted. */
function expectAccessLog(dir: string, manifest: BackupManifest, failure: (problem: string) => Error): number | null {
  if (!manifest.files.some((file) => file.name === ACCESS_LOG_FILE_NAME)) return null;
  const verification = verifyAccessLogFile(join(dir, ACCESS_LOG_FILE_NAME));
  if (!verification.intact) throw failure(`read-access log does not verify: sequence ${verification.firstBrokenSequence}: ${verification.problem}`);
  if (manifest.accessLogEntries !== undefined && verification.entries !== manifest.accessLogEntries) {
    throw failure(`read-access log holds ${verification.entries} entries, not the ${manifest.accessLogEntries} backed up`);
  }
  return verification.entries;
}

async function expectTreeHead(file: string, manifest: BackupManifest, publicKeyPem: string | undefined, failure: (problem: string) => Error): Promise<void> {
  const check = await checkLedgerFile(file, publicKeyPem);
  const problem = checkProblem(check);
  if (problem) throw failure(`does not verify: ${problem}`);
  if (check.treeSize !== manifest.treeSize || check.rootHash !== manifest.rootHash) {
    throw failure(`has tree head (size ${check.treeSize}, root ${check.rootHash}), not the backed-up (size ${manifest.treeSize}, root ${manifest.rootHash})`);
  }
}

async function entriesIn(file: string): Promise<number> {
  const store = openSqliteStore(file);
  try {
    return await store.headPosition();
  } finally {
    await store.close();
  }
}
