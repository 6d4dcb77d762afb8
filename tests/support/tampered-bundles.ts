import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { loadDemo } from '../../src/demo/load-demo.js';
import { createSimulatedClock } from '../../src/demo/simulated-clock.js';
import type { EvidenceBundle } from '../../src/integrity/evidence/bundle.js';
import { exportEvidenceBundle } from '../../src/integrity/evidence/export-bundle.js';
import type { VerifyOptions } from '../../src/integrity/evidence/verifier/verify-evidence-bundle.js';
import { ephemeralSigningKey } from '../../src/integrity/signing-key.js';
import { treeHeadBytes } from '../../src/integrity/tree-head.js';
import { cosignatureBytes, keyIdOfPem, type Cosignature, type WitnessPolicy } from '../../src/integrity/witness/cosignature.js';
import { encryptingStore } from '../../src/privacy/encrypting-store.js';
import { memoryKeyStore } from '../../src/privacy/child-key-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';

/**
 * The tamper set both verifiers (the Node core and the offline HTML page) are held to: every single-byte change
 * of a good bundle, and the changes a person would make on purpose, each with the place its failure must name.
 */

const EXPORTER = { id: 'advocate-1', displayName: 'Ava Advocate', role: 'advocate', organisation: 'IPSEA' };
const WITNESS = 'Kentish Vale Parent Carer Forum witness';

export interface DemoBundles {
  /** The demo child with the fewest entries, and the one with the most. */
  smallest: EvidenceBundle;
  longest: EvidenceBundle;
  /** The policy naming the one witness that co-signed the heads (the bundles state it too). */
  witnessPolicy: WitnessPolicy;
}

/**
 * Load the demo into an encrypting memory store and export a bundle of its smallest and longest records, each
 * head co-signed by one witness, as a deployment with a witness configured would.
 */
export async function demoBundles(): Promise<DemoBundles> {
  const clock = createSimulatedClock();
  const keys = memoryKeyStore();
  const store = encryptingStore(createMemoryStore(clock.now), keys);
  const demo = await loadDemo(store, clock);
  const witnessKey = generateKeyPairSync('ed25519');
  const witnessPem = witnessKey.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const witnessKeyId = (await keyIdOfPem(witnessPem))!;
  const witnessPolicy: WitnessPolicy = { witnesses: [{ name: WITNESS, publicKeyPem: witnessPem }], required: 1 };
  const askWitnesses = async (head: EvidenceBundle['treeHead']): Promise<Cosignature[]> => {
    const cosignedAt = clock.now().toISOString();
    const signature = sign(null, cosignatureBytes(head, witnessKeyId, cosignedAt), witnessKey.privateKey).toString('base64');
    return [{ witness: WITNESS, witnessKeyId, cosignedAt, signature }];
  };
  const deps = { store, clock: clock.now, signingKey: ephemeralSigningKey(), keys, lateThresholdDays: 14, askWitnesses, witnessPolicy };

  const lengths = await Promise.all(demo.children.map(async ({ childId }) => ({ childId, length: (await store.readStream(`child-${childId}`)).length })));
  lengths.sort((a, b) => a.length - b.length);
  const exportOf = async (childId: string) => {
    const exported = await exportEvidenceBundle(deps, {
      childId,
      actor: EXPORTER,
      purpose: 'First-tier Tribunal (SEND) appeal',
      appeal: { reference: 'EH202/25/00123', hearingDate: '2026-03-10', appealType: 'sections_b_and_f' },
      upToRevision: null,
    });
    if (!exported) throw new Error('the demo child has no record to export');
    return exported.bundle;
  };
  return { smallest: await exportOf(lengths[0]!.childId), longest: await exportOf(lengths.at(-1)!.childId), witnessPolicy };
}

/**
 * Every single-byte change of the bundle's compact JSON text (or those at the given positions): byte i of its
 * UTF-8 bytes XOR 0x01, decoded back without failing on what is no longer UTF-8. A generator (they are as many
 * as the file has bytes), and self-contained (globals only), so its source runs inside a browser page too.
 */
export function* singleByteChanges(bundle: unknown, positions?: Iterable<number>): Generator<{ position: number; text: string }> {
  const bytes = new TextEncoder().encode(JSON.stringify(bundle));
  const decoder = new TextDecoder('utf-8');
  const all = function* () {
    for (let position = 0; position < bytes.length; position++) yield position;
  };
  for (const position of positions ?? all()) {
    bytes[position] = bytes[position]! ^ 0x01;
    const text = decoder.decode(bytes);
    bytes[position] = bytes[position]! ^ 0x01;
    yield { position, text };
  }
}

export interface NamedTampering {
  name: string;
  /** The tampered bundle's file text. */
  text: string;
  /** What the reader checks it with, when the tampering is only visible against their own trust anchors. */
  options?: VerifyOptions;
  /** The place (FailurePlace.label) a failure must name. */
  place: string;
}

const copy = (bundle: EvidenceBundle): EvidenceBundle => JSON.parse(JSON.stringify(bundle)) as EvidenceBundle;

function tampered(name: string, good: EvidenceBundle, place: string, change: (b: EvidenceBundle) => void, options?: VerifyOptions): NamedTampering {
  const bundle = copy(good);
  change(bundle);
  return { name, text: JSON.stringify(bundle), place, ...(options ? { options } : {}) };
}

/** The head signed again by a key that is not the ledger's: its bytes as they were, or naming the new key. */
function resign(bundle: EvidenceBundle, renameKey: boolean, replacePem: boolean): void {
  const forger = generateKeyPairSync('ed25519');
  const pem = forger.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const der = forger.publicKey.export({ type: 'spki', format: 'der' });
  const keyId = renameKey ? createHash('sha256').update(der).digest('hex') : bundle.treeHead.keyId;
  const head = { ...bundle.treeHead, keyId };
  bundle.treeHead = { ...head, signature: sign(null, treeHeadBytes(head), forger.privateKey).toString('base64') };
  if (replacePem) bundle.publicKeyPem = pem;
}

/**
 * The deliberate tamperings of a good bundle. `other` is another child's good bundle, whose readable PDF is
 * swapped in; `ledgerKeyId` is the fingerprint the local authority publishes, which a fully re-signed head
 * (new key, new key id) fails against.
 */
export function namedTamperings(good: EvidenceBundle, other: EvidenceBundle): NamedTampering[] {
  const last = good.entries.length - 1;
  const middle = Math.floor(good.entries.length / 2);
  const withKey = good.entries.map((e, i) => (e.entryKey ? i : -1)).filter((i) => i >= 0);
  return [
    tampered('the PDF of another child’s bundle swapped in', good, 'the tribunal bundle PDF', (b) => {
      b.documents.tribunalBundlePdf = other.documents.tribunalBundlePdf;
    }),
    tampered(`entry ${middle + 1} (the middle one) dropped`, good, `entry ${middle + 1}`, (b) => {
      b.entries.splice(middle, 1);
    }),
    tampered(`entry ${last + 1} (the last one) dropped`, good, 'the manifest', (b) => {
      b.entries.pop();
    }),
    tampered('the head re-signed by another key, keeping the ledger’s public key', good, 'the tree head', (b) => resign(b, false, false)),
    tampered('the head re-signed by another key, which replaces the bundled public key', good, 'the tree head', (b) => resign(b, false, true)),
    tampered(
      'the head re-signed by another key under its own key id, checked against the published fingerprint',
      good,
      'the tree head',
      (b) => resign(b, true, true),
      { ledgerKeyId: good.treeHead.keyId },
    ),
    tampered('the head re-signed by another key under its own key id, checked against the witnesses', good, 'the witnesses', (b) => resign(b, true, true)),
    tampered('entries 2 and 3 swapped', good, 'entry 2', (b) => {
      [b.entries[1], b.entries[2]] = [b.entries[2]!, b.entries[1]!];
    }),
    tampered(`entry ${withKey[0]! + 1} given the key of entry ${withKey[1]! + 1}`, good, `entry ${withKey[0]! + 1}`, (b) => {
      b.entries[withKey[0]!]!.entryKey = b.entries[withKey[1]!]!.entryKey!;
    }),
    tampered('the manifest’s purpose changed', good, 'the export record', (b) => {
      b.manifest.purpose = 'Annual review';
    }),
    tampered(`the manifest saying entry ${withKey[0]! + 1} is not disclosed`, good, 'the export record', (b) => {
      b.manifest.undisclosed = [...b.manifest.undisclosed, { revision: withKey[0]!, reason: 'erased' }];
    }),
  ];
}

export interface SweepPlan {
  /** The byte positions to change, in order. */
  positions: number[];
  checked: number;
  total: number;
  description: string;
}

/** Every k-th byte of the bulk (the entries and the PDF), where k keeps a default run near a minute. */
const BULK_STRIDE = 97;

/**
 * Which single-byte changes a run checks. With SEND_LEDGER_FULL_SWEEP=1, every byte of the file: about 20 ms a
 * change on two cores, so some 45 minutes for the demo's smallest bundle. By default every byte of everything
 * but the entries and the PDF (the head, the key, the co-signatures, the manifest, the export record), and
 * every 97th byte of the entries and the PDF, which are long runs of alike bytes (ciphertext, proof hashes,
 * the PDF's base64). The test prints which it did.
 */
export function sweepPlan(bundle: EvidenceBundle): SweepPlan {
  const text = JSON.stringify(bundle);
  const total = new TextEncoder().encode(text).length;
  const every = Array.from({ length: total }, (_, p) => p);
  if (process.env['SEND_LEDGER_FULL_SWEEP'] === '1') return { positions: every, checked: total, total, description: 'every byte' };
  if (total !== text.length) throw new Error('the sweep plan counts characters as bytes: the bundle must be ASCII, as JSON.stringify of a format 2 bundle is');
  const bulk = ['entries', 'documents'].map((field) => {
    const start = text.indexOf(`"${field}":`);
    return { start, end: start + `"${field}":`.length + JSON.stringify(bundle[field as keyof EvidenceBundle]).length };
  });
  const inBulk = (p: number) => bulk.some((r) => p >= r.start && p < r.end);
  const positions = every.filter((p) => !inBulk(p) || p % BULK_STRIDE === 0);
  return {
    positions,
    checked: positions.length,
    total,
    description: `every byte outside the entries and the PDF, every ${BULK_STRIDE}th byte of those; SEND_LEDGER_FULL_SWEEP=1 checks all ${total}`,
  };
}
