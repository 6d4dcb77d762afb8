import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load-demo.js';
import { createSimulatedClock } from '../../src/demo/simulated-clock.js';
import type { EvidenceBundle } from '../../src/integrity/evidence/bundle.js';
import { exportEvidenceBundle, type ExportDependencies } from '../../src/integrity/evidence/export-bundle.js';
import { verifyEvidenceBundle } from '../../src/integrity/evidence/verifier/verify-evidence-bundle.js';
import { ephemeralSigningKey } from '../../src/integrity/signing-key.js';
import { askWitnesses } from '../../src/integrity/witness/ask-witnesses.js';
import type { WitnessPolicy } from '../../src/integrity/witness/cosignature.js';
import type { WitnessInfo } from '../../src/integrity/witness/witness-protocol.js';
import { memoryKeyStore } from '../../src/privacy/child-key-store.js';
import { encryptingStore } from '../../src/privacy/encrypting-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { tempDir } from '../support/temp-dir.js';
import { startWitness, type WitnessProcess } from '../witness/witness-process.js';

/**
 * Bundles carry the witnesses' co-signatures of their head, and a reader's policy (which witness keys, how many)
 * decides whether they are enough: a forged or a missing co-signature fails, as does a head re-signed elsewhere.
 */
const dir = tempDir('send-ledger-witnessed-');
const signingKey = ephemeralSigningKey();
const ledgerKeyFile = join(dir.path, 'ledger-key.pem');
writeFileSync(ledgerKeyFile, signingKey.publicKeyPem);
let witnesses: WitnessProcess[] = [];
let policy: WitnessPolicy;
let bundle: EvidenceBundle;

beforeAll(async () => {
  witnesses = await Promise.all(
    [['Kentish Vale Parent Carer Forum witness', 'forum'], ['Neighbouring LA witness', 'neighbour']].map(([name, data]) =>
      startWitness(['--name', name!, '--ledger-key', ledgerKeyFile, '--data-dir', join(dir.path, data!)]),
    ),
  );
  const infos = await Promise.all(witnesses.map(async (w) => (await (await fetch(`${w.url}/v1/witness`)).json()) as WitnessInfo));
  policy = { witnesses: infos.map(({ name, publicKeyPem }) => ({ name, publicKeyPem })), required: 2 };

  const clock = createSimulatedClock();
  const keys = memoryKeyStore();
  const store = encryptingStore(createMemoryStore(clock.now), keys);
  const demo = await loadDemo(store, clock);
  const deps: ExportDependencies = {
    store,
    clock: clock.now,
    signingKey,
    keys,
    lateThresholdDays: 14,
    askWitnesses: async (head) => (await askWitnesses({ store, witnesses: witnesses.map((w) => ({ url: w.url })), clock: clock.now }, head)).cosignatures,
    witnessPolicy: policy,
  };
  const childId = demo.children[1]!.childId;
  bundle = (await exportEvidenceBundle(deps, { childId, actor: { id: 'la-1', displayName: 'Sam Okafor', role: 'la_officer', organisation: '202' }, purpose: 'Tribunal appeal', appeal: null, upToRevision: null }))!.bundle;
}, 120_000);

afterAll(async () => {
  await Promise.all(witnesses.map((w) => w.stop()));
  dir.remove();
});

const copy = (): EvidenceBundle => JSON.parse(JSON.stringify(bundle)) as EvidenceBundle;

describe('a bundle carries its head\'s co-signatures, checked against a policy', () => {
  it('both witnesses co-signed the head the bundle is proved against, and it verifies under a policy needing both', async () => {
    expect(bundle.cosignatures.map((c) => c.witness).sort()).toEqual(['Kentish Vale Parent Carer Forum witness', 'Neighbouring LA witness']);
    const report = await verifyEvidenceBundle(bundle, { witnessPolicy: policy, ledgerKeyId: signingKey.keyId });
    expect(report.failures).toEqual([]);
    expect(report.witnesses).toMatchObject({ policySource: 'reader', satisfiedBy: expect.arrayContaining(['Neighbouring LA witness', 'Kentish Vale Parent Carer Forum witness']) });
    // Without a policy of the reader's own, the one the ledger states is applied, and said to be the ledger's.
    expect((await verifyEvidenceBundle(bundle)).witnesses.policySource).toBe('bundle');
  });

  it('a forged co-signature fails, naming the witness', async () => {
    const forged = copy();
    const signature = Buffer.from(forged.cosignatures[0]!.signature, 'base64');
    signature[10] = signature[10]! ^ 0xff;
    forged.cosignatures[0]!.signature = signature.toString('base64');
    const report = await verifyEvidenceBundle(forged, { witnessPolicy: policy });
    expect(report.ok).toBe(false);
    expect(report.failures.map((f) => f.problem).join('\n')).toMatch(new RegExp(`co-signature of ${bundle.cosignatures[0]!.witness} does not verify`));
  });

  it('a missing co-signature fails under a policy needing two', async () => {
    const missing = copy();
    missing.cosignatures.pop();
    const report = await verifyEvidenceBundle(missing, { witnessPolicy: policy });
    expect(report.ok).toBe(false);
    expect(report.failures.map((f) => f.problem).join('\n')).toMatch(/needs co-signatures from 2 witnesses; .* verified/);
  });

  it('a head re-signed with another key fails: against the ledger key the reader holds, and the witnesses never signed it', async () => {
    const other = ephemeralSigningKey();
    const { signTreeHead } = await import('../../src/integrity/tree-head.js');
    const resigned = copy();
    const head = signTreeHead({ treeSize: bundle.treeHead.treeSize, rootHash: bundle.treeHead.rootHash, timestamp: bundle.treeHead.timestamp }, other.privateKey, other.keyId);
    resigned.treeHead = head;
    resigned.publicKeyPem = other.publicKeyPem;
    const report = await verifyEvidenceBundle(resigned, { witnessPolicy: policy, ledgerKeyId: signingKey.keyId });
    expect(report.ok).toBe(false);
    expect(report.failures.some((f) => f.place.label === 'the tree head' && /not by the ledger key you gave/.test(f.problem))).toBe(true);
    expect(report.failures.some((f) => f.place.label === 'the witnesses')).toBe(true);
  });
});
