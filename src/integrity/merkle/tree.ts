/**
 * The Merkle tree of RFC 6962 section 2.1 (unchanged in RFC 9162 section 2.1.1),
 * built over leaf hashes (see `leafHash`):
 *
 *   MTH({})      = SHA-256("")
 *   MTH({d0})    = the leaf hash itself
 *   MTH(D[n])    = nodeHash(MTH(D[0:k]), MTH(D[k:n]))  with k the largest power of two < n
 *
 * Proofs follow RFC 6962 section 2.1.1 (PATH) and 2.1.2 (PROOF / SUBPROOF). The recursions
 * are unrolled into a single descent over index ranges: every proof element is the root of
 * a subtree disjoint from all the others, so one proof costs at most n - 1 node hashes and
 * O(log n) memory beyond the leaves. A root costs exactly n - 1 node hashes.
 *
 * These functions build proofs; they throw (RangeError / TypeError) when asked for something
 * that does not exist. Checking proofs is `verify.ts`, which never throws.
 */
import { HASH_SIZE, emptyRoot, isHash, nodeHash } from './hashes.js';

/**
 * The largest power of two strictly smaller than n (n >= 2). Plain arithmetic rather than
 * 32-bit bitwise operators, so it stays exact for any safe integer.
 */
export function largestPowerOfTwoBelow(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`need an integer n >= 2, got ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function assertLeaves(leaves: readonly Buffer[]): void {
  if (!Array.isArray(leaves)) throw new TypeError('leaves must be an array of 32-byte leaf hashes');
  for (let i = 0; i < leaves.length; i++) {
    if (!isHash(leaves[i])) {
      throw new TypeError(`leaf ${i} is not a ${HASH_SIZE}-byte hash (pass leafHash(data), not the data)`);
    }
  }
}

function leafAt(leaves: readonly Buffer[], i: number): Buffer {
  const leaf = leaves[i];
  if (leaf === undefined) throw new RangeError(`no leaf at ${i}`);
  return leaf;
}

/**
 * Incremental RFC 6962 root computation. Keeps the roots of the perfect subtrees that make
 * up the binary decomposition of the current size (a "compact range"), largest first, so
 * memory is O(log n) and each append costs amortised one node hash.
 */
export class MerkleTreeBuilder {
  readonly #roots: Buffer[] = [];
  readonly #sizes: number[] = [];
  #size = 0;

  /** Number of leaves appended so far. */
  get size(): number {
    return this.#size;
  }

  /** Append one leaf hash (32 bytes, e.g. from `leafHash`). The builder keeps its own copy. */
  append(leaf: Buffer): this {
    if (!isHash(leaf)) throw new TypeError(`leaf is not a ${HASH_SIZE}-byte hash (pass leafHash(data), not the data)`);
    let hash: Buffer = Buffer.from(leaf);
    let size = 1;
    while (this.#sizes.length > 0 && this.#sizes[this.#sizes.length - 1] === size) {
      this.#sizes.pop();
      const left = this.#roots.pop() as Buffer;
      hash = nodeHash(left, hash);
      size *= 2;
    }
    this.#roots.push(hash);
    this.#sizes.push(size);
    this.#size += 1;
    return this;
  }

  /** MTH of everything appended so far (EMPTY_ROOT when nothing has been). A fresh Buffer. */
  root(): Buffer {
    const count = this.#roots.length;
    if (count === 0) return emptyRoot();
    // Perfect subtrees of sizes 2^a > 2^b > ...: MTH = H(T_a, H(T_b, ...)), a right fold,
    // because each 2^a is the largest power of two below the remaining size.
    let acc: Buffer = Buffer.from(this.#roots[count - 1] as Buffer);
    for (let i = count - 2; i >= 0; i--) acc = nodeHash(this.#roots[i] as Buffer, acc);
    return acc;
  }
}

/**
 * MTH(D[lo:hi]) for 0 <= lo < hi <= leaves.length (leaves already validated); exactly
 * (hi - lo - 1) node hashes, O(log n) memory. Same compact-range fold as MerkleTreeBuilder,
 * without its per-leaf validation and copying. Always returns a fresh Buffer.
 */
function rangeRoot(leaves: readonly Buffer[], lo: number, hi: number): Buffer {
  const roots: Buffer[] = [];
  const sizes: number[] = [];
  for (let i = lo; i < hi; i++) {
    let hash = leafAt(leaves, i);
    let size = 1;
    while (sizes.length > 0 && sizes[sizes.length - 1] === size) {
      sizes.pop();
      hash = nodeHash(roots.pop() as Buffer, hash);
      size *= 2;
    }
    roots.push(hash);
    sizes.push(size);
  }
  let acc: Buffer = Buffer.from(roots[roots.length - 1] as Buffer);
  for (let i = roots.length - 2; i >= 0; i--) acc = nodeHash(roots[i] as Buffer, acc);
  return acc;
}

/** MTH(D[n]) over the given leaf hashes; EMPTY_ROOT (a fresh copy) for no leaves. */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  assertLeaves(leaves);
  if (leaves.length === 0) return emptyRoot();
  return rangeRoot(leaves, 0, leaves.length);
}

/**
 * The audit path PATH(index, D[n]) of RFC 6962 section 2.1.1 for the leaf at `index` in the
 * tree of size n = leaves.length: sibling subtree roots ordered from the leaf up to the root.
 * Empty for a one-leaf tree. Throws RangeError unless 0 <= index < n.
 */
export function inclusionProof(leaves: readonly Buffer[], index: number): Buffer[] {
  assertLeaves(leaves);
  const n = leaves.length;
  if (!Number.isSafeInteger(index) || index < 0 || index >= n) {
    throw new RangeError(`leaf index ${index} is not in a tree of size ${n}`);
  }
  // Walk down from the root; the sibling met at each split is one proof element.
  const topDown: Buffer[] = [];
  let lo = 0;
  let hi = n;
  while (hi - lo > 1) {
    const k = largestPowerOfTwoBelow(hi - lo);
    const mid = lo + k;
    if (index < mid) {
      topDown.push(rangeRoot(leaves, mid, hi)); // PATH(m, D[0:k]) : MTH(D[k:n])
      hi = mid;
    } else {
      topDown.push(rangeRoot(leaves, lo, mid)); // PATH(m - k, D[k:n]) : MTH(D[0:k])
      lo = mid;
    }
  }
  return topDown.reverse();
}

/**
 * The consistency proof PROOF(oldSize, D[n]) of RFC 6962 section 2.1.2, with n = leaves.length:
 * shows the tree of the first `oldSize` leaves is a prefix of this one. Empty when
 * oldSize === n. Throws RangeError unless 0 < oldSize <= n: a proof from the empty tree
 * would prove nothing (see `verifyConsistency`).
 */
export function consistencyProof(leaves: readonly Buffer[], oldSize: number): Buffer[] {
  assertLeaves(leaves);
  const n = leaves.length;
  if (!Number.isSafeInteger(oldSize) || oldSize < 1 || oldSize > n) {
    throw new RangeError(`old size ${oldSize} is not in 1..${n}`);
  }
  // SUBPROOF(m, D[lo:hi], b), unrolled. Elements are gathered root-side first.
  const topDown: Buffer[] = [];
  let lo = 0;
  let hi = n;
  let m = oldSize;
  let isWholeOldTree = true; // RFC 6962's b: D[lo:hi] with m = hi - lo is the old tree itself
  for (;;) {
    if (m === hi - lo) {
      // SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])}
      if (!isWholeOldTree) topDown.push(rangeRoot(leaves, lo, hi));
      break;
    }
    const k = largestPowerOfTwoBelow(hi - lo);
    const mid = lo + k;
    if (m <= k) {
      topDown.push(rangeRoot(leaves, mid, hi)); // SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
      hi = mid;
    } else {
      topDown.push(rangeRoot(leaves, lo, mid)); // SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
      lo = mid;
      m -= k;
      isWholeOldTree = false;
    }
  }
  return topDown.reverse();
}
