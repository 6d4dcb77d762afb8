/**
 * Proof verification: RFC 9162 sections 2.1.3.2 (inclusion) and 2.1.4.2 (consistency), the
 * iterative algorithms, over RFC 6962 SHA-256 hashing.
 *
 * This is the security boundary (the lesson of immudb GHSA-672p-m5jq-mrh8, where the client
 * checked only the ends of a proof and accepted a falsified history). So, before running the
 * RFC algorithm, every input is checked and anything malformed is rejected:
 *
 *  - sizes and indices must be safe non-negative integers, in range;
 *  - every hash (leaf, roots, each proof element) must be exactly 32 bytes;
 *  - the proof must have exactly the length the tree shape dictates. The RFC loops reject
 *    most wrong lengths on their own (via the `sn` checks); this check is belt and braces;
 *  - the proof array and its hashes are copied before use, so nothing can change under us.
 *
 * Both functions return a boolean and never throw, whatever they are given.
 *
 * Index arithmetic is done in BigInt so it is exact for every tree size up to
 * Number.MAX_SAFE_INTEGER (JavaScript's bitwise operators would truncate to 32 bits).
 */
import { timingSafeEqual } from 'node:crypto';
import { HASH_SIZE, isHash, nodeHash } from './hashes.js';

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A private copy of a 32-byte hash, or null when `value` is not one. */
function copyHash(value: unknown): Buffer | null {
  return isHash(value) ? Buffer.from(value) : null;
}

/** Private copies of every proof element, or null unless it is an array of 32-byte hashes. */
function copyProof(proof: unknown): Buffer[] | null {
  if (!Array.isArray(proof)) return null;
  const out: Buffer[] = [];
  for (const element of Array.from(proof as unknown[])) {
    const copy = copyHash(element);
    if (copy === null) return null;
    out.push(copy);
  }
  return out;
}

function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === HASH_SIZE && b.length === HASH_SIZE && timingSafeEqual(a, b);
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

function popCount(x: bigint): number {
  let count = 0;
  for (const digit of x.toString(2)) if (digit === '1') count++;
  return count;
}

function trailingZeros(x: bigint): number {
  if (x <= 0n) return 0; // never reached (sizes are checked first), but must not loop forever
  let count = 0;
  while ((x & 1n) === 0n) {
    x >>= 1n;
    count++;
  }
  return count;
}

/**
 * Length of PATH(index, D[size]) for 0 <= index < size: the levels where the paths to
 * `index` and to `size - 1` have split ("inner"), plus one element per left sibling on the
 * right border above that ("border").
 */
function inclusionLength(index: bigint, size: bigint): number {
  const inner = bitLength(index ^ (size - 1n));
  return inner + popCount(index >> BigInt(inner));
}

/**
 * Length of PROOF(oldSize, D[newSize]) for 0 < oldSize < newSize: the inclusion path of leaf
 * oldSize - 1 above the largest perfect subtree ending there, plus that subtree's root
 * unless it is the whole old tree (oldSize a power of two).
 */
function consistencyLength(oldSize: bigint, newSize: bigint): number {
  const inner = bitLength((oldSize - 1n) ^ (newSize - 1n));
  const border = popCount((oldSize - 1n) >> BigInt(inner));
  const shift = trailingZeros(oldSize);
  const oldIsPerfect = oldSize === 1n << BigInt(shift);
  return (oldIsPerfect ? 0 : 1) + (inner - shift) + border;
}

/** The number of hashes in the inclusion proof for `index` in a tree of `treeSize` leaves. */
export function inclusionProofLength(index: number, treeSize: number): number {
  if (!isSize(index) || !isSize(treeSize) || index >= treeSize) {
    throw new RangeError(`leaf index ${index} is not in a tree of size ${treeSize}`);
  }
  return inclusionLength(BigInt(index), BigInt(treeSize));
}

/** The number of hashes in the consistency proof from `oldSize` to `newSize` (0 < oldSize <= newSize). */
export function consistencyProofLength(oldSize: number, newSize: number): number {
  if (!isSize(oldSize) || !isSize(newSize) || oldSize === 0 || oldSize > newSize) {
    throw new RangeError(`no consistency proof from size ${oldSize} to size ${newSize}`);
  }
  return oldSize === newSize ? 0 : consistencyLength(BigInt(oldSize), BigInt(newSize));
}

/**
 * True iff `proof` shows that the leaf with hash `leafHash` is at position `index` in the tree
 * of size `treeSize` whose root is `root`. False for anything malformed or out of range.
 */
export function verifyInclusion(
  leafHash: Buffer,
  index: number,
  treeSize: number,
  proof: readonly Buffer[],
  root: Buffer,
): boolean {
  try {
    if (!isSize(index) || !isSize(treeSize) || index >= treeSize) return false;
    const leaf = copyHash(leafHash);
    const expectedRoot = copyHash(root);
    const path = copyProof(proof);
    if (leaf === null || expectedRoot === null || path === null) return false;

    let fn = BigInt(index);
    let sn = BigInt(treeSize) - 1n;
    if (path.length !== inclusionLength(fn, sn + 1n)) return false;

    // RFC 9162 section 2.1.3.2
    let r = leaf;
    for (const p of path) {
      if (sn === 0n) return false;
      if ((fn & 1n) === 1n || fn === sn) {
        r = nodeHash(p, r);
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1n;
      sn >>= 1n;
    }
    return sn === 0n && sameHash(r, expectedRoot);
  } catch {
    return false;
  }
}

/**
 * True iff `proof` shows that the tree of size `oldSize` with root `oldRoot` is a prefix of the
 * tree of size `newSize` with root `newRoot`.
 *
 * - oldSize === newSize: true iff the proof is empty and the two roots are equal.
 * - oldSize === 0: always false. Every tree extends the empty tree, so such a "proof" carries
 *   no information; RFC 9162 defines consistency proofs only for 0 < first < second, and
 *   transparency-dev/merkle refuses them ("consistency proof from empty tree is meaningless").
 *   Returning true would let a caller that has no trusted earlier state believe it had checked
 *   something. A first tree head must be trusted by other means (a signature, an out-of-band
 *   copy), not by a consistency proof.
 * - oldSize > newSize, bad sizes, malformed hashes or a proof of the wrong length: false.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Buffer,
  newRoot: Buffer,
  proof: readonly Buffer[],
): boolean {
  try {
    if (!isSize(oldSize) || !isSize(newSize) || oldSize === 0 || oldSize > newSize) return false;
    const firstHash = copyHash(oldRoot);
    const secondHash = copyHash(newRoot);
    const path = copyProof(proof);
    if (firstHash === null || secondHash === null || path === null) return false;

    if (oldSize === newSize) return path.length === 0 && sameHash(firstHash, secondHash);

    const first = BigInt(oldSize);
    const second = BigInt(newSize);
    // RFC 9162 section 2.1.4.2 step 1: an empty path fails (implied by the length check).
    if (path.length === 0 || path.length !== consistencyLength(first, second)) return false;

    // Step 2: if first is an exact power of two, prepend first_hash.
    if ((first & (first - 1n)) === 0n) path.unshift(firstHash);
    // Steps 3 and 4.
    let fn = first - 1n;
    let sn = second - 1n;
    while ((fn & 1n) === 1n) {
      fn >>= 1n;
      sn >>= 1n;
    }
    // Step 5.
    let fr = path[0] as Buffer;
    let sr = fr;
    // Step 6.
    for (const c of path.slice(1)) {
      if (sn === 0n) return false;
      if ((fn & 1n) === 1n || fn === sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1n;
      sn >>= 1n;
    }
    // Step 7.
    return sn === 0n && sameHash(fr, firstHash) && sameHash(sr, secondHash);
  } catch {
    return false;
  }
}
