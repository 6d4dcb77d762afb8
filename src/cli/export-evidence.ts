import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { AccessRecorder } from '../access-log/access-recorder.js';
import { createTokenVerifier, InvalidToken } from '../api/auth/token-verifier.js';
import { AccessCache } from '../application/access-cache.js';
import { EvidencePurpose, exportEvidenceFor } from '../application/export-evidence.js';
import { loadConfigOrExit } from '../config/load-config.js';
import { openConfiguredStore } from '../config/open-store.js';
import { tokenSettingsFrom } from '../config/token-settings.js';
import { loadSigningKey } from '../integrity/signing-key.js';
import type { Actor } from '../ledger/envelope.js';
import { CONFIG_EXIT, LEDGER_SETTINGS, parseCommandLine, runCommand, UsageError, type Usage } from './command-line.js';

const TOKEN_VARIABLE = 'SEND_LEDGER_TOKEN';

const USAGE: Usage = {
  script: 'export-evidence',
  summary:
    "export a child's evidence bundle, as POST /children/<childId>/evidence-bundle does, as the person a token names. " +
    'The token is verified exactly as the API verifies a bearer token (from your identity provider, or in development ' +
    `from npm run token); it is read from ${TOKEN_VARIABLE}, not the command line, which other users of the machine can see. ` +
    "Whether you may export the record is judged by your relationship to the child, as in the API; the export is recorded " +
    'in the ledger under your name and role, and in the child\'s read-access log (via "command-line", with your purpose).',
  synopsis: ['--child <childId> --purpose "<why>" [--out bundle.json]'],
  options: [
    ['--child <childId>', "required: the child whose record is exported"],
    ['--purpose "<why>"', 'required: why, as recorded in the access log (e.g. a tribunal appeal reference)'],
    ['--out <file>', 'where to write the bundle (default evidence-<childId>-<exportId>.json)'],
  ],
  environment: [
    [TOKEN_VARIABLE, 'required: your token (SEND_LEDGER_TOKEN=$(npm run -s token -- ...) in development)'],
    ...LEDGER_SETTINGS,
    ['AUTH_JWT_SECRET, AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE, AUTH_ALGORITHMS, AUTH_CLOCK_TOLERANCE_SECONDS', 'how the token is verified, as the server verifies it'],
    ['TREE_HEAD_SIGNING_KEY', 'the key that signs the bundle\'s tree head (default: the one in the data directory)'],
  ],
  examples: [`${TOKEN_VARIABLE}=<token> npm run export-evidence -- --child <childId> --purpose "First-tier Tribunal appeal" --out bundle.json`],
  exitStatus: `0 written; 1 no such child (or none you may export); 2 bad arguments or a token that is not accepted; ${CONFIG_EXIT}.`,
};

async function exportEvidence(args: string[]): Promise<number> {
  const { values } = parseCommandLine({ args, options: { child: { type: 'string' }, purpose: { type: 'string' }, out: { type: 'string' } } });
  if (!values.child) throw new UsageError('--child is required');
  const purpose = EvidencePurpose.safeParse(values.purpose ?? '');
  if (!purpose.success) throw new UsageError(`--purpose: ${purpose.error.issues[0]!.message}`);
  const token = process.env[TOKEN_VARIABLE]?.trim();
  if (!token) throw new UsageError(`set ${TOKEN_VARIABLE} to your token: the export is recorded under the identity it proves`);

  const config = loadConfigOrExit();
  let actor: Actor;
  try {
    actor = await createTokenVerifier(tokenSettingsFrom(config))(token);
  } catch (error) {
    if (error instanceof InvalidToken) throw new UsageError(`${TOKEN_VARIABLE}: ${error.message}`);
    throw error;
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
      return 1;
    }
    const out = values.out ?? `evidence-${bundle.childId}-${bundle.exportId}.json`;
    writeFileSync(out, JSON.stringify(bundle, null, 2));
    console.log(`Wrote ${out}: ${bundle.entries.length} entries proved into a signed log of ${bundle.treeHead.treeSize} entries, exported by ${actor.displayName} (${actor.role}, ${actor.organisation}). Check it with: npm run verify-bundle -- ${out}`);
    return 0;
  } finally {
    await store.close();
  }
}

await runCommand(USAGE, exportEvidence);
