import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessRecorder } from '../access-log/access-recorder.js';
import { AccessCache } from '../application/access-cache.js';
import { evidenceDependencies } from '../application/evidence-dependencies.js';
import { Appeal, EvidencePurpose, exportEvidenceFor } from '../application/export-evidence.js';
import { APPEAL_TYPES } from '../integrity/evidence/bundle.js';
import { verifierPageFor } from '../integrity/evidence/verifier-page/verifier-page.js';
import { loadConfigOrExit } from '../config/load-config.js';
import { openConfiguredStore } from '../config/open-store.js';
import { loadSigningKey } from '../integrity/signing-key.js';
import { CONFIG_EXIT, LEDGER_SETTINGS, parseCommandLine, runCommand, UsageError, type Usage } from './command-line.js';
import { actorOfToken, TOKEN_VARIABLE, tokenFromEnvironment } from './token-actor.js';


const USAGE: Usage = {
  script: 'export-evidence',
  summary:
    "export a child's evidence bundle, as POST /children/<childId>/evidence-bundle does, as the person a token names. " +
    'The token is verified exactly as the API verifies a bearer token (from your identity provider, or in development ' +
    `from npm run token); it is read from ${TOKEN_VARIABLE}, not the command line, which other users of the machine can see. ` +
    "Whether you may export the record is judged by your relationship to the child, as in the API; the export is recorded " +
    'in the ledger under your name and role, and in the child\'s read-access log (via "command-line", with your purpose).',
  synopsis: ['--child <childId> --purpose "<why>" [--appeal <reference> --appeal-type <type> [--hearing-date YYYY-MM-DD]] [--out-dir <dir>]'],
  options: [
    ['--child <childId>', "required: the child whose record is exported"],
    ['--purpose "<why>"', 'required: why, as recorded in the access log (e.g. a tribunal appeal reference)'],
    ['--appeal <reference>', "the tribunal's appeal reference (e.g. EH202/25/00123): on the cover; a re-export for it is the next version"],
    ['--appeal-type <type>', `with --appeal: ${APPEAL_TYPES.join(', ')}`],
    ['--hearing-date <YYYY-MM-DD>', 'with --appeal: the hearing date, if listed (expert reports are judged 3 years back from it)'],
    ['--out-dir <dir>', 'where to write the three files (default: the current directory)'],
  ],
  environment: [
    [TOKEN_VARIABLE, 'required: your token (SEND_LEDGER_TOKEN=$(npm run -s token -- ...) in development)'],
    ...LEDGER_SETTINGS,
    ['AUTH_JWT_SECRET, AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE, AUTH_ALGORITHMS, AUTH_CLOCK_TOLERANCE_SECONDS', 'how the token is verified, as the server verifies it'],
    ['TREE_HEAD_SIGNING_KEY', 'the key that signs the bundle\'s tree head (default: the one in the data directory)'],
  ],
  examples: [`${TOKEN_VARIABLE}=<token> npm run export-evidence -- --child <childId> --purpose "First-tier Tribunal appeal" --appeal EH202/25/00123 --appeal-type sections_b_and_f --hearing-date 2026-03-10`],
  exitStatus: `0 written (what is over the Practice Direction's page limits is printed, and does not stop the export); 1 no such child (or none you may export); 2 bad arguments or a token that is not accepted; ${CONFIG_EXIT}.`,
};

async function exportEvidence(args: string[]): Promise<number> {
  const { values } = parseCommandLine({
    args,
    options: {
      child: { type: 'string' },
      purpose: { type: 'string' },
      appeal: { type: 'string' },
      'appeal-type': { type: 'string' },
      'hearing-date': { type: 'string' },
      'out-dir': { type: 'string' },
    },
  });
  if (!values.child) throw new UsageError('--child is required');
  const purpose = EvidencePurpose.safeParse(values.purpose ?? '');
  if (!purpose.success) throw new UsageError(`--purpose: ${purpose.error.issues[0]!.message}`);
  let appeal = null;
  if (values.appeal !== undefined || values['appeal-type'] !== undefined || values['hearing-date'] !== undefined) {
    const parsed = Appeal.safeParse({ reference: values.appeal ?? '', appealType: values['appeal-type'], hearingDate: values['hearing-date'] ?? null });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const option = { reference: '--appeal', appealType: '--appeal-type', hearingDate: '--hearing-date' }[String(issue.path[0])] ?? '--appeal';
      throw new UsageError(`${option}: ${issue.message}`);
    }
    appeal = parsed.data;
  }
  const token = tokenFromEnvironment('the export is recorded under the identity it proves');
  const config = loadConfigOrExit();
  const actor = await actorOfToken(config, token);

  const store = await openConfiguredStore(config);
  const clock = () => new Date();
  const reads = new AccessRecorder({ actor, requestId: randomUUID(), purpose: purpose.data, via: 'command-line' });
  try {
    const deps = evidenceDependencies({
      config,
      store,
      clock,
      accessCache: new AccessCache(),
      signingKey: loadSigningKey(config.SEND_LEDGER_DATA_DIR, config.TREE_HEAD_SIGNING_KEY),
      keys: store.keys,
    });
    let exported;
    try {
      exported = await exportEvidenceFor(deps, { actor, reads }, values.child, { purpose: purpose.data, appeal });
    } finally {
      // As the API does before it answers: the read, or the refused attempt, is in the access log before anything is written.
      const entries = reads.drain(clock());
      if (entries.length > 0) await store.accessLog.append(entries);
    }
    if (!exported) {
      console.error(`child ${values.child} was not found`);
      return 1;
    }
    const { bundle, pdf, findings } = exported;
    const dir = values['out-dir'] ?? '.';
    mkdirSync(dir, { recursive: true });
    const stem = join(dir, `${(appeal?.reference ?? `evidence-${bundle.manifest.childId}`).replace(/[^A-Za-z0-9-]+/g, '-')}-bundle-v${bundle.manifest.version}`);
    // Compact: the bundle file has no byte that is not a value, so any changed byte fails a check.
    writeFileSync(`${stem}.json`, JSON.stringify(bundle));
    writeFileSync(`${stem}.pdf`, pdf);
    writeFileSync(`${stem}.html`, await verifierPageFor(bundle));
    console.log(
      `Wrote version ${bundle.manifest.version} of the bundle: ${stem}.html (opens in a browser and checks itself), ${stem}.pdf (the hearing bundle) and ${stem}.json ` +
        `(for npm run verify-bundle -- ${stem}.json). ${bundle.entries.length} entries proved into a signed log of ${bundle.treeHead.treeSize} entries, ` +
        `co-signed by ${bundle.cosignatures.length} witness${bundle.cosignatures.length === 1 ? '' : 'es'}, exported by ${actor.displayName} (${actor.role}, ${actor.organisation}).`,
    );
    for (const finding of findings) console.log(`Over the Practice Direction's limits: ${finding.message}`);
    return 0;
  } finally {
    await store.close();
  }
}

await runCommand(USAGE, exportEvidence);
