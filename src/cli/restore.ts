import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfigOrExit } from '../config/load-config.js';
import { RestoreDoesNotVerify, restoreDataDir } from '../ledger-copy/data-dir-restore.js';
import { CONFIG_EXIT, parseCommandLine, runCommand, usageProblem, type Usage } from './command-line.js';

const USAGE: Usage = {
  script: 'restore',
  summary:
    'restore a backup made by npm run backup into a data directory, with the service stopped, and verify the ' +
    'restored ledger (every hash chain, and its tree head is the backup\'s) and read-access log. Entries recorded ' +
    'after the backup are not in it; erasures recorded since then must be carried out again.',
  synopsis: ['<backup directory> [--data-dir <dir>] [--force]'],
  options: [
    ['<backup directory>', 'required: a directory written by npm run backup'],
    ['--data-dir <dir>', 'where to restore it (default SEND_LEDGER_DATA_DIR)'],
    ['--force', 'restore over a data directory that already holds a ledger (its files are moved aside, not deleted)'],
  ],
  environment: [['SEND_LEDGER_DATA_DIR', 'where to restore when --data-dir is not given (default ./data)']],
  examples: ['npm run restore -- /backups/send-ledger-2025-06-01 --data-dir ./data'],
  exitStatus: `0 restored and verified; 1 refused, or the restored ledger does not verify; 2 bad arguments; ${CONFIG_EXIT}.`,
};

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * Restores a backup made by `npm run backup` into a data directory, with the service stopped
 * (src/ledger-copy/data-dir-restore.ts). Exit 0 when restored and verified, 1 when refused or the restored
 * ledger does not verify, 2 on bad arguments.
 */
export async function runRestore(args: string[], dataDirFromConfig: () => string, output: Output = { out: console.log, err: console.error }): Promise<number> {
  let backupDir: string;
  let dataDir: string;
  let force: boolean;
  try {
    const { values, positionals } = parseCommandLine({ args, allowPositionals: true, options: { 'data-dir': { type: 'string' }, force: { type: 'boolean' } } });
    if (positionals.length !== 1) throw new Error('give one backup directory');
    backupDir = resolve(positionals[0]!);
    dataDir = resolve(values['data-dir'] ?? dataDirFromConfig());
    force = values.force ?? false;
  } catch (error) {
    output.err(usageProblem(USAGE, error instanceof Error ? error.message : String(error)));
    return 2;
  }
  try {
    const report = await restoreDataDir(backupDir, dataDir, { force });
    output.out(
      [
        `Restored ${report.restoredFiles.join(', ')} from ${backupDir} into ${dataDir}.`,
        `The restored ledger verifies: every hash chain, and its tree head (size ${report.treeSize}, root ${report.rootHash}) is the backup's.`,
        report.accessLogEntries === null
          ? 'The backup held no read-access log.'
          : `The restored read-access log verifies: ${report.accessLogEntries} entries, as backed up.`,
        ...(report.movedAside.length > 0 ? [`Moved aside (not deleted): ${report.movedAside.join(', ')}.`] : []),
        'Entries recorded after the backup was taken are not in it; erasures recorded since then must be carried out again.',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    output.err(`${error instanceof RestoreDoesNotVerify ? 'RESTORED LEDGER DOES NOT VERIFY' : 'Restore refused'}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  await runCommand(USAGE, (args) => runRestore(args, () => loadConfigOrExit().SEND_LEDGER_DATA_DIR));
}
