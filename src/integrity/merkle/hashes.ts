/**
 * RFC 6962 / RFC 9162 (section 2.1) hashing for Merkle trees with SHA-256.
 *
 * Leaves and interior nodes are domain-separated by a one-byte prefix (0x00 for a
 * leaf, 0x01 for a node), so a leaf can never be passed off as an interior node
 * (second-preimage resistance).
 *
 * Pure: depends on node:crypto only, so it can run inside a standalone offline verifier.
 */
import * as crypto from 'node:crypto';

/** Every hash in this module is a SHA-256 digest of this many bytes. */
export const HASH_SIZE = 32;

const NODE_PREFIX = Buffer.from([0x01]);

/** Hex of SHA-256(""), the Merkle Tree Hash of the empty tree (RFC 6962 section 2.1). */
export const EMPTY_ROOT_HEX = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * MTH({}) = SHA-256 of the empty string.
 *
 * Buffers are mutable: do not write into this one. Functions in this module never
 * read it; `merkleRoot([])` returns a fresh copy.
 */
export const EMPTY_ROOT: Buffer = Buffer.from(EMPTY_ROOT_HEX, 'hex');

/** A fresh copy of the empty-tree root, immune to anyone having mutated EMPTY_ROOT. */
export function emptyRoot(): Buffer {
  return Buffer.from(EMPTY_ROOT_HEX, 'hex');
}

/**
 * One-shot SHA-256. `crypto.hash` (Node >= 20.12) is about a third cheaper than a
 * createHash object per call, which matters at millions of nodes. It is used only if it
 * exists and passes a self-check on this runtime; otherwise createHash.
 */
type OneShotHash = (algorithm: string, data: Uint8Array, outputEncoding: 'buffer') => unknown;
const viaCreateHash = (data: Uint8Array): Buffer => crypto.createHash('sha256').update(data).digest();
const sha256: (data: Uint8Array) => Buffer = (() => {
  const oneShot = (crypto as unknown as { hash?: OneShotHash }).hash;
  if (typeof oneShot !== 'function') return viaCreateHash;
  try {
    const probe = oneShot('sha256', new Uint8Array(0), 'buffer');
    if (!Buffer.isBuffer(probe) || probe.toString('hex') !== EMPTY_ROOT_HEX) return viaCreateHash;
  } catch {
    return viaCreateHash;
  }
  return (data) => oneShot('sha256', data, 'buffer') as Buffer;
})();

/** SHA-256(0x00 || data). A string is UTF-8 encoded first. */
export function leafHash(data: Uint8Array | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const input = Buffer.allocUnsafe(1 + bytes.byteLength);
  input[0] = 0x00;
  input.set(bytes, 1);
  return sha256(input);
}

/** Reused input buffer for the common case of two 32-byte children (hashing is synchronous). */
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeInput[0] = 0x01;

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  if (left.byteLength === HASH_SIZE && right.byteLength === HASH_SIZE) {
    nodeInput.set(left, 1);
    nodeInput.set(right, 1 + HASH_SIZE);
    return sha256(nodeInput);
  }
  return crypto.createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** True when `value` is a byte array (Buffer or any Uint8Array) of exactly HASH_SIZE bytes. */
export function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.byteLength === HASH_SIZE;
}
