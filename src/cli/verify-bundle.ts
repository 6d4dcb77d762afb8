import { readFileSync } from 'node:fs';
import { verifyBundle } from '../integrity/evidence/verify-bundle.js';

/**
 * Offline verifier: `npm run verify-bundle -- <bundle.json>`. Needs no server and no database; exit 0
 * when every check passes, 1 naming each failure, 2 when the file cannot be read.
 */
const file = process.argv[2];
if (!file) {
  console.error('usage: npm run verify-bundle -- <bundle.json>');
  process.exit(2);
}
let bundle: unknown;
try {
  bundle = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
const report = verifyBundle(bundle);
console.log(`Tree head: ${report.treeSize ?? '?'} entries, signing key ${report.keyId ?? '?'}`);
if (report.ok) {
  console.log(`VERIFIED: all ${report.entriesChecked} entries are in the signed log, their hash chain is intact, and the signature holds.`);
} else {
  console.log(`FAILED: ${report.failures.length} problem(s) in ${report.entriesChecked} entries:`);
  for (const failure of report.failures) {
    const where = failure.entry ? `entry ${failure.entry.eventId} (revision ${failure.entry.streamRevision}, global position ${failure.entry.globalPosition})` : 'bundle';
    console.log(`  - ${where}: ${failure.problem}`);
  }
  process.exitCode = 1;
}
