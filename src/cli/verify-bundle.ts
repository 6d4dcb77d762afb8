import { readFileSync } from 'node:fs';
import { verifyBundle } from '../integrity/evidence/verify-bundle.js';
import { parseCommandLine, runCommand, UsageError, type Usage } from './command-line.js';

const USAGE: Usage = {
  script: 'verify-bundle',
  summary:
    'check an evidence bundle offline, with no server and no database: every entry is in the signed log ' +
    '(its inclusion proof against the tree head), the hash chain between the entries is intact, and the ' +
    "tree head's signature holds under the key the bundle names.",
  synopsis: ['<bundle.json>'],
  options: [['<bundle.json>', 'a bundle written by npm run export-evidence (or the API\'s evidence-bundle export)']],
  environment: [],
  examples: ['npm run verify-bundle -- bundle.json'],
  exitStatus: '0 every check passes; 1 a check fails (each failure is named); 2 no file given, or it cannot be read as JSON.',
};

async function verify(args: string[]): Promise<number> {
  const { positionals } = parseCommandLine({ args, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError(`give one bundle file${positionals.length > 1 ? `, not ${positionals.length}` : ''}`);
  const file = positionals[0]!;
  let bundle: unknown;
  try {
    bundle = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const report = verifyBundle(bundle);
  console.log(`Tree head: ${report.treeSize ?? '?'} entries, signing key ${report.keyId ?? '?'}`);
  if (report.ok) {
    console.log(`VERIFIED: all ${report.entriesChecked} entries are in the signed log, their hash chain is intact, and the signature holds.`);
    return 0;
  }
  console.log(`FAILED: ${report.failures.length} problem(s) in ${report.entriesChecked} entries:`);
  for (const failure of report.failures) {
    const where = failure.entry ? `entry ${failure.entry.eventId} (revision ${failure.entry.streamRevision}, global position ${failure.entry.globalPosition})` : 'bundle';
    console.log(`  - ${where}: ${failure.problem}`);
  }
  return 1;
}

await runCommand(USAGE, verify);
