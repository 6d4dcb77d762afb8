import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromHex, toBase64 } from '../../src/integrity/evidence/verifier/bytes.js';

/** A bundle's bytes have one spelling each: a second spelling of the same value would be a byte no check sees change. */
describe("the verifier's decoders", () => {
  it('base64: round trips every length, and refuses stray padding bits, misplaced padding, bad length and foreign characters', () => {
    for (let n = 0; n < 200; n++) {
      const bytes = randomBytes(n);
      const text = bytes.toString('base64');
      expect(toBase64(bytes)).toBe(text);
      expect(Buffer.from(fromBase64(text)!).equals(bytes)).toBe(true);
    }
    expect(fromBase64('QQ==')).toEqual(new Uint8Array([0x41]));
    expect(fromBase64('QUI=')).toEqual(new Uint8Array([0x41, 0x42]));
    for (const text of ['QR==', 'QUJ=', 'Q===', 'QQ=A', 'QQ', 'Q Q=', 'QQ==QQ==', 'QUJD\n', 'QUJ\u00e9']) expect(fromBase64(text), text).toBeNull();
  });

  it('hex: lower case only, whole bytes only', () => {
    expect(fromHex('00ff')).toEqual(new Uint8Array([0, 255]));
    for (const text of ['00FF', '0', 'zz', ' 00']) expect(fromHex(text), text).toBeNull();
  });
});
