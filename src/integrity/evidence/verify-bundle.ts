import { canonicalJson } from '../../ledger/canonical-json.js';
import { GENESIS_HASH, chainHash } from '../../ledger/event-hash.js';
import { leafHash, verifyInclusion } from '../merkle/index.js';
import { verifyTreeHead } from '../tree-head.js';
import { BUNDLE_FORMAT, type BundleEntry, type EvidenceBundle } from './bundle.js';

export interface BundleFailure {
  /** The entry at fault, or null for the bundle as a whole (format, signature). */
  entry: { eventId: string; streamRevision: number; globalPosition: number } | null;
  problem: string;
}

export interface BundleReport {
  ok: boolean;
  entriesChecked: number;
  treeSize: number | null;
  keyId: string | null;
  failures: BundleFailure[];
}

const isHex32 = (value: unknown) => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

/**
 * Check an evidence bundle with nothing but its own contents: the signature, every inclusion proof,
 * the stream's hash chain, and that each entry's bytes say what the entry claims. Reports every failure.
 */
export function verifyBundle(input: unknown): BundleReport {
  const failures: BundleFailure[] = [];
  const bundle = input as Partial<EvidenceBundle>;
  const fail = (entry: BundleEntry | null, problem: string) =>
    failures.push({ entry: entry ? { eventId: entry.eventId, streamRevision: entry.streamRevision, globalPosition: entry.globalPosition } : null, problem });

  if (bundle?.format !== BUNDLE_FORMAT || !bundle.treeHead || !bundle.publicKeyPem || !Array.isArray(bundle.entries)) {
    return { ok: false, entriesChecked: 0, treeSize: null, keyId: null, failures: [{ entry: null, problem: `not a ${BUNDLE_FORMAT} file` }] };
  }
  const head = bundle.treeHead;
  if (!verifyTreeHead(head, bundle.publicKeyPem)) fail(null, 'the tree head signature does not verify with the bundled public key');
  const root = isHex32(head.rootHash) ? Buffer.from(head.rootHash, 'hex') : null;

  const entries = [...bundle.entries].sort((a, b) => a.streamRevision - b.streamRevision);
  let previous = GENESIS_HASH;
  entries.forEach((entry, i) => {
    if (entry.streamRevision !== i) fail(entry, `revision ${entry.streamRevision} found where revision ${i} was expected: an entry is missing or out of order`);
    let body: Record<string, unknown> | null = null;
    try {
      body = JSON.parse(entry.canonical) as Record<string, unknown>;
    } catch {
      fail(entry, 'its canonical bytes are not JSON');
    }
    if (body) {
      if (canonicalJson(body) !== entry.canonical) fail(entry, 'its bytes are not in canonical (RFC 8785) form');
      const claims = { eventId: entry.eventId, streamId: entry.streamId, streamRevision: entry.streamRevision, type: entry.type };
      for (const [field, value] of Object.entries(claims)) {
        if (body[field] !== value) fail(entry, `its bytes say ${field} ${JSON.stringify(body[field])}, the bundle says ${JSON.stringify(value)}`);
      }
      if (entry.streamId !== `child-${bundle.childId}`) fail(entry, `it belongs to ${entry.streamId}, not to the child's stream`);
    }
    if (entry.previousHash !== previous) fail(entry, 'its previous hash is not the hash of the entry before it: the chain is broken');
    if (chainHash(isHex32(entry.previousHash) ? entry.previousHash : GENESIS_HASH, entry.canonical) !== entry.hash) {
      fail(entry, 'its bytes do not match its hash: the entry was altered');
    }
    const proof = Array.isArray(entry.inclusionProof) && entry.inclusionProof.every(isHex32) ? entry.inclusionProof.map((h) => Buffer.from(h, 'hex')) : null;
    if (!root || !proof || !verifyInclusion(leafHash(entry.canonical), entry.leafIndex, head.treeSize, proof, root)) {
      fail(entry, `its inclusion proof does not reach the signed root of the ${head.treeSize}-entry log`);
    }
    previous = entry.hash;
  });
  return { ok: failures.length === 0, entriesChecked: entries.length, treeSize: head.treeSize, keyId: head.keyId, failures };
}
