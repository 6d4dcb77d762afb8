import { createHash } from 'node:crypto';

/** The previous hash of the first event in a stream: 32 zero bytes. */
export const GENESIS_HASH = '0'.repeat(64);

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * hash = SHA-256(previous hash as 32 raw bytes || canonical event bytes as UTF-8), hex encoded.
 * Chaining inside a stream makes a deleted, inserted, reordered or edited entry break every later hash.
 */
export function chainHash(previousHash: string, canonicalBytes: string): string {
  if (!HEX_SHA256.test(previousHash)) throw new Error('previous hash must be 64 lowercase hex characters');
  return createHash('sha256')
    .update(Buffer.from(previousHash, 'hex'))
    .update(canonicalBytes, 'utf8')
    .digest('hex');
}
