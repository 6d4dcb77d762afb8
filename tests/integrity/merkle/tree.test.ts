import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  MerkleTreeBuilder,
  consistencyProof,
  consistencyProofLength,
  inclusionProof,
  inclusionProofLength,
  largestPowerOfTwoBelow,
  leafHash,
  merkleRoot,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
} from '../../../src/integrity/merkle/index.js';
import {
  CONSISTENCY_VECTORS,
  INCLUSION_VECTORS,
  LEAF_INPUTS,
  NODES,
  ROOTS,
  refPath,
  refProof,
  refRoot,
  testLeaves,
} from './vectors.js';

const rfcLeaves = LEAF_INPUTS.map((d) => leafHash(d));
const toHex = (hs: readonly Buffer[]): string[] => hs.map((h) => h.toString('hex'));
/** Node (level, index) of the 8-leaf tree, from NodeHashes. */
const N = (level: number, index: number): Buffer => NODES[level]?.[index] as Buffer;

describe('merkleRoot', () => {
  it('matches the reference roots for sizes 0..8', () => {
    for (let n = 0; n <= 8; n++) {
      expect(merkleRoot(rfcLeaves.slice(0, n)).toString('hex'), `size ${n}`).toBe(ROOTS[n]?.toString('hex'));
    }
    expect(merkleRoot(rfcLeaves).toString('hex')).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
  });

  it('matches every perfect subtree in NodeHashes', () => {
    for (let level = 0; level < NODES.length; level++) {
      const width = 2 ** level;
      NODES[level]?.forEach((expected, i) => {
        expect(merkleRoot(rfcLeaves.slice(i * width, (i + 1) * width)).equals(expected)).toBe(true);
      });
    }
  });

  it('agrees with the recursive RFC 6962 definition for sizes 0..300', () => {
    const leaves = testLeaves(300);
    for (let n = 0; n <= 300; n++) {
      expect(merkleRoot(leaves.slice(0, n)).equals(refRoot(leaves.slice(0, n))), `size ${n}`).toBe(true);
    }
  });

  it('returns fresh buffers: mutating a result changes nothing', () => {
    const empty = merkleRoot([]);
    empty.fill(0);
    expect(merkleRoot([]).equals(ROOTS[0] as Buffer)).toBe(true);
    const leaf = Buffer.from(rfcLeaves[0] as Buffer);
    const single = merkleRoot([leaf]);
    expect(single.equals(leaf)).toBe(true);
    expect(single).not.toBe(leaf);
    single.fill(1);
    expect(leaf.equals(rfcLeaves[0] as Buffer)).toBe(true);
  });

  it('does not depend on the exported EMPTY_ROOT buffer', () => {
    const saved = Buffer.from(EMPTY_ROOT);
    try {
      EMPTY_ROOT.fill(0);
      expect(merkleRoot([]).equals(saved)).toBe(true);
    } finally {
      saved.copy(EMPTY_ROOT);
    }
  });

  it('rejects leaves that are not 32-byte hashes', () => {
    expect(() => merkleRoot([Buffer.from('raw data')])).toThrow(TypeError);
    expect(() => merkleRoot([rfcLeaves[0] as Buffer, Buffer.alloc(33)])).toThrow(TypeError);
    expect(() => merkleRoot('nope' as unknown as Buffer[])).toThrow(TypeError);
  });
});

describe('MerkleTreeBuilder', () => {
  it('gives the root of every prefix', () => {
    const leaves = testLeaves(130);
    const builder = new MerkleTreeBuilder();
    expect(builder.size).toBe(0);
    expect(builder.root().equals(ROOTS[0] as Buffer)).toBe(true);
    leaves.forEach((leaf, i) => {
      builder.append(leaf);
      expect(builder.size).toBe(i + 1);
      expect(builder.root().equals(refRoot(leaves.slice(0, i + 1))), `size ${i + 1}`).toBe(true);
      if (i < 8) expect(builder.root().equals(ROOTS[i + 1] as Buffer)).toBe(true);
    });
  });

  it('keeps its own copy of appended leaves', () => {
    const leaf = Buffer.from(rfcLeaves[0] as Buffer);
    const builder = new MerkleTreeBuilder().append(leaf);
    leaf.fill(0);
    expect(builder.root().equals(ROOTS[1] as Buffer)).toBe(true);
  });

  it('rejects non-hashes', () => {
    expect(() => new MerkleTreeBuilder().append(Buffer.from('data'))).toThrow(TypeError);
  });
});

describe('inclusionProof', () => {
  it('matches the transparency-dev reference proofs', () => {
    for (const v of INCLUSION_VECTORS) {
      expect(toHex(inclusionProof(rfcLeaves.slice(0, v.size), v.index)), `${v.index} in ${v.size}`).toEqual(
        toHex(v.proof),
      );
    }
  });

  // proof/proof_test.go TestInclusion, node IDs turned into hashes. "rehash" pairs (j, i)
  // become nodeHash(i, j): the root of a right-border subtree that is not perfect.
  it('picks the nodes transparency-dev expects for trees of size <= 8', () => {
    const l7 = nodeHash(N(1, 2), N(0, 6)); // right half of the 7-leaf tree
    const cases: [number, number, Buffer[]][] = [
      [2, 0, [N(0, 1)]],
      [2, 1, [N(0, 0)]],
      [3, 1, [N(0, 0), N(0, 2)]],
      [7, 0, [N(0, 1), N(1, 1), l7]],
      [7, 1, [N(0, 0), N(1, 1), l7]],
      [7, 2, [N(0, 3), N(1, 0), l7]],
      [7, 3, [N(0, 2), N(1, 0), l7]],
      [7, 4, [N(0, 5), N(0, 6), N(2, 0)]],
      [7, 5, [N(0, 4), N(0, 6), N(2, 0)]],
      [7, 6, [N(1, 2), N(2, 0)]],
      [4, 2, [N(0, 3), N(1, 0)]],
      [5, 3, [N(0, 2), N(1, 0), N(0, 4)]],
      [6, 3, [N(0, 2), N(1, 0), N(1, 2)]],
      [6, 4, [N(0, 5), N(2, 0)]],
    ];
    for (const [size, index, expected] of cases) {
      expect(toHex(inclusionProof(rfcLeaves.slice(0, size), index)), `${index} in ${size}`).toEqual(toHex(expected));
    }
  });

  it('agrees with the recursive PATH definition for every index of sizes 1..70', () => {
    const leaves = testLeaves(70);
    for (let n = 1; n <= 70; n++) {
      const tree = leaves.slice(0, n);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(tree, i);
        expect(toHex(proof), `${i} in ${n}`).toEqual(toHex(refPath(i, tree)));
        expect(proof.length).toBe(inclusionProofLength(i, n));
      }
    }
  });

  it('rejects indices outside the tree', () => {
    const tree = rfcLeaves.slice(0, 5);
    for (const bad of [-1, 5, 6, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => inclusionProof(tree, bad), String(bad)).toThrow(RangeError);
    }
    expect(() => inclusionProof([], 0)).toThrow(RangeError);
  });
});

describe('consistencyProof', () => {
  it('matches the transparency-dev reference proofs', () => {
    for (const v of CONSISTENCY_VECTORS) {
      expect(toHex(consistencyProof(rfcLeaves.slice(0, v.newSize), v.oldSize)), `${v.oldSize} -> ${v.newSize}`).toEqual(
        toHex(v.proof),
      );
    }
  });

  // proof/proof_test.go TestConsistency, node IDs turned into hashes.
  it('picks the nodes transparency-dev expects for trees of size <= 8', () => {
    const l7 = nodeHash(N(1, 2), N(0, 6));
    const cases: [number, number, Buffer[]][] = [
      [1, 2, [N(0, 1)]],
      [1, 4, [N(0, 1), N(1, 1)]],
      [1, 6, [N(0, 1), N(1, 1), N(1, 2)]],
      [2, 3, [N(0, 2)]],
      [2, 8, [N(1, 1), N(2, 1)]],
      [3, 7, [N(0, 2), N(0, 3), N(1, 0), l7]],
      [4, 7, [l7]],
      [5, 7, [N(0, 4), N(0, 5), N(0, 6), N(2, 0)]],
      [6, 7, [N(1, 2), N(0, 6), N(2, 0)]],
      [7, 8, [N(0, 6), N(0, 7), N(1, 2), N(2, 0)]],
      [2, 4, [N(1, 1)]],
      [3, 5, [N(0, 2), N(0, 3), N(1, 0), N(0, 4)]],
      [3, 6, [N(0, 2), N(0, 3), N(1, 0), N(1, 2)]],
      [4, 6, [N(1, 2)]],
      [1, 7, [N(0, 1), N(1, 1), l7]],
      ...[1, 2, 3, 4, 5, 7, 8].map((s): [number, number, Buffer[]] => [s, s, []]),
    ];
    for (const [oldSize, newSize, expected] of cases) {
      expect(toHex(consistencyProof(rfcLeaves.slice(0, newSize), oldSize)), `${oldSize} -> ${newSize}`).toEqual(
        toHex(expected),
      );
    }
  });

  it('agrees with the recursive PROOF definition for every 1 <= m <= n <= 70', () => {
    const leaves = testLeaves(70);
    for (let n = 1; n <= 70; n++) {
      const tree = leaves.slice(0, n);
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(tree, m);
        expect(toHex(proof), `${m} -> ${n}`).toEqual(toHex(refProof(m, tree)));
        expect(proof.length).toBe(consistencyProofLength(m, n));
      }
    }
  });

  it('rejects old sizes outside 1..n (a proof from the empty tree proves nothing)', () => {
    const tree = rfcLeaves.slice(0, 5);
    for (const bad of [0, -1, 6, 2.5, Number.NaN]) {
      expect(() => consistencyProof(tree, bad), String(bad)).toThrow(RangeError);
    }
    expect(() => consistencyProof([], 0)).toThrow(RangeError);
  });
});

describe('proof lengths', () => {
  it('reject impossible shapes', () => {
    expect(() => inclusionProofLength(3, 3)).toThrow(RangeError);
    expect(() => consistencyProofLength(0, 3)).toThrow(RangeError);
    expect(() => consistencyProofLength(4, 3)).toThrow(RangeError);
  });

  it('are exact at sizes beyond 32 bits', () => {
    // A complete tree of 2^52 leaves: every path has 52 hashes.
    expect(inclusionProofLength(2 ** 52 - 1, 2 ** 52)).toBe(52);
    expect(inclusionProofLength(0, 2 ** 52)).toBe(52);
    // Leaf 3 of 2^32 + 5 leaves: 32 levels down the left half, plus the right half's root.
    expect(inclusionProofLength(3, 2 ** 32 + 5)).toBe(33);
    expect(consistencyProofLength(2 ** 32, 2 ** 32 + 1)).toBe(1);
  });
});

describe('largestPowerOfTwoBelow', () => {
  it('is the k of RFC 6962', () => {
    for (const [n, k] of [
      [2, 1],
      [3, 2],
      [7, 4],
      [8, 4],
      [9, 8],
      [63, 32],
      [28937, 16384],
      [2 ** 32 + 1, 2 ** 32],
      [2 ** 53 - 1, 2 ** 52],
    ]) {
      expect(largestPowerOfTwoBelow(n as number)).toBe(k);
    }
    expect(() => largestPowerOfTwoBelow(1)).toThrow(RangeError);
  });
});

describe('scale', () => {
  it('builds the root and proofs of a 2^17 + 3 leaf tree, and they verify', () => {
    const n = 2 ** 17 + 3;
    const leaves = Array.from({ length: n }, (_, i) => leafHash(`entry ${i}`));
    const builder = new MerkleTreeBuilder();
    for (const leaf of leaves) builder.append(leaf);
    const root = merkleRoot(leaves);
    expect(builder.root().equals(root)).toBe(true);
    const proof = inclusionProof(leaves, 99_999);
    expect(proof.length).toBe(inclusionProofLength(99_999, n));
    expect(verifyInclusion(leaves[99_999] as Buffer, 99_999, n, proof, root)).toBe(true);
    const consistency = consistencyProof(leaves, 100_001);
    expect(consistency.length).toBe(consistencyProofLength(100_001, n));
    const oldRoot = merkleRoot(leaves.slice(0, 100_001));
    expect(verifyConsistency(100_001, n, oldRoot, root, consistency)).toBe(true);
  });
});
