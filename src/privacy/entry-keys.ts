import { createHash, hkdfSync } from 'node:crypto';
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

/** HKDF-SHA256 (RFC 5869) of the child's key, with the entry's event id and stream as the info: 32 bytes. */
export const entryKeyFor = (childKey: Buffer, eventId: string, streamId: string): Buffer =>
  Buffer.from(hkdfSync('sha256', childKey, SALT, Buffer.from(canonicalJson({ eventId, streamId }), 'utf8'), 32));

/** Hex SHA-256 of the commitment prefix followed by the key. */
export const keyCommitment = (entryKey: Buffer): string => createHash('sha256').update(KEY_COMMITMENT_PREFIX, 'utf8').update(entryKey).digest('hex');
