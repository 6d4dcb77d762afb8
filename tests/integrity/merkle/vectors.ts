/**
 * Known-answer data for RFC 6962 Merkle trees, copied from transparency-dev/merkle (Apache-2.0),
 * the reference Go implementation behind Certificate Transparency and Trillian:
 *
 *  - testonly/constants.go       LeafInputs, NodeHashes, RootHashes (sizes 0..8)
 *  - testonly/reference_test.go  TestRefInclusionProof, TestRefConsistencyProof
 *  - proof/verify_test.go        inclusionProofs, consistencyProofs (adds 6 -> 7)
 *  - proof/proof_test.go         TestInclusion / TestConsistency: which tree nodes make up each
 *                                proof (node IDs, turned into hashes via NodeHashes below)
 *  - rfc6962/rfc6962_test.go     TestRFC6962Hasher
 *
 * The same eight leaves and roots appear in google/certificate-transparency's
 * merkle_tree_test.cc. Nothing here was computed by the code under test.
 *
 * Also: an independent, deliberately naive implementation of the RFC 6962 section 2.1
 * definitions (recursive MTH, PATH, PROOF over slices), hashing with node:crypto directly,
 * to cross-check the production code beyond the fixed vectors.
 */
import { createHash } from 'node:crypto';

export const hex = (h: string): Buffer => Buffer.from(h, 'hex');

/** LeafInputs(): the leaf data (not hashes), "" "\x00" "\x10" "\x20\x21" ... */
export const LEAF_INPUTS: readonly Buffer[] = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(hex);

/** RootHashes(): MTH of the first n leaf inputs, n = 0..8. */
export const ROOTS: readonly Buffer[] = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(hex);

/** NodeHashes(): hashes of every perfect subtree of the 8-leaf tree; [level][index]. */
export const NODES: readonly (readonly Buffer[])[] = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ].map(hex),
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ].map(hex),
  [
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ].map(hex),
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'].map(hex),
];

export interface InclusionVector {
  index: number;
  size: number;
  proof: readonly Buffer[];
}

export interface ConsistencyVector {
  oldSize: number;
  newSize: number;
  proof: readonly Buffer[];
}

/** TestRefInclusionProof (reference_test.go) and inclusionProofs (verify_test.go, 1-based there). */
export const INCLUSION_VECTORS: readonly InclusionVector[] = [
  { index: 0, size: 1, proof: [] },
  { index: 0, size: 2, proof: [hex('96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7')] },
  { index: 1, size: 2, proof: [hex('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d')] },
  { index: 2, size: 3, proof: [hex('fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125')] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ].map(hex),
  },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ].map(hex),
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ].map(hex),
  },
];

/** TestRefConsistencyProof (reference_test.go) and consistencyProofs (verify_test.go). */
export const CONSISTENCY_VECTORS: readonly ConsistencyVector[] = [
  { oldSize: 1, newSize: 1, proof: [] },
  {
    oldSize: 1,
    newSize: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ].map(hex),
  },
  {
    oldSize: 2,
    newSize: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ].map(hex),
  },
  {
    oldSize: 6,
    newSize: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ].map(hex),
  },
  {
    oldSize: 6,
    newSize: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ].map(hex),
  },
];

/**
 * rfc6962_test.go TestRFC6962Hasher. Note the node vector hashes two 4-byte strings, not
 * 32-byte hashes: nodeHash is a plain hash function and accepts any lengths.
 */
export const HASHER_VECTORS = {
  emptyRoot: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  emptyLeaf: '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  leafL123456: '395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56',
  nodeN123N456: 'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb',
} as const;

// ---------------------------------------------------------------------------------------------
// Naive reference implementation, straight from RFC 6962 section 2.1 (independent hashing).

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
export const refLeafHash = (data: Uint8Array): Buffer => sha256(Uint8Array.of(0), data);
export const refNodeHash = (l: Uint8Array, r: Uint8Array): Buffer => sha256(Uint8Array.of(1), l, r);

function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) over leaf hashes. */
export function refRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0] as Buffer;
  const k = splitPoint(leaves.length);
  return refNodeHash(refRoot(leaves.slice(0, k)), refRoot(leaves.slice(k)));
}

/** PATH(m, D[n]). */
export function refPath(m: number, leaves: readonly Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const k = splitPoint(leaves.length);
  return m < k
    ? [...refPath(m, leaves.slice(0, k)), refRoot(leaves.slice(k))]
    : [...refPath(m - k, leaves.slice(k)), refRoot(leaves.slice(0, k))];
}

function refSubproof(m: number, leaves: readonly Buffer[], b: boolean): Buffer[] {
  const n = leaves.length;
  if (m === n) return b ? [] : [refRoot(leaves)];
  const k = splitPoint(n);
  return m <= k
    ? [...refSubproof(m, leaves.slice(0, k), b), refRoot(leaves.slice(k))]
    : [...refSubproof(m - k, leaves.slice(k), false), refRoot(leaves.slice(0, k))];
}

/** PROOF(m, D[n]). */
export function refProof(m: number, leaves: readonly Buffer[]): Buffer[] {
  return refSubproof(m, leaves, true);
}

// ---------------------------------------------------------------------------------------------
// Trees of n identical leaves, for sizes far beyond what can be materialised (up to 2^53 - 1).
// Every perfect subtree of height h has the same root, so MTH, PATH and PROOF follow the same
// recursions in O(log n) time. Sizes are BigInt here so the helper itself cannot truncate.

export class UniformTree {
  readonly #perfect: Buffer[];

  constructor(readonly leaf: Buffer) {
    this.#perfect = [leaf];
  }

  #perfectRoot(height: number): Buffer {
    while (this.#perfect.length <= height) {
      const below = this.#perfect[this.#perfect.length - 1] as Buffer;
      this.#perfect.push(refNodeHash(below, below));
    }
    return this.#perfect[height] as Buffer;
  }

  static #split(n: bigint): bigint {
    let k = 1n;
    while (k * 2n < n) k *= 2n;
    return k;
  }

  root(n: bigint): Buffer {
    if ((n & (n - 1n)) === 0n) return this.#perfectRoot(n.toString(2).length - 1);
    const k = UniformTree.#split(n);
    return refNodeHash(this.root(k), this.root(n - k));
  }

  path(m: bigint, n: bigint): Buffer[] {
    if (n === 1n) return [];
    const k = UniformTree.#split(n);
    return m < k ? [...this.path(m, k), this.root(n - k)] : [...this.path(m - k, n - k), this.root(k)];
  }

  proof(m: bigint, n: bigint, b = true): Buffer[] {
    if (m === n) return b ? [] : [this.root(m)];
    const k = UniformTree.#split(n);
    return m <= k
      ? [...this.proof(m, k, b), this.root(n - k)]
      : [...this.proof(m - k, n - k, false), this.root(k)];
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers for tampering.

/** A copy of `h` with bit `bit` of byte `byte` flipped. */
export function flip(h: Buffer, byte = 0, bit = 0): Buffer {
  const out = Buffer.from(h);
  out[byte] = (out[byte] as number) ^ (1 << bit);
  return out;
}

/** Distinct leaf hashes: the eight RFC leaves, then leafHash("leaf-8"), "leaf-9", ... */
export function testLeaves(n: number): Buffer[] {
  return Array.from({ length: n }, (_, i) =>
    refLeafHash(i < LEAF_INPUTS.length ? (LEAF_INPUTS[i] as Buffer) : Buffer.from(`leaf-${i}`)),
  );
}

export const SOME_HASH = hex('abacaba000000000000000000000000000000000000000000060061e00123456');
