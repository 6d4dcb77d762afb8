import type { Actor } from '../../ledger/envelope.js';
import type { SignedTreeHead } from '../tree-head.js';

export const BUNDLE_FORMAT = 'send-ledger-evidence-bundle/1';

/** One entry of the child's trail, with the bytes the ledger hashed and the proof it is in the signed log. */
export interface BundleEntry {
  leafIndex: number;
  globalPosition: number;
  streamId: string;
  streamRevision: number;
  eventId: string;
  type: string;
  /** The canonical (RFC 8785) bytes exactly as stored and hashed. */
  canonical: string;
  previousHash: string;
  hash: string;
  /** Audit path (hex SHA-256 values) from this entry's leaf to the signed root. */
  inclusionProof: string[];
}

/**
 * Everything a tribunal needs to check a child's record without trusting the server: the entries,
 * their inclusion proofs against one signed tree head, the public key, and a readable chronology.
 */
export interface EvidenceBundle {
  format: typeof BUNDLE_FORMAT;
  exportId: string;
  childId: string;
  purpose: string;
  exportedAt: string;
  exportedBy: Actor;
  treeHead: SignedTreeHead;
  /** Ed25519 public key (SPKI PEM) that signed the head; compare its keyId with the one the LA publishes. */
  publicKeyPem: string;
  entries: BundleEntry[];
  /** The human-readable chronology, a PDF, base64. */
  chronologyPdf: string;
  howToVerify: string;
}

export const HOW_TO_VERIFY = [
  'Run: npx tsx src/cli/verify-bundle.ts <bundle.json> (no server or database needed). It checks:',
  '1. the tree head signature: Ed25519 over the RFC 8785 bytes of {treeSize, rootHash, timestamp, keyId} with publicKeyPem;',
  '2. each entry: SHA-256(0x00 || canonical bytes) with its inclusion proof reaches the signed root (RFC 6962 / RFC 9162);',
  '3. the child stream hash chain: hash = SHA-256(previous hash as 32 bytes || canonical bytes), from 32 zero bytes at revision 0;',
  '4. that the canonical bytes say what the entry claims (event id, stream, revision, type).',
].join('\n');
