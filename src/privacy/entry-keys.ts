import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from '../ledger/canonical-json.js';
import { ENTRY_KEY_DERIVATION, KEY_COMMITMENT_PREFIX } from './entry-key-names.js';

/**
 * Each entry of a child's record is sealed under its own key, derived from the child's key and the entry's
 * identity, so an evidence bundle can disclose exactly the entries it contains (their keys) and nothing else of
 * the record. Destroying the child's key still erases every entry: each entry key is derived from it on demand.
 *
 * The sealed data carries a commitment to its entry key (a SHA-256 inside the hashed, signed bytes). AES-GCM
 * alone does not commit to its key: without the commitment a forger could offer a second key that opens the same
 * ciphertext to other words. With it, the disclosed key is the only key, and what it opens is what was committed.
 */
const SALT = Buffer.from(ENTRY_KEY_DERIVATION, 'utf8');
const FIRST_BLOCK = Buffer.of(1);

/**
 * HKDF's extract step depends on the child's key alone, so it is kept per key buffer: the key store hands out the
 * same buffer for a child while it holds the key, and once the key is dropped (erasure) nothing reaches the buffer
 * and its entry goes with it. Kept weakly, so this holds no key alive; with the bytes it was made from, so a buffer
 * changed in place is extracted again rather than answered for its old key.
 */
const extracted = new WeakMap<Buffer, { from: Buffer; prk: Buffer }>();
const pseudorandomKeyOf = (childKey: Buffer): Buffer => {
  const known = extracted.get(childKey);
  if (known && known.from.equals(childKey)) return known.prk;
  const prk = createHmac('sha256', SALT).update(childKey).digest();
  // Copied into a buffer of its own: Buffer.from would slice an 8 KB pool, kept alive as long as the key is held.
  const from = Buffer.allocUnsafeSlow(childKey.length);
  childKey.copy(from);
  extracted.set(childKey, { from, prk });
  return prk;
};

/** Printable ASCII other than the quote and the backslash: JSON writes such a string as it is, as RFC 8785 does. */
const VERBATIM = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * The bytes that name an entry: the HKDF info of its key and the associated data of its ciphertext. Its RFC 8785
 * form, written directly when both ids need no escaping (event ids and stream ids do not), as it is on every read.
 */
export const entryIdentity = (eventId: string, streamId: string): Buffer =>
  Buffer.from(
    VERBATIM.test(eventId) && VERBATIM.test(streamId) ? `{"eventId":"${eventId}","streamId":"${streamId}"}` : canonicalJson({ eventId, streamId }),
    'utf8',
  );

/**
 * HKDF-SHA256 (RFC 5869) of the child's key, with the entry's identity as the info: 32 bytes. One block of the
 * expand step is exactly 32 bytes, so it is HMAC(PRK, info || 0x01), the same bytes as `hkdfSync` gives, without
 * extracting again for every entry.
 */
export const entryKeyOf = (childKey: Buffer, identity: Buffer): Buffer =>
  createHmac('sha256', pseudorandomKeyOf(childKey)).update(identity).update(FIRST_BLOCK).digest();

export const entryKeyFor = (childKey: Buffer, eventId: string, streamId: string): Buffer => entryKeyOf(childKey, entryIdentity(eventId, streamId));

/** Hex SHA-256 of the commitment prefix followed by the key. */
export const keyCommitment = (entryKey: Buffer): string => createHash('sha256').update(KEY_COMMITMENT_PREFIX, 'utf8').update(entryKey).digest('hex');
