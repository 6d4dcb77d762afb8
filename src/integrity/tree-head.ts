import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../ledger/canonical-json.js';

/** A tree head: the size of the log, the Merkle root over its entries (RFC 6962), and when it was taken. */
export interface TreeHead {
  treeSize: number;
  rootHash: string;
  timestamp: string;
}

export interface SignedTreeHead extends TreeHead {
  keyId: string;
  /** Ed25519 over the RFC 8785 bytes of {treeSize, rootHash, timestamp, keyId}, base64. */
  signature: string;
}

/** Exactly the bytes that are signed: anyone can rebuild them from the head. */
export const treeHeadBytes = (head: TreeHead & { keyId: string }) =>
  Buffer.from(canonicalJson({ treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp, keyId: head.keyId }), 'utf8');

export function signTreeHead(head: TreeHead, privateKey: KeyObject, keyId: string): SignedTreeHead {
  const signature = sign(null, treeHeadBytes({ ...head, keyId }), privateKey).toString('base64');
  return { ...head, keyId, signature };
}

/** True only for a well-formed head whose signature verifies under the given public key (SPKI PEM). */
export function verifyTreeHead(head: SignedTreeHead, publicKeyPem: string): boolean {
  try {
    if (!Number.isInteger(head.treeSize) || head.treeSize < 0 || !/^[0-9a-f]{64}$/.test(head.rootHash)) return false;
    return verify(null, treeHeadBytes(head), createPublicKey(publicKeyPem), Buffer.from(head.signature, 'base64'));
  } catch {
    return false;
  }
}
