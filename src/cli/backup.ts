import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfigOrExit } from '../config/load-config.js';
import { BackupFailed, backupDataDir } from '../ledger-copy/data-dir-backup.js';
import { KEY_FILE_NAME } from '../ledger-copy/data-dir-files.js';
import { CONFIG_EXIT, parseCommandLine, runCommand, usageProblem, type Usage } from './command-line.js';

const USAGE: Usage = {
  script: 'backup',
  summary:
    'online backup of the embedded SQLite ledger while the service runs: ledger.sqlite, keys.sqlite, the ' +
    'read-access log and the development secrets of the data directory, copied through SQLite\'s backup and ' +
    'verified (every hash chain, the tree head, the access log) before it is reported good. The backup holds ' +
    'the child data keys: keep it owner-only. PostgreSQL and EventStoreDB are backed up with their own tools.',
  synopsis: ['<destination directory> [--data-dir <dir>]'],
  options: [
    ['<destination directory>', 'required: a new or empty directory for the backup'],
    ['--data-dir <dir>', 'the data directory to back up (default SEND_LEDGER_DATA_DIR)'],
  ],
  environment: [
    ['SEND_LEDGER_DATA_DIR', 'the data directory to back up when --data-dir is not given (default ./data)'],
    ['SEND_LEDGER_STORE', 'must be sqlite (the default) when --data-dir is not given'],
  ],
  examples: ['npm run backup -- /backups/send-ledger-2025-06-01', 'npm run backup -- /backups/send-ledger-2025-06-01 --data-dir /srv/send-ledger/data'],
  exitStatus: `0 written and verified; 1 the backup failed or does not verify; 2 bad arguments, or the configured store is not SQLite; ${CONFIG_EXIT}.`,
};

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
    const { values, positionals } = parseCommandLine({ args, allowPositionals: true, options: { 'data-dir': { type: 'string' } } });
    if (positionals.length !== 1) throw new Error('give one destination directory');
    destination = resolve(positionals[0]!);
    dataDir = resolve(values['data-dir'] ?? dataDirFromConfig());
  } catch (error) {
    output.err(usageProblem(USAGE, error instanceof Error ? error.message : String(error)));
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
  await runCommand(USAGE, (args) => runBackup(args, sqliteDataDir));
}

/** The configured data directory; the backup is of the embedded store only. */
function sqliteDataDir(): string {
  const config = loadConfigOrExit();
  if (config.SEND_LEDGER_STORE !== 'sqlite') {
    throw new Error(`SEND_LEDGER_STORE=${config.SEND_LEDGER_STORE}: this backs up the embedded SQLite store only; back up that server with its own tools`);
  }
  return config.SEND_LEDGER_DATA_DIR;
}
