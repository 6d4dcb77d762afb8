import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config/load-config.js';
import { openConfiguredStore } from '../config/open-store.js';
import { exportEvidenceBundle } from '../integrity/evidence/export-bundle.js';
import { loadSigningKey } from '../integrity/signing-key.js';

/**
 * npm run export-evidence -- --child <id> --purpose "<why>" --by "<name>" [--out file.json]
 * Writes the child's evidence bundle and records the export (as an LA officer of the operator).
 */
const { values } = parseArgs({ options: { child: { type: 'string' }, purpose: { type: 'string' }, by: { type: 'string' }, out: { type: 'string' } } });
if (!values.child || !values.purpose || !values.by) {
  console.error('usage: npm run export-evidence -- --child <childId> --purpose "<why>" --by "<your name>" [--out bundle.json]');
  process.exit(2);
}
const config = loadConfigOrExit();
const store = await openConfiguredStore(config);
try {
  const actor = { id: `cli:${values.by}`, displayName: values.by, role: 'la_officer', organisation: 'operator (command line)' };
  const bundle = await exportEvidenceBundle(
    { store, clock: () => new Date(), signingKey: loadSigningKey(config.SEND_LEDGER_DATA_DIR, config.TREE_HEAD_SIGNING_KEY), lateThresholdDays: config.LATE_ENTRY_THRESHOLD_DAYS },
    values.child,
    actor,
    values.purpose,
  );
  if (!bundle) {
    console.error(`no child ${values.child} in ${config.SEND_LEDGER_DATA_DIR}`);
    process.exitCode = 1;
  } else {
    const out = values.out ?? `evidence-${bundle.childId}-${bundle.exportId}.json`;
    writeFileSync(out, JSON.stringify(bundle, null, 2));
    console.log(`Wrote ${out}: ${bundle.entries.length} entries proved into a signed log of ${bundle.treeHead.treeSize} entries. Check it with: npm run verify-bundle -- ${out}`);
  }
} finally {
  await store.close();
}
