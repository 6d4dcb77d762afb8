import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_ROOT, HASH_SIZE, emptyRoot, isHash, leafHash, nodeHash } from '../../../src/integrity/merkle/index.js';
import { HASHER_VECTORS, LEAF_INPUTS, NODES, refLeafHash, refNodeHash } from './vectors.js';

describe('RFC 6962 hashes', () => {
  it('EMPTY_ROOT is SHA-256 of the empty string', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(HASHER_VECTORS.emptyRoot);
    expect(emptyRoot().equals(EMPTY_ROOT)).toBe(true);
    expect(emptyRoot()).not.toBe(emptyRoot());
  });

  it('matches the transparency-dev hasher vectors', () => {
    expect(leafHash(new Uint8Array(0)).toString('hex')).toBe(HASHER_VECTORS.emptyLeaf);
    expect(leafHash('').toString('hex')).toBe(HASHER_VECTORS.emptyLeaf);
    expect(leafHash(Buffer.from('L123456')).toString('hex')).toBe(HASHER_VECTORS.leafL123456);
    expect(leafHash('L123456').toString('hex')).toBe(HASHER_VECTORS.leafL123456);
    expect(nodeHash(Buffer.from('N123'), Buffer.from('N456')).toString('hex')).toBe(HASHER_VECTORS.nodeN123N456);
  });

  it('the empty tree and the tree of one empty leaf have different roots', () => {
    expect(leafHash('').equals(EMPTY_ROOT)).toBe(false);
  });

  it('hashes the eight RFC leaves to level 0 of NodeHashes, and pairs them to level 1', () => {
    const level0 = LEAF_INPUTS.map((d) => leafHash(d));
    expect(level0.map((h) => h.toString('hex'))).toEqual(NODES[0]?.map((h) => h.toString('hex')));
    for (let i = 0; i < 4; i++) {
      expect(nodeHash(level0[2 * i] as Buffer, level0[2 * i + 1] as Buffer).equals(NODES[1]?.[i] as Buffer)).toBe(true);
    }
  });

  it('encodes strings as UTF-8', () => {
    expect(leafHash('é€😀').equals(leafHash(Buffer.from('é€😀', 'utf8')))).toBe(true);
  });

  it('hashes a Uint8Array view by its own bytes only', () => {
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
    expect(leafHash(backing.subarray(2, 5)).equals(leafHash(Buffer.from([1, 2, 3])))).toBe(true);
  });

  it('separates leaves from nodes (second-preimage resistance) and depends on order', () => {
    const a = leafHash('Hello');
    const b = leafHash('World');
    expect(a.equals(b)).toBe(false);
    expect(nodeHash(a, b).equals(leafHash(Buffer.concat([a, b])))).toBe(false);
    expect(nodeHash(a, b).equals(nodeHash(b, a))).toBe(false);
  });

  it('returns 32 fresh bytes every time (no shared scratch buffer leaks out)', () => {
    const a = leafHash('a');
    const b = leafHash('b');
    const ab = nodeHash(a, b);
    const ba = nodeHash(b, a);
    expect(ab.length).toBe(HASH_SIZE);
    expect(ab.equals(refNodeHash(a, b))).toBe(true);
    expect(ba.equals(refNodeHash(b, a))).toBe(true);
    ab.fill(0);
    expect(nodeHash(a, b).equals(refNodeHash(a, b))).toBe(true);
  });

  it('agrees with an independent implementation for arbitrary input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 70 }), (x, y) => {
        expect(leafHash(x).equals(refLeafHash(x))).toBe(true);
        expect(nodeHash(Buffer.from(x), Buffer.from(y)).equals(refNodeHash(x, y))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (x, y) => {
        expect(nodeHash(Buffer.from(x), Buffer.from(y)).equals(refNodeHash(x, y))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(leafHash(s).equals(refLeafHash(Buffer.from(s, 'utf8')))).toBe(true);
      }),
    );
  });

  it('isHash accepts exactly 32-byte byte arrays', () => {
    expect(isHash(Buffer.alloc(32))).toBe(true);
    expect(isHash(new Uint8Array(32))).toBe(true);
    for (const bad of [Buffer.alloc(31), Buffer.alloc(33), Buffer.alloc(0), 'x'.repeat(32), null, undefined, 32, [], {}]) {
      expect(isHash(bad)).toBe(false);
    }
  });
});
