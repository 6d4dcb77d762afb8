import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CopyDoesNotVerify, CopyRefused, copyLedger } from '../ledger-copy/copy-ledger.js';
import { KEY_FILE_NAME, copyOwnerOnly, presentSecretFiles } from '../ledger-copy/data-dir-files.js';
import { describeLocation, openStoreAt, parseStoreLocation, type StoreLocation } from '../ledger-copy/store-location.js';
import { backupSqliteFile } from '../store/sqlite-backup.js';
import { parseCommandLine, runCommand, usageProblem, type Usage } from './command-line.js';
import { progressWriter, renderProgress } from './progress-bar.js';

const USAGE: Usage = {
  script: 'copy-ledger',
  summary:
    'copy a whole ledger between stores, byte for byte and in the same global order, so the tree head and every ' +
    'proof are the source\'s; then prove the copy (every hash chain verifies, its tree head equals the source\'s). ' +
    'It refuses a source that does not verify and a non-empty target. Child payloads travel as ciphertext; from a ' +
    'SQLite source keys.sqlite (and the development secrets) are copied too.',
  synopsis: ['<source> <target> [--resume] [--batch-size <n>] [--keys-to <dir>]'],
  options: [
    ['<source>, <target>', 'sqlite:<path>, postgres://user:password@host:5432/db or esdb://host:2113?tls=false'],
    ['--resume', 'finish an interrupted copy (the target must hold the first entries of this source)'],
    ['--batch-size <n>', 'entries read and written at a time (default 1000)'],
    ['--keys-to <dir>', "where to copy keys.sqlite (and development secrets) from a SQLite source's directory; default: the target's directory when the target is SQLite"],
  ],
  environment: [],
  examples: [
    'npm run copy-ledger -- sqlite:./data/ledger.sqlite sqlite:/srv/copy/ledger.sqlite',
    'npm run copy-ledger -- sqlite:./data/ledger.sqlite postgres://send_ledger:<password>@localhost:5432/send_ledger --keys-to /srv/pg-data',
  ],
  exitStatus: '0 copied and verified; 1 refused, a store cannot be opened, or the copy does not verify; 2 bad arguments.',
};

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * Copies a whole ledger between stores, byte for byte (see src/ledger-copy/copy-ledger.ts), then proves the
 * copy. Exit 0 when copied and verified, 1 when refused or the copy does not verify, 2 on bad arguments.
 * Stores are opened raw, so child payloads travel as ciphertext; the keys travel separately (SQLite source).
 */
export async function runCopyLedger(args: string[], output: Output = { out: console.log, err: console.error }): Promise<number> {
  let source: StoreLocation;
  let target: StoreLocation;
  let values: { resume?: boolean; 'batch-size'?: string; 'keys-to'?: string };
  try {
    const parsed = parseCommandLine({
      args,
      allowPositionals: true,
      options: { resume: { type: 'boolean' }, 'batch-size': { type: 'string' }, 'keys-to': { type: 'string' } },
    });
    values = parsed.values;
    if (parsed.positionals.length !== 2) throw new Error('give a source and a target');
    source = parseStoreLocation(parsed.positionals[0]!);
    target = parseStoreLocation(parsed.positionals[1]!);
  } catch (error) {
    output.err(usageProblem(USAGE, error instanceof Error ? error.message : String(error)));
    return 2;
  }
  const batchSize = values['batch-size'] === undefined ? 1000 : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    output.err(usageProblem(USAGE, `--batch-size must be a whole number of at least 1 (not ${values['batch-size']})`));
    return 2;
  }
  if (describeLocation(source) === describeLocation(target)) {
    output.err(usageProblem(USAGE, 'the source and the target are the same store'));
    return 2;
  }

  const opened = async (location: StoreLocation, role: 'source' | 'target') => {
    try {
      return await openStoreAt(location, role);
    } catch (error) {
      output.err(`Cannot open the ${role} ${describeLocation(location)}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  };
  const from = await opened(source, 'source');
  if (!from) return 1;
  try {
    const to = await opened(target, 'target');
    if (!to) return 1;
    try {
      const progress = progressWriter();
      const started = Date.now();
      let firstCount: number | null = null;
      const report = await copyLedger(from, to, {
        batchSize,
        resume: values.resume ?? false,
        onProgress: ({ copied, total }) => {
          firstCount ??= copied;
          const seconds = Math.max((Date.now() - started) / 1000, 0.001);
          const rate = (copied - firstCount) / seconds;
          progress.update(renderProgress('Copying', copied, total, rate, rate > 0 ? (total - copied) / rate : Infinity));
        },
      });
      progress.finish(renderProgress('Copied ', report.treeSize, report.treeSize, report.copiedEntries / Math.max((Date.now() - started) / 1000, 0.001), 0));
      output.out(
        [
          `Copied ${report.copiedEntries} entries${report.resumedAfter > 0 ? ` (resumed after ${report.resumedAfter})` : ''} from ${describeLocation(source)} to ${describeLocation(target)}.`,
          `The copy verifies: every hash chain of its ${report.streams} streams, and its tree head (size ${report.treeSize}, root ${report.rootHash}) is the source's.`,
          report.positionsKept ? 'Every entry kept its global position.' : 'The source numbers its log with gaps; the copy numbers it densely (order, tree head and proofs are the same).',
          ...(await copyKeyMaterial(source, target, values['keys-to'])),
        ].join('\n'),
      );
      return 0;
    } catch (error) {
      if (error instanceof CopyRefused || error instanceof CopyDoesNotVerify) {
        output.err(`${error instanceof CopyRefused ? 'Copy refused' : 'COPY DOES NOT VERIFY'}: ${error.message}`);
        return 1;
      }
      throw error;
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}

/**
 * Child payloads were copied as ciphertext: the copy is readable only with the source's data keys (and, in
 * development, the master key generated beside them). From a SQLite source they are copied alongside.
 */
async function copyKeyMaterial(source: StoreLocation, target: StoreLocation, keysTo: string | undefined): Promise<string[]> {
  if (source.kind !== 'sqlite') {
    return ["Child payloads were copied encrypted: the target service needs the source service's keys.sqlite and master key to read them."];
  }
  const sourceDir = dirname(source.file);
  const destination = keysTo ?? (target.kind === 'sqlite' ? dirname(target.file) : undefined);
  if (destination === undefined) {
    return [
      `Child payloads were copied encrypted: copy ${join(sourceDir, KEY_FILE_NAME)} (and its master key) to the target service's`,
      'data directory, or rerun with --keys-to <dir>, or those payloads cannot be read.',
    ];
  }
  mkdirSync(destination, { recursive: true, mode: 0o700 });
  const notes: string[] = [];
  for (const name of [KEY_FILE_NAME, ...presentSecretFiles(sourceDir)]) {
    const from = join(sourceDir, name);
    const to = join(destination, name);
    if (!existsSync(from)) continue;
    if (existsSync(to)) {
      notes.push(`${to} already exists: left as it is.`);
      continue;
    }
    // The key file may be in use by a running service: copied through SQLite's online backup, not as bytes.
    if (name === KEY_FILE_NAME) await backupSqliteFile(from, to);
    else copyOwnerOnly(from, to);
    notes.push(`Copied ${name} to ${destination}.`);
  }
  return notes.length === 0 ? notes : [...notes, 'They hold the keys to the child payloads: keep them owner-only (they are).'];
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  await runCommand(USAGE, (args) => runCopyLedger(args));
}
