import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AccessRecorder } from '../access-log/access-recorder.js';
import { createTokenVerifier, InvalidToken } from '../api/auth/token-verifier.js';
import { AccessCache } from '../application/access-cache.js';
import { EvidencePurpose, exportEvidenceFor } from '../application/export-evidence.js';
import { loadConfigOrExit } from '../config/load-config.js';
import { openConfiguredStore } from '../config/open-store.js';
import { tokenSettingsFrom } from '../config/token-settings.js';
import { loadSigningKey } from '../integrity/signing-key.js';
import type { Actor } from '../ledger/envelope.js';

const TOKEN_VARIABLE = 'SEND_LEDGER_TOKEN';

const usage = `Export a child's evidence bundle, as POST /children/<childId>/evidence-bundle does, as the person a token names.

  ${TOKEN_VARIABLE}=<token> npm run export-evidence -- --child <childId> --purpose "<why>" [--out bundle.json]

The token is verified exactly as the API verifies a bearer token (from your identity provider, or in
development from \`npm run token\`). It is read from the environment, not the command line, which other
users of the machine can see. Whether you may export the child's record is judged by your relationship to
the child, as in the API; the export is recorded in the ledger under your name and role, and in the child's
read-access log (via "command-line", with your purpose).

Exit status: 0 written; 1 no such child (or none you may export); 2 bad arguments or token.`;

function refuse(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

let values: { child?: string; purpose?: string; out?: string; help?: boolean };
try {
  ({ values } = parseArgs({ options: { child: { type: 'string' }, purpose: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } } }));
} catch (error) {
  refuse(error instanceof Error ? error.message : String(error));
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!values.child) refuse('--child is required');
const purpose = EvidencePurpose.safeParse(values.purpose ?? '');
if (!purpose.success) refuse(`--purpose: ${purpose.error.issues[0]!.message}`);
const token = process.env[TOKEN_VARIABLE]?.trim();
if (!token) refuse(`set ${TOKEN_VARIABLE} to your token: the export is recorded under the identity it proves`);

const config = loadConfigOrExit();
let actor: Actor;
try {
  actor = await createTokenVerifier(tokenSettingsFrom(config))(token);
} catch (error) {
  if (!(error instanceof InvalidToken)) throw error;
  refuse(error.message);
}

const store = await openConfiguredStore(config);
const clock = () => new Date();
const reads = new AccessRecorder({ actor, requestId: randomUUID(), purpose: purpose.data, via: 'command-line' });
try {
  const deps = {
    store,
    clock,
    accessCache: new AccessCache(),
    signingKey: loadSigningKey(config.SEND_LEDGER_DATA_DIR, config.TREE_HEAD_SIGNING_KEY),
    lateThresholdDays: config.LATE_ENTRY_THRESHOLD_DAYS,
  };
  let bundle;
  try {
    bundle = await exportEvidenceFor(deps, { actor, reads }, values.child, purpose.data);
  } finally {
    // As the API does before it answers: the read, or the refused attempt, is in the access log before anything is written.
    const entries = reads.drain(clock());
    if (entries.length > 0) await store.accessLog.append(entries);
  }
  if (!bundle) {
    console.error(`child ${values.child} was not found`);
    process.exitCode = 1;
  } else {
    const out = values.out ?? `evidence-${bundle.childId}-${bundle.exportId}.json`;
    writeFileSync(out, JSON.stringify(bundle, null, 2));
    console.log(`Wrote ${out}: ${bundle.entries.length} entries proved into a signed log of ${bundle.treeHead.treeSize} entries, exported by ${actor.displayName} (${actor.role}, ${actor.organisation}). Check it with: npm run verify-bundle -- ${out}`);
  }
} finally {
  await store.close();
}
