import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config/load-config.js';
import { BackupFailed, backupDataDir } from '../ledger-copy/data-dir-backup.js';
import { KEY_FILE_NAME } from '../ledger-copy/data-dir-files.js';

const USAGE = 'usage: npm run backup -- <destination directory> [--data-dir <dir>]   (default data dir: SEND_LEDGER_DATA_DIR)';

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * Online backup of the embedded SQLite ledger while the service runs (src/ledger-copy/data-dir-backup.ts):
 * ledger.sqlite, keys.sqlite, the read-access log and the development secrets of the data directory, verified
 * before it is reported good. Exit 0 when written and verified, 1 when it fails, 2 on bad arguments.
 */
export async function runBackup(args: string[], dataDirFromConfig: () => string, output: Output = { out: console.log, err: console.error }): Promise<number> {
  let destination: string;
  let dataDir: string;
  try {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'data-dir': { type: 'string' } } });
    if (positionals.length !== 1) throw new Error('give one destination directory');
    destination = resolve(positionals[0]!);
    dataDir = resolve(values['data-dir'] ?? dataDirFromConfig());
  } catch (error) {
    output.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  try {
    const backup = await backupDataDir(dataDir, destination);
    const files = backup.files.map((f) => f.name);
    output.out(
      [
        `Backed up ${dataDir} to ${destination}: ${files.join(', ')}.`,
        `The backup verifies: ${backup.check.verification.checkedEvents} entries in ${backup.check.verification.checkedStreams} streams, ` +
          `checked against ${backup.check.verification.checkedTreeHeads} signed tree heads; ` +
          `tree head size ${backup.treeSize}, root ${backup.rootHash}, the live ledger's at that size.`,
        backup.accessLog
          ? `The read-access log verifies: ${backup.accessLog.entries} entries, the live log's first ${backup.accessLog.entries}.`
          : `There is no read-access log in ${dataDir} to back up.`,
        ...(files.includes(KEY_FILE_NAME)
          ? [
              'It holds the child data keys (and, in development, the master key): keep it owner-only and short-lived.',
              'A backup kept after an erasure still holds the erased child\'s key.',
            ]
          : []),
        `Restore with: npm run restore -- ${destination} --data-dir <dir>`,
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupFailed) {
      output.err(`BACKUP FAILED: ${error.message}`);
      return 1;
    }
    output.err(`Backup refused: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  process.exitCode = await runBackup(process.argv.slice(2), () => sqliteDataDir());
}

/** The configured data directory; the backup is of the embedded store only. */
function sqliteDataDir(): string {
  const config = loadConfigOrExit();
  if (config.SEND_LEDGER_STORE !== 'sqlite') {
    console.error(`SEND_LEDGER_STORE=${config.SEND_LEDGER_STORE}: this backs up the embedded SQLite store only; back up that server with its own tools.`);
    process.exit(2);
  }
  return config.SEND_LEDGER_DATA_DIR;
}
