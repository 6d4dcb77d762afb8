import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  consistencyProof,
  consistencyProofLength,
  inclusionProof,
  inclusionProofLength,
  leafHash,
  merkleRoot,
  verifyConsistency,
  verifyInclusion,
} from '../../../src/integrity/merkle/index.js';
import {
  CONSISTENCY_VECTORS,
  INCLUSION_VECTORS,
  LEAF_INPUTS,
  ROOTS,
  SOME_HASH,
  UniformTree,
  flip,
  testLeaves,
} from './vectors.js';

const MAX = 40;
const leaves = testLeaves(2 * MAX + 2);
const roots = Array.from({ length: leaves.length + 1 }, (_, n) => merkleRoot(leaves.slice(0, n)));
const rootOf = (n: number): Buffer => roots[n] as Buffer;
const leafAt = (i: number): Buffer => leaves[i] as Buffer;
const rfcLeafHash = (i: number): Buffer => leafHash(LEAF_INPUTS[i] as Buffer);

/** Proof variants that must never verify: each element bit-flipped, truncated, extended, reordered. */
function tamperedProofs(proof: readonly Buffer[], root: Buffer, extra: readonly Buffer[]): [string, Buffer[]][] {
  const out: [string, Buffer[]][] = [];
  proof.forEach((h, i) => {
    for (const [byte, bit] of [
      [0, 3],
      [31, 0],
      [17, 7],
    ] as const) {
      const bad = [...proof];
      bad[i] = flip(h, byte, bit);
      out.push([`proof[${i}] byte ${byte} bit ${bit}`, bad]);
    }
  });
  if (proof.length > 0) {
    out.push(['last element dropped', proof.slice(0, -1)]);
    out.push(['first element dropped', proof.slice(1)]);
    out.push(['element duplicated', [...proof, proof[proof.length - 1] as Buffer]]);
    out.push(['preceded by its first element', [proof[0] as Buffer, ...proof]]);
  }
  if (proof.length > 1) {
    out.push(['reversed', [...proof].reverse()]);
    out.push(['one element replaced', [proof[0] as Buffer, SOME_HASH, ...proof.slice(2)]]);
  }
  out.push(['trailing root', [...proof, root]]);
  out.push(['preceding root', [root, ...proof]]);
  out.push(['trailing garbage hash', [...proof, SOME_HASH]]);
  out.push(['preceding garbage hash', [SOME_HASH, ...proof]]);
  out.push(['trailing empty buffer', [...proof, Buffer.alloc(0)]]);
  out.push(['preceding empty buffer', [Buffer.alloc(0), ...proof]]);
  for (const e of extra) out.push(['trailing extra', [...proof, e]]);
  return out;
}

describe('verifyInclusion: reference vectors', () => {
  it('accepts every transparency-dev inclusion proof against the reference roots', () => {
    for (const v of INCLUSION_VECTORS) {
      expect(verifyInclusion(rfcLeafHash(v.index), v.index, v.size, v.proof, ROOTS[v.size] as Buffer)).toBe(true);
    }
  });

  // The probes of transparency-dev proof/verify_test.go corruptInclusionProof, plus a few.
  it('rejects the transparency-dev corruptions of each vector', () => {
    for (const v of INCLUSION_VECTORS) {
      const leaf = rfcLeafHash(v.index);
      const root = ROOTS[v.size] as Buffer;
      const i = v.index;
      const n = v.size;
      const probes: [string, Buffer, number, number, readonly Buffer[], Buffer][] = [
        ['index - 1', leaf, i - 1, n, v.proof, root],
        ['index + 1', leaf, i + 1, n, v.proof, root],
        ['index ^ 2', leaf, i ^ 2, n, v.proof, root],
        ['size * 2', leaf, i, n * 2, v.proof, root],
        ['size / 2', leaf, i, Math.floor(n / 2), v.proof, root],
        ['wrong leaf', leafHash('WrongLeaf'), i, n, v.proof, root],
        ['leaf of the wrong length', Buffer.from('WrongLeaf'), i, n, v.proof, root],
        ['empty root', leaf, i, n, v.proof, EMPTY_ROOT],
        ['random root', leaf, i, n, v.proof, SOME_HASH],
        ...tamperedProofs(v.proof, root, []).map(
          ([desc, p]): [string, Buffer, number, number, readonly Buffer[], Buffer] => [desc, leaf, i, n, p, root],
        ),
      ];
      for (const [desc, l, idx, size, p, r] of probes) {
        expect(verifyInclusion(l, idx, size, p, r), `${i} in ${n}: ${desc}`).toBe(false);
      }
    }
  });

  it('handles the single-entry tree: root equals the leaf hash, proof is empty', () => {
    const h = leafHash('data');
    expect(verifyInclusion(h, 0, 1, [], h)).toBe(true);
    expect(verifyInclusion(h, 0, 1, [], Buffer.alloc(0))).toBe(false);
    expect(verifyInclusion(Buffer.alloc(0), 0, 1, [], h)).toBe(false);
    expect(verifyInclusion(Buffer.alloc(0), 0, 1, [], Buffer.alloc(0))).toBe(false);
    expect(verifyInclusion(h, 0, 1, [h], h)).toBe(false);
  });

  it('rejects empty trees and indices past the end', () => {
    for (const [index, size] of [
      [0, 0],
      [1, 0],
      [1, 1],
      [2, 1],
      [8, 8],
    ]) {
      expect(verifyInclusion(SOME_HASH, index as number, size as number, [], EMPTY_ROOT)).toBe(false);
      expect(verifyInclusion(EMPTY_ROOT, index as number, size as number, [], EMPTY_ROOT)).toBe(false);
    }
  });
});

describe(`verifyInclusion: every index of every tree of size 1..${MAX}`, () => {
  it('accepts the proof and rejects every tampering', () => {
    let accepted = 0;
    let rejected = 0;
    const no = (ok: boolean, desc: string): void => {
      expect(ok, desc).toBe(false);
      rejected++;
    };
    for (let n = 1; n <= MAX; n++) {
      const tree = leaves.slice(0, n);
      const root = rootOf(n);
      for (let i = 0; i < n; i++) {
        const at = `${i} in ${n}`;
        const leaf = leafAt(i);
        const proof = inclusionProof(tree, i);
        expect(verifyInclusion(leaf, i, n, proof, root), at).toBe(true);
        accepted++;

        // Flipped bits in the leaf and the root.
        no(verifyInclusion(flip(leaf, 0, 0), i, n, proof, root), `${at}: leaf flipped`);
        no(verifyInclusion(flip(leaf, 31, 7), i, n, proof, root), `${at}: leaf flipped (last byte)`);
        no(verifyInclusion(leaf, i, n, proof, flip(root, 5, 2)), `${at}: root flipped`);
        // Every other position, and positions outside the tree.
        for (let j = -2; j < n + 3; j++) {
          if (j !== i) no(verifyInclusion(leaf, j, n, proof, root), `${at}: claimed index ${j}`);
        }
        // Any other leaf of the tree at this position.
        for (let j = 0; j < n; j++) {
          if (j !== i) no(verifyInclusion(leafAt(j), i, n, proof, root), `${at}: leaf ${j} instead`);
        }
        // Other tree sizes, against the real root of that size.
        for (let s = 0; s <= 2 * n + 1; s++) {
          if (s !== n) no(verifyInclusion(leaf, i, s, proof, rootOf(s)), `${at}: claimed size ${s}`);
        }
        // Other tree sizes, same root: rejected whenever the proof has the wrong shape.
        for (let s = i + 1; s <= 2 * n + 1; s++) {
          if (s !== n && inclusionProofLength(i, s) !== proof.length) {
            no(verifyInclusion(leaf, i, s, proof, root), `${at}: size ${s} with the same root`);
          }
        }
        no(verifyInclusion(leaf, i, 2 * n, proof, root), `${at}: size * 2`);
        if (n > 1) no(verifyInclusion(leaf, i, Math.floor(n / 2), proof, root), `${at}: size / 2`);
        // The proof altered in every way.
        for (const [desc, bad] of tamperedProofs(proof, root, [leaf])) {
          no(verifyInclusion(leaf, i, n, bad, root), `${at}: ${desc}`);
        }
        if (proof.length > 0) no(verifyInclusion(leaf, i, n, [], root), `${at}: empty proof`);
      }
    }
    expect(accepted).toBe((MAX * (MAX + 1)) / 2);
    expect(rejected).toBeGreaterThan(50_000);
  });

  it('binds the tree size only through the root, as RFC 9162 does (documented limitation)', () => {
    // The proof for leaf 0 of a 5-leaf tree is [b, h, e]: hash(hash(hash(a, b), h), e). For 6 leaves
    // the path of leaf 0 has the same shape, so the same hashes and root also "verify" for size 6.
    // No real 6-leaf tree has that root (its right subtree would be a leaf hash instead of a node
    // hash), so this is harmless when, as it must be, the size comes from the same signed tree
    // head as the root. Never accept a size and a root from different sources.
    const tree = leaves.slice(0, 5);
    const proof = inclusionProof(tree, 0);
    expect(verifyInclusion(leafAt(0), 0, 6, proof, rootOf(5))).toBe(true);
    expect(verifyInclusion(leafAt(0), 0, 6, proof, rootOf(6))).toBe(false);
  });
});

describe('verifyConsistency: reference vectors', () => {
  it('accepts every transparency-dev consistency proof against the reference roots', () => {
    for (const v of CONSISTENCY_VECTORS) {
      expect(
        verifyConsistency(v.oldSize, v.newSize, ROOTS[v.oldSize] as Buffer, ROOTS[v.newSize] as Buffer, v.proof),
        `${v.oldSize} -> ${v.newSize}`,
      ).toBe(true);
    }
  });

  // The probes of transparency-dev proof/verify_test.go corruptConsistencyProof.
  it('rejects the transparency-dev corruptions of each non-trivial vector', () => {
    for (const v of CONSISTENCY_VECTORS.filter((c) => c.proof.length > 0)) {
      const m = v.oldSize;
      const n = v.newSize;
      const r1 = ROOTS[m] as Buffer;
      const r2 = ROOTS[n] as Buffer;
      const probes: [string, number, number, Buffer, Buffer, readonly Buffer[]][] = [
        ['size1 - 1', m - 1, n, r1, r2, v.proof],
        ['size1 + 1', m + 1, n, r1, r2, v.proof],
        ['size1 ^ 2', m ^ 2, n, r1, r2, v.proof],
        ['size2 * 2', m, n * 2, r1, r2, v.proof],
        ['size2 / 2', m, Math.floor(n / 2), r1, r2, v.proof],
        ['wrong root1', m, n, Buffer.from('WrongRoot'), r2, v.proof],
        ['wrong root2', m, n, r1, Buffer.from('WrongRoot'), v.proof],
        ['swapped roots', m, n, r2, r1, v.proof],
        ['empty proof', m, n, r1, r2, []],
        ['trailing root1', m, n, r1, r2, [...v.proof, r1]],
        ['trailing root2', m, n, r1, r2, [...v.proof, r2]],
        ['preceding root1', m, n, r1, r2, [r1, ...v.proof]],
        ['preceding root2', m, n, r1, r2, [r2, ...v.proof]],
        ...tamperedProofs(v.proof, r2, [r1]).map(
          ([desc, p]): [string, number, number, Buffer, Buffer, readonly Buffer[]] => [desc, m, n, r1, r2, p],
        ),
      ];
      for (const [desc, s1, s2, a, b, p] of probes) {
        expect(verifyConsistency(s1, s2, a, b, p), `${m} -> ${n}: ${desc}`).toBe(false);
      }
    }
  });

  // transparency-dev TestVerifyConsistency's table, except where this verifier is deliberately
  // stricter: from size 0 it always says false (see verifyConsistency's documentation).
  it('handles the trivial cases', () => {
    const root1 = leafHash("don't care 1");
    const root2 = leafHash("don't care 2");
    const cases: [number, number, Buffer, Buffer, Buffer[], boolean][] = [
      [1, 1, root1, root2, [], false], // equal sizes, different roots
      [1, 1, root2, root2, [], true], // equal sizes, equal roots
      [5, 5, ROOTS[5] as Buffer, ROOTS[5] as Buffer, [], true],
      [1, 0, root1, root2, [], false], // time travel to the past
      [2, 1, root1, root2, [], false],
      [1, 2, root1, root2, [], false], // empty proof
      [1, 1, EMPTY_ROOT, root2, [], false],
      [1, 1, EMPTY_ROOT, EMPTY_ROOT, [EMPTY_ROOT], false], // roots match but the proof is not empty
      [5, 5, ROOTS[5] as Buffer, ROOTS[5] as Buffer, [ROOTS[5] as Buffer], false],
      [1, 1, Buffer.from('short'), Buffer.from('short'), [], false], // equal, but not hashes
    ];
    for (const [m, n, a, b, p, want] of cases) {
      expect(verifyConsistency(m, n, a, b, p), `${m} -> ${n}`).toBe(want);
    }
  });

  it('says false for any proof from the empty tree (it would prove nothing)', () => {
    expect(verifyConsistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [])).toBe(false);
    expect(verifyConsistency(0, 0, leafHash('x'), leafHash('x'), [])).toBe(false);
    expect(verifyConsistency(0, 1, EMPTY_ROOT, ROOTS[1] as Buffer, [])).toBe(false);
    expect(verifyConsistency(0, 8, EMPTY_ROOT, ROOTS[8] as Buffer, [])).toBe(false);
    expect(verifyConsistency(0, 8, EMPTY_ROOT, ROOTS[8] as Buffer, [ROOTS[8] as Buffer])).toBe(false);
  });
});

describe(`verifyConsistency: every 1 <= m <= n <= ${MAX}`, () => {
  it('accepts the proof and rejects wrong roots, wrong sizes and every tampering', () => {
    let accepted = 0;
    let rejected = 0;
    const no = (ok: boolean, desc: string): void => {
      expect(ok, desc).toBe(false);
      rejected++;
    };
    for (let n = 1; n <= MAX; n++) {
      const tree = leaves.slice(0, n);
      const r2 = rootOf(n);
      for (let m = 1; m <= n; m++) {
        const at = `${m} -> ${n}`;
        const r1 = rootOf(m);
        const proof = consistencyProof(tree, m);
        expect(verifyConsistency(m, n, r1, r2, proof), at).toBe(true);
        accepted++;

        // Wrong roots.
        no(verifyConsistency(m, n, flip(r1, 0, 0), r2, proof), `${at}: old root flipped`);
        no(verifyConsistency(m, n, r1, flip(r2, 31, 7), proof), `${at}: new root flipped`);
        no(verifyConsistency(m, n, SOME_HASH, r2, proof), `${at}: random old root`);
        no(verifyConsistency(m, n, r1, SOME_HASH, proof), `${at}: random new root`);
        no(verifyConsistency(m, n, EMPTY_ROOT, r2, proof), `${at}: empty old root`);
        if (m !== n) {
          no(verifyConsistency(m, n, r2, r1, proof), `${at}: swapped roots`);
          no(verifyConsistency(m, n, r1, r1, proof), `${at}: old root twice`);
          no(verifyConsistency(m, n, r2, r2, proof), `${at}: new root twice`);
        }
        for (let s = 1; s <= MAX; s++) {
          if (s !== m) no(verifyConsistency(m, n, rootOf(s), r2, proof), `${at}: old root of size ${s}`);
          if (s !== n) no(verifyConsistency(m, n, r1, rootOf(s), proof), `${at}: new root of size ${s}`);
        }
        // A new tree that does not extend the old one: same size, one old leaf changed.
        const forked = [...tree];
        forked[m - 1] = leafHash('rewritten history');
        no(verifyConsistency(m, n, r1, merkleRoot(forked), proof), `${at}: rewritten leaf ${m - 1}`);
        no(
          verifyConsistency(m, n, r1, merkleRoot(forked), consistencyProof(forked, m)),
          `${at}: rewritten history with its own proof`,
        );
        // Wrong sizes, with the real roots of the claimed sizes.
        for (const [m2, n2] of [
          [m - 1, n],
          [m + 1, n],
          [m ^ 2, n],
          [m * 2, n],
          [m, n - 1],
          [m, n + 1],
          [m, n * 2],
          [m, Math.floor(n / 2)],
          [m - 1, n - 1],
          [m + 1, n + 1],
        ] as const) {
          if ((m2 === m && n2 === n) || m2 < 1 || m2 > n2 || n2 > leaves.length) continue;
          if (m2 === n2 && proof.length === 0) continue; // (s, s, R, R, []) is a true statement
          no(verifyConsistency(m2, n2, rootOf(m2), rootOf(n2), proof), `${at}: claimed ${m2} -> ${n2}`);
        }
        // Wrong sizes, same roots, where the proof has the wrong shape.
        for (const [m2, n2] of [
          [m, n + 1],
          [m, 2 * n],
          [m + 1, n + 1],
          [m - 1, n],
        ] as const) {
          if (m2 >= 1 && m2 < n2 && consistencyProofLength(m2, n2) !== proof.length) {
            no(verifyConsistency(m2, n2, r1, r2, proof), `${at}: ${m2} -> ${n2} with the same roots`);
          }
        }
        no(verifyConsistency(0, n, EMPTY_ROOT, r2, proof), `${at}: from size 0`);
        if (m < n) no(verifyConsistency(n, m, r2, r1, proof), `${at}: backwards`);
        // The proof altered in every way.
        for (const [desc, bad] of tamperedProofs(proof, r2, [r1])) {
          no(verifyConsistency(m, n, r1, r2, bad), `${at}: ${desc}`);
        }
        if (proof.length > 0) no(verifyConsistency(m, n, r1, r2, []), `${at}: empty proof`);
        // An inclusion proof is not a consistency proof.
        if (m < n) {
          const path = inclusionProof(tree, m - 1);
          if (path.length !== proof.length || path.some((h, k) => !h.equals(proof[k] as Buffer))) {
            no(verifyConsistency(m, n, r1, r2, path), `${at}: inclusion proof of leaf ${m - 1}`);
          }
        }
      }
    }
    expect(accepted).toBe((MAX * (MAX + 1)) / 2);
    expect(rejected).toBeGreaterThan(50_000);
  });
});

describe('sizes beyond 32 bits (trees of identical leaves, never materialised)', () => {
  const leaf = leafHash('same');
  const tree = new UniformTree(leaf);

  it('the uniform-tree helper agrees with the real implementation on small trees', () => {
    const same = (n: number): Buffer[] => Array.from({ length: n }, () => leaf);
    for (let n = 1; n <= 33; n++) {
      expect(tree.root(BigInt(n)).equals(merkleRoot(same(n)))).toBe(true);
      for (let i = 0; i < n; i++) {
        expect(tree.path(BigInt(i), BigInt(n)).map((h) => h.toString('hex'))).toEqual(
          inclusionProof(same(n), i).map((h) => h.toString('hex')),
        );
      }
      for (let m = 1; m <= n; m++) {
        expect(tree.proof(BigInt(m), BigInt(n)).map((h) => h.toString('hex'))).toEqual(
          consistencyProof(same(n), m).map((h) => h.toString('hex')),
        );
      }
    }
  });

  const sizes = [2 ** 31 + 1, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 32 + 5, 2 ** 40 + 12_345, 2 ** 52, 2 ** 53 - 1];

  it('verifies inclusion at indices and sizes that 32-bit arithmetic would truncate', () => {
    for (const n of sizes) {
      const root = tree.root(BigInt(n));
      for (const i of [0, 3, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 4, Math.floor(n / 2), n - 2, n - 1]) {
        if (i >= n) continue;
        const proof = tree.path(BigInt(i), BigInt(n));
        const at = `${i} in ${n}`;
        expect(proof.length, at).toBe(inclusionProofLength(i, n));
        expect(verifyInclusion(leaf, i, n, proof, root), at).toBe(true);
        expect(verifyInclusion(leaf, i, n, proof.slice(0, -1), root), `${at} truncated`).toBe(false);
        expect(verifyInclusion(leaf, i, n, [...proof, root], root), `${at} extended`).toBe(false);
        expect(verifyInclusion(leaf, i, n, proof, flip(root)), `${at} wrong root`).toBe(false);
        // Truncating the size to 32 bits must not make a proof verify.
        const truncated = n % 2 ** 32;
        if (truncated > i && truncated !== n) {
          expect(verifyInclusion(leaf, i, truncated, proof, root), `${at} as size ${truncated}`).toBe(false);
        }
      }
    }
  });

  it('verifies consistency between sizes that 32-bit arithmetic would truncate', () => {
    for (const n of sizes) {
      const newRoot = tree.root(BigInt(n));
      for (const m of [1, 2, 3, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, Math.floor(n / 2), n - 1, n]) {
        if (m > n) continue;
        const oldRoot = tree.root(BigInt(m));
        const proof = tree.proof(BigInt(m), BigInt(n));
        const at = `${m} -> ${n}`;
        expect(proof.length, at).toBe(consistencyProofLength(m, n));
        expect(verifyConsistency(m, n, oldRoot, newRoot, proof), at).toBe(true);
        if (proof.length > 0) {
          expect(verifyConsistency(m, n, oldRoot, newRoot, proof.slice(0, -1)), `${at} truncated`).toBe(false);
          expect(verifyConsistency(m, n, oldRoot, flip(newRoot), proof), `${at} wrong new root`).toBe(false);
          expect(verifyConsistency(m, n, flip(oldRoot), newRoot, proof), `${at} wrong old root`).toBe(false);
        }
        expect(verifyConsistency(m, n, oldRoot, newRoot, [...proof, SOME_HASH]), `${at} extended`).toBe(false);
      }
    }
  });

  it('rejects sizes past Number.MAX_SAFE_INTEGER', () => {
    expect(verifyInclusion(leaf, 0, 2 ** 53, tree.path(0n, 2n ** 53n), tree.root(2n ** 53n))).toBe(false);
    expect(verifyConsistency(1, 2 ** 53, leaf, tree.root(2n ** 53n), tree.proof(1n, 2n ** 53n))).toBe(false);
  });
});

describe('hostile and malformed input: false, never an exception', () => {
  const n = 7;
  const tree = leaves.slice(0, n);
  const root = rootOf(n);
  const proof = inclusionProof(tree, 2);
  const cproof = consistencyProof(tree, 3);
  const r3 = rootOf(3);
  const junk: unknown[] = [
    undefined,
    null,
    0,
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    2 ** 53,
    10n,
    '2',
    'abc',
    {},
    [],
    [1, 2],
    Buffer.alloc(31),
    Buffer.alloc(33),
    new Uint16Array(16),
    Symbol('x'),
    () => 2,
  ];

  it('never throws from verifyInclusion, whatever each argument is', () => {
    const good: unknown[] = [leafAt(2), 2, n, proof, root];
    expect(verifyInclusion(...(good as Parameters<typeof verifyInclusion>))).toBe(true);
    for (let k = 0; k < good.length; k++) {
      for (const j of junk) {
        const args = [...good];
        args[k] = j;
        expect(() => verifyInclusion(...(args as Parameters<typeof verifyInclusion>))).not.toThrow();
        expect(verifyInclusion(...(args as Parameters<typeof verifyInclusion>)), `arg ${k} = ${String(j)}`).toBe(false);
      }
    }
  });

  it('never throws from verifyConsistency, whatever each argument is', () => {
    const good: unknown[] = [3, n, r3, root, cproof];
    expect(verifyConsistency(...(good as Parameters<typeof verifyConsistency>))).toBe(true);
    for (let k = 0; k < good.length; k++) {
      for (const j of junk) {
        const args = [...good];
        args[k] = j;
        expect(() => verifyConsistency(...(args as Parameters<typeof verifyConsistency>))).not.toThrow();
        expect(verifyConsistency(...(args as Parameters<typeof verifyConsistency>)), `arg ${k} = ${String(j)}`).toBe(
          false,
        );
      }
    }
  });

  it('rejects proofs with non-hash elements', () => {
    for (const bad of [null, undefined, 'x'.repeat(32), proof[0]?.toString('hex'), Buffer.alloc(0), Buffer.alloc(64), [...(proof[0] as Buffer)]]) {
      const p = [...proof];
      p[1] = bad as Buffer;
      expect(verifyInclusion(leafAt(2), 2, n, p, root)).toBe(false);
      const c = [...cproof];
      c[0] = bad as Buffer;
      expect(verifyConsistency(3, n, r3, root, c)).toBe(false);
    }
    const sparse: Buffer[] = [];
    sparse.length = proof.length;
    expect(verifyInclusion(leafAt(2), 2, n, sparse, root)).toBe(false);
  });

  it('accepts hashes given as plain Uint8Arrays', () => {
    const u8 = (b: Buffer): Buffer => new Uint8Array(b) as unknown as Buffer;
    expect(verifyInclusion(u8(leafAt(2)), 2, n, proof.map(u8), u8(root))).toBe(true);
    expect(verifyConsistency(3, n, u8(r3), u8(root), cproof.map(u8))).toBe(true);
  });

  it('survives proofs that throw or change when read', () => {
    const throwing = new Proxy([...proof], {
      get(target, key, receiver) {
        if (key === '1') throw new Error('boom');
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(verifyInclusion(leafAt(2), 2, n, throwing, root)).toBe(false);
    const throwingHash = Object.defineProperty(Buffer.from(root), 'length', {
      get() {
        throw new Error('boom');
      },
    });
    expect(verifyInclusion(leafAt(2), 2, n, proof, throwingHash)).toBe(false);

    // Each element is read once and copied, so a proof whose elements change under the
    // verifier is judged on one consistent snapshot.
    let reads = 0;
    const shifty = new Proxy([...proof], {
      get(target, key, receiver) {
        if (key === '0' && reads++ > 0) return SOME_HASH;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(verifyInclusion(leafAt(2), 2, n, shifty, root)).toBe(true);
  });

  it('does not modify its arguments', () => {
    const p = proof.map((h) => Buffer.from(h));
    const c = cproof.map((h) => Buffer.from(h));
    const before = [...p, ...c].map((h) => h.toString('hex'));
    verifyInclusion(leafAt(2), 2, n, p, root);
    verifyConsistency(3, n, r3, root, c);
    verifyConsistency(4, n, rootOf(4), root, consistencyProof(tree, 4)); // power of two: path gets a prepend
    expect([...p, ...c].map((h) => h.toString('hex'))).toEqual(before);
    expect(p.length).toBe(proof.length);
    expect(c.length).toBe(cproof.length);
  });
});
