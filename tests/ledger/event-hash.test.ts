import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, chainHash } from '../../src/ledger/event-hash.js';

/** SHA-256 over one manually concatenated buffer: the definition, computed without chainHash. */
const reference = (previousHash: string, text: string) =>
  createHash('sha256')
    .update(Buffer.concat([Buffer.from(previousHash, 'hex'), Buffer.from(text, 'utf8')]))
    .digest('hex');

const SAMPLE_PREVIOUS = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const SAMPLE_BYTES = '{"child":"Zoë","need":"€"}';

/** Replace the character at `index` with a different character from `alphabet`. */
function flip(text: string, index: number, alphabet: string): string {
  const current = text[index]!;
  const replacement = [...alphabet].find((c) => c !== current)!;
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('chainHash', () => {
  it('GENESIS_HASH is 32 zero bytes in hex', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(Buffer.from(GENESIS_HASH, 'hex')).toEqual(Buffer.alloc(32));
  });

  it('matches constants computed outside Node with printf | sha256sum', () => {
    // (printf '\x00' x 32; printf 'abc') | sha256sum
    expect(chainHash(GENESIS_HASH, 'abc')).toBe('365aa7d8f7f9402c4b9434502b4cc89ddb09fe50d7cd95b493b834c62d5a5370');
    // (printf '\xba\x78...\xad'; printf '{"child":"Zo\xc3\xab","need":"\xe2\x82\xac"}') | sha256sum
    expect(chainHash(SAMPLE_PREVIOUS, SAMPLE_BYTES)).toBe(
      '4bb2b94ac3bd7f289606f7486dee2e69c64f9a736e9cef0d478f54fd96ce87db',
    );
  });

  it('is SHA-256 over the 32 raw previous-hash bytes followed by the UTF-8 bytes', () => {
    const texts = ['', 'a', SAMPLE_BYTES, '{"note":"😀 \\u0000 \u00a0"}', 'x'.repeat(10_000)];
    for (const text of texts) {
      for (const previous of [GENESIS_HASH, SAMPLE_PREVIOUS, randomBytes(32).toString('hex')]) {
        const hash = chainHash(previous, text);
        expect(hash).toBe(reference(previous, text));
        expect(hash).toMatch(/^[0-9a-f]{64}$/);
      }
    }
  });

  it('does not hash the previous hash as hex text, nor the text as UTF-16 or Latin-1', () => {
    const hash = chainHash(SAMPLE_PREVIOUS, SAMPLE_BYTES);
    const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest('hex');
    expect(hash).not.toBe(sha(Buffer.from(SAMPLE_PREVIOUS, 'utf8'), Buffer.from(SAMPLE_BYTES, 'utf8')));
    expect(hash).not.toBe(sha(Buffer.from(SAMPLE_PREVIOUS, 'hex'), Buffer.from(SAMPLE_BYTES, 'utf16le')));
    expect(hash).not.toBe(sha(Buffer.from(SAMPLE_PREVIOUS, 'hex'), Buffer.from(SAMPLE_BYTES, 'latin1')));
    expect(hash).not.toBe(sha(Buffer.from(SAMPLE_BYTES, 'utf8'), Buffer.from(SAMPLE_PREVIOUS, 'hex')));
  });

  it('changes when any single character of the bytes changes', () => {
    const original = chainHash(SAMPLE_PREVIOUS, SAMPLE_BYTES);
    for (let i = 0; i < SAMPLE_BYTES.length; i++) {
      const changed = flip(SAMPLE_BYTES, i, 'ab');
      expect(chainHash(SAMPLE_PREVIOUS, changed), `character ${i}`).not.toBe(original);
    }
  });

  it('changes when any single character of the previous hash changes', () => {
    const original = chainHash(SAMPLE_PREVIOUS, SAMPLE_BYTES);
    for (let i = 0; i < SAMPLE_PREVIOUS.length; i++) {
      const changed = flip(SAMPLE_PREVIOUS, i, '0123456789abcdef');
      expect(chainHash(changed, SAMPLE_BYTES), `hex digit ${i}`).not.toBe(original);
    }
  });

  it('changes when a character is appended or removed', () => {
    const original = chainHash(GENESIS_HASH, SAMPLE_BYTES);
    expect(chainHash(GENESIS_HASH, `${SAMPLE_BYTES} `)).not.toBe(original);
    expect(chainHash(GENESIS_HASH, SAMPLE_BYTES.slice(0, -1))).not.toBe(original);
  });

  it('is deterministic', () => {
    expect(chainHash(SAMPLE_PREVIOUS, SAMPLE_BYTES)).toBe(chainHash(SAMPLE_PREVIOUS, SAMPLE_BYTES));
  });

  it.each([
    ['empty', ''],
    ['too short', SAMPLE_PREVIOUS.slice(1)],
    ['too long', `${SAMPLE_PREVIOUS}0`],
    ['upper case', SAMPLE_PREVIOUS.toUpperCase()],
    ['not hex', `${SAMPLE_PREVIOUS.slice(0, 63)}g`],
    ['padded with whitespace', ` ${SAMPLE_PREVIOUS.slice(1)}`],
    ['with a trailing newline', `${SAMPLE_PREVIOUS}\n`],
    ['base64 of 32 bytes', Buffer.alloc(32).toString('base64')],
  ])('throws on a malformed previous hash (%s)', (_label, previous) => {
    expect(() => chainHash(previous, SAMPLE_BYTES)).toThrow(/previous hash must be 64 lowercase hex/);
  });
});
