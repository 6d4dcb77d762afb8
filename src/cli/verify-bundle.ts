import { readFileSync, writeFileSync } from 'node:fs';
import { loadWitnessPolicy } from '../integrity/witness/witness-policy.js';
import { verifyEvidenceBundle, type VerifyOptions } from '../integrity/evidence/verifier/verify-evidence-bundle.js';
import { describeVerification } from '../integrity/evidence/verifier/describe-verification.js';
import { parseCommandLine, runCommand, UsageError, type Usage } from './command-line.js';

const USAGE: Usage = {
  script: 'verify-bundle',
  summary:
    'check an evidence bundle offline, with no server and no database, with the same code as the HTML verifier that ' +
    "comes with it: the tree head's signature, every entry's inclusion proof and the hash chain between them, every " +
    "disclosed entry against the key its hashed bytes commit to, the manifest against the ledger's record of the export, " +
    'the witnesses\' co-signatures against a policy, and the hearing-bundle PDF drawn again from the verified entries and ' +
    'compared byte for byte.',
  synopsis: ['<bundle.json> [--witnesses policy.json] [--ledger-key <fingerprint>] [--save-pdf bundle.pdf]'],
  options: [
    ['<bundle.json>', "a bundle written by npm run export-evidence, or saved from the HTML verifier's \"Save the bundle file\""],
    ['--witnesses <policy.json>', "the witnesses you trust and how many must have co-signed ({\"witnesses\":[{\"name\",\"publicKeyPem\"}],\"required\":n}); default: the policy the bundle states, reported as such"],
    ['--ledger-key <fingerprint>', "the ledger key's SHA-256 fingerprint as the local authority publishes it (64 hex characters); the head must be signed by it"],
    ['--save-pdf <file>', 'write the hearing-bundle PDF as drawn from the verified entries (only when they verify)'],
  ],
  environment: [],
  examples: ['npm run verify-bundle -- bundle.json', 'npm run verify-bundle -- bundle.json --witnesses witnesses.json --ledger-key 3f2a…'],
  exitStatus: '0 every check passes; 1 a check fails (each failure is named); 2 bad arguments, or a file that cannot be read as JSON.',
};

async function verify(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    options: { witnesses: { type: 'string' }, 'ledger-key': { type: 'string' }, 'save-pdf': { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError(`give one bundle file${positionals.length > 1 ? `, not ${positionals.length}` : ''}`);
  const file = positionals[0]!;
  const options: VerifyOptions = {};
  const ledgerKey = values['ledger-key'];
  if (ledgerKey !== undefined) {
    if (!/^[0-9a-f]{64}$/.test(ledgerKey.replace(/\s/g, '').toLowerCase())) throw new UsageError('--ledger-key: give the 64 hex characters of the fingerprint');
    options.ledgerKeyId = ledgerKey.replace(/\s/g, '').toLowerCase();
  }
  if (values.witnesses !== undefined) {
    try {
      options.witnessPolicy = loadWitnessPolicy(values.witnesses);
    } catch (error) {
      throw new UsageError(`--witnesses: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  let bundle: unknown;
  try {
    bundle = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const report = await verifyEvidenceBundle(bundle, options);
  console.log(describeVerification(report).join('\n'));
  if (report.ok && values['save-pdf'] && report.regeneratedPdf) {
    writeFileSync(values['save-pdf'], report.regeneratedPdf);
    console.log(`Wrote the hearing bundle drawn from the verified entries to ${values['save-pdf']}.`);
  }
  return report.ok ? 0 : 1;
}

await runCommand(USAGE, verify);
