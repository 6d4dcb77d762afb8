import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config/load-config.js';
import { RestoreDoesNotVerify, restoreDataDir } from '../ledger-copy/data-dir-restore.js';

const USAGE = 'usage: npm run restore -- <backup directory> [--data-dir <dir>] [--force]   (default data dir: SEND_LEDGER_DATA_DIR)';

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
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'data-dir': { type: 'string' }, force: { type: 'boolean' } } });
    if (positionals.length !== 1) throw new Error('give one backup directory');
    backupDir = resolve(positionals[0]!);
    dataDir = resolve(values['data-dir'] ?? dataDirFromConfig());
    force = values.force ?? false;
  } catch (error) {
    output.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
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
  process.exitCode = await runRestore(process.argv.slice(2), () => loadConfigOrExit().SEND_LEDGER_DATA_DIR);
}
