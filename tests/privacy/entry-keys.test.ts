import { hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import { ENTRY_KEY_DERIVATION } from '../../src/privacy/entry-key-names.js';
import { entryIdentity, entryKeyFor } from '../../src/privacy/entry-keys.js';
import { disclosableKey, openData, sealData } from '../../src/privacy/sealed-data.js';

describe('entry keys', () => {
  it('are HKDF-SHA256 (RFC 5869) of the child key with the entry identity as the info, for every child and entry', () => {
    for (let i = 0; i < 50; i++) {
      const childKey = randomBytes(32);
      const eventId = `event-${i}`;
      const streamId = `child-${i % 3}`;
      const expected = Buffer.from(hkdfSync('sha256', childKey, Buffer.from(ENTRY_KEY_DERIVATION), Buffer.from(canonicalJson({ eventId, streamId })), 32));
      expect(entryKeyFor(childKey, eventId, streamId).equals(expected)).toBe(true);
      // Again from the same buffer (its extract step kept) and from a copy of it.
      expect(entryKeyFor(childKey, eventId, streamId).equals(expected)).toBe(true);
      expect(entryKeyFor(Buffer.from(childKey), eventId, streamId).equals(expected)).toBe(true);
    }
  });

  it('follow the bytes of the child key, not the buffer: a buffer changed in place (a zeroed key) no longer opens', () => {
    const childKey = randomBytes(32);
    const sealed = sealData({ words: 'a' }, childKey, 'key-1', 'event-1', 'child-1');
    expect(openData(sealed, childKey, 'event-1', 'child-1')).toEqual({ words: 'a' });
    const before = entryKeyFor(childKey, 'event-1', 'child-1');
    childKey.fill(0);
    expect(entryKeyFor(childKey, 'event-1', 'child-1').equals(before)).toBe(false);
    expect(() => disclosableKey(sealed, childKey, 'event-1', 'child-1')).toThrow(/commitment/);
    expect(() => disclosableKey(sealed, randomBytes(32), 'event-1', 'child-1')).toThrow(/commitment/);
  });

  it('name an entry by the RFC 8785 bytes of its event and stream ids, whatever characters the ids hold', () => {
    for (const [eventId, streamId] of [
      ['3e05fe18-e288-4ef3-9c9a-1aa1a6d1f6b6', 'child-3e05fe18-e288-4ef3-9c9a-1aa1a6d1f6b6'],
      ['a "quoted" id', 'child-\\back'],
      ['caf\u00e9', 'child-\u0007'],
      ['', 'la-E09000001'],
    ] as const) {
      expect(entryIdentity(eventId, streamId).toString('utf8')).toBe(canonicalJson({ eventId, streamId }));
    }
  });

  it('seal each entry under a fresh IV', () => {
    const childKey = randomBytes(32);
    const ivs = new Set(Array.from({ length: 2000 }, (_, i) => sealData({ i }, childKey, 'key-1', `event-${i}`, 'child-1').iv));
    expect(ivs.size).toBe(2000);
  });
});
