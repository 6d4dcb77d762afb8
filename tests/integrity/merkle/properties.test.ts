import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MerkleTreeBuilder,
  consistencyProof,
  consistencyProofLength,
  inclusionProof,
  inclusionProofLength,
  leafHash,
  merkleRoot,
  verifyConsistency,
  verifyInclusion,
} from '../../../src/integrity/merkle/index.js';
import { refPath, refProof, refRoot } from './vectors.js';

/** Random leaf sets: arbitrary data, hashed; duplicates allowed (fast-check may generate them). */
const leafSet = (minLength = 1, maxLength = 90): fc.Arbitrary<Buffer[]> =>
  fc.array(fc.uint8Array({ maxLength: 40 }), { minLength, maxLength }).map((data) => data.map((d) => leafHash(d)));

/** Leaf sets with pairwise-distinct data, for properties that a repeated leaf could satisfy by accident. */
const distinctLeafSet = (minLength = 1, maxLength = 90): fc.Arbitrary<Buffer[]> =>
  fc
    .uniqueArray(fc.uint8Array({ maxLength: 40 }), {
      minLength,
      maxLength,
      selector: (d) => Buffer.from(d).toString('hex'),
    })
    .map((data) => data.map((d) => leafHash(d)));

const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((u) => Buffer.from(u));

/** A tree and a leaf index in it. */
const treeAndIndex = (arb: fc.Arbitrary<Buffer[]>): fc.Arbitrary<[Buffer[], number]> =>
  arb.chain((leaves) => fc.tuple(fc.constant(leaves), fc.nat({ max: leaves.length - 1 })));

/** A tree and an old size 1..n. */
const treeAndOldSize = (arb: fc.Arbitrary<Buffer[]>): fc.Arbitrary<[Buffer[], number]> =>
  arb.chain((leaves) => fc.tuple(fc.constant(leaves), fc.integer({ min: 1, max: leaves.length })));

/** Where and how to damage a proof. */
const damage = fc.record({ element: fc.nat(), byte: fc.nat({ max: 31 }), bit: fc.nat({ max: 7 }) });

describe('properties over random leaf sets', () => {
  it('the root agrees with the RFC 6962 definition and with the incremental builder', () => {
    fc.assert(
      fc.property(leafSet(0, 120), (leaves) => {
        const root = merkleRoot(leaves);
        expect(root.equals(refRoot(leaves))).toBe(true);
        const builder = new MerkleTreeBuilder();
        for (const leaf of leaves) builder.append(leaf);
        expect(builder.root().equals(root)).toBe(true);
      }),
    );
  });

  it('every inclusion proof is the RFC PATH, has the predicted length and verifies', () => {
    fc.assert(
      fc.property(treeAndIndex(leafSet()), ([leaves, index]) => {
        const proof = inclusionProof(leaves, index);
        expect(proof.map((h) => h.toString('hex'))).toEqual(refPath(index, leaves).map((h) => h.toString('hex')));
        expect(proof.length).toBe(inclusionProofLength(index, leaves.length));
        expect(verifyInclusion(leaves[index] as Buffer, index, leaves.length, proof, merkleRoot(leaves))).toBe(true);
      }),
    );
  });

  it('every consistency proof is the RFC PROOF, has the predicted length and verifies', () => {
    fc.assert(
      fc.property(treeAndOldSize(leafSet()), ([leaves, m]) => {
        const proof = consistencyProof(leaves, m);
        expect(proof.map((h) => h.toString('hex'))).toEqual(refProof(m, leaves).map((h) => h.toString('hex')));
        expect(proof.length).toBe(consistencyProofLength(m, leaves.length));
        expect(verifyConsistency(m, leaves.length, merkleRoot(leaves.slice(0, m)), merkleRoot(leaves), proof)).toBe(true);
      }),
    );
  });

  it('a single flipped bit anywhere in an inclusion proof, leaf or root is rejected', () => {
    fc.assert(
      fc.property(treeAndIndex(leafSet()), damage, fc.constantFrom('proof', 'leaf', 'root'), ([leaves, i], d, what) => {
        const n = leaves.length;
        const proof = inclusionProof(leaves, i);
        const leaf = Buffer.from(leaves[i] as Buffer);
        const root = merkleRoot(leaves);
        const target = what === 'leaf' ? leaf : what === 'root' ? root : proof[d.element % Math.max(1, proof.length)];
        fc.pre(target !== undefined);
        const copy = Buffer.from(target as Buffer);
        copy[d.byte] = (copy[d.byte] as number) ^ (1 << d.bit);
        const p = what === 'proof' ? proof.map((h, k) => (k === d.element % proof.length ? copy : h)) : proof;
        expect(verifyInclusion(what === 'leaf' ? copy : leaf, i, n, p, what === 'root' ? copy : root)).toBe(false);
      }),
    );
  });

  it('a single flipped bit anywhere in a consistency proof or either root is rejected', () => {
    fc.assert(
      fc.property(
        treeAndOldSize(leafSet(2)),
        damage,
        fc.constantFrom('proof', 'old', 'new'),
        ([leaves, m], d, what) => {
          const n = leaves.length;
          const proof = consistencyProof(leaves, m);
          const r1 = merkleRoot(leaves.slice(0, m));
          const r2 = merkleRoot(leaves);
          const target = what === 'old' ? r1 : what === 'new' ? r2 : proof[d.element % Math.max(1, proof.length)];
          fc.pre(target !== undefined);
          const copy = Buffer.from(target as Buffer);
          copy[d.byte] = (copy[d.byte] as number) ^ (1 << d.bit);
          const p = what === 'proof' ? proof.map((h, k) => (k === d.element % proof.length ? copy : h)) : proof;
          expect(verifyConsistency(m, n, what === 'old' ? copy : r1, what === 'new' ? copy : r2, p)).toBe(false);
        },
      ),
    );
  });

  it('a leaf proved at one index is not accepted at another (distinct leaves)', () => {
    fc.assert(
      fc.property(treeAndIndex(distinctLeafSet(2)), fc.nat(), ([leaves, i], other) => {
        const n = leaves.length;
        const j = (i + 1 + (other % (n - 1))) % n; // any index but i
        const proof = inclusionProof(leaves, i);
        expect(verifyInclusion(leaves[i] as Buffer, j, n, proof, merkleRoot(leaves))).toBe(false);
        expect(verifyInclusion(leaves[j] as Buffer, i, n, proof, merkleRoot(leaves))).toBe(false);
      }),
    );
  });

  it('an old tree whose history was rewritten is not consistent with the new one', () => {
    fc.assert(
      fc.property(treeAndOldSize(distinctLeafSet(2)), fc.nat(), hash32, ([leaves, m], at, replacement) => {
        const k = at % m; // a leaf inside the old tree
        fc.pre(!replacement.equals(leaves[k] as Buffer));
        const forkedOld = [...leaves.slice(0, m)];
        forkedOld[k] = replacement;
        const proof = consistencyProof(leaves, m);
        expect(verifyConsistency(m, leaves.length, merkleRoot(forkedOld), merkleRoot(leaves), proof)).toBe(false);
        // Nor does a proof built from the rewritten history connect it to the real new tree.
        const forkedNew = [...forkedOld, ...leaves.slice(m)];
        expect(
          verifyConsistency(m, leaves.length, merkleRoot(forkedOld), merkleRoot(leaves), consistencyProof(forkedNew, m)),
        ).toBe(false);
      }),
    );
  });

  it('proofs of the wrong length are rejected, whatever they contain', () => {
    fc.assert(
      fc.property(
        treeAndIndex(leafSet()),
        fc.array(hash32, { maxLength: 12 }),
        fc.boolean(),
        ([leaves, i], extra, truncate) => {
          const n = leaves.length;
          const proof = inclusionProof(leaves, i);
          const root = merkleRoot(leaves);
          const bad = truncate ? proof.slice(0, Math.max(0, proof.length - 1 - (extra.length % 3))) : [...proof, ...extra];
          fc.pre(bad.length !== proof.length);
          expect(verifyInclusion(leaves[i] as Buffer, i, n, bad, root)).toBe(false);
        },
      ),
    );
  });

  it('random hashes never pass as proofs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.nat(),
        fc.array(hash32, { maxLength: 45 }),
        hash32,
        hash32,
        (n, index, proof, leaf, root) => {
          expect(verifyInclusion(leaf, index % n, n, proof, root)).toBe(false);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.array(hash32, { maxLength: 45 }),
        hash32,
        hash32,
        (a, b, proof, r1, r2) => {
          fc.pre(!r1.equals(r2));
          expect(verifyConsistency(Math.min(a, b), Math.max(a, b), r1, r2, proof)).toBe(false);
        },
      ),
    );
  });

  it('the verifiers return a boolean and never throw, whatever they are given', () => {
    const anything = fc.anything({ withBigInt: true, withTypedArray: true, withNullPrototype: true, withMap: true });
    const hashish = fc.oneof(hash32, fc.uint8Array({ maxLength: 40 }), anything);
    const size = fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 53), anything);
    fc.assert(
      fc.property(hashish, size, size, fc.oneof(fc.array(hashish, { maxLength: 50 }), anything), hashish, (l, i, n, p, r) => {
        const got = verifyInclusion(l as Buffer, i as number, n as number, p as Buffer[], r as Buffer);
        expect(typeof got).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(size, size, hashish, hashish, fc.oneof(fc.array(hashish, { maxLength: 50 }), anything), (m, n, a, b, p) => {
        const got = verifyConsistency(m as number, n as number, a as Buffer, b as Buffer, p as Buffer[]);
        expect(typeof got).toBe('boolean');
      }),
    );
  });
});
