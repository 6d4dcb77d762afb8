import type { SignedTreeHead, TreeHead } from '../tree-head.js';

/**
 * What a ledger and a witness say to each other over HTTP (JSON). The witness service (src/witness) answers it;
 * askWitnesses speaks it. Heads only: nothing about any child ever crosses.
 */
export const WITNESS_PATHS = {
  /** GET: WitnessInfo. */
  info: '/v1/witness',
  /** GET: the last head co-signed for a ledger key (WitnessedHead), or 404. */
  latest: (ledgerKeyId: string) => `/v1/heads/${encodeURIComponent(ledgerKeyId)}/latest`,
  /** POST a CosignRequest: a Cosignature, or a WitnessRefusal. */
  cosign: '/v1/cosign',
} as const;

export interface WitnessInfo {
  name: string;
  /** SHA-256 of the witness's public key (SPKI DER), hex. */
  keyId: string;
  publicKeyPem: string;
}

/** The last head a witness co-signed for a ledger: where the next head's consistency proof must start. */
export type WitnessedHead = TreeHead;

export interface CosignRequest {
  head: SignedTreeHead;
  /** The proof that the witness's last head (of `fromSize` entries) is a prefix of this one; null when it has none. */
  consistency: { fromSize: number; proof: string[] } | null;
}

export type WitnessRefusalCode = 'NOT_CONSISTENT' | 'UNKNOWN_LEDGER_KEY' | 'BAD_SIGNATURE' | 'BAD_INPUT';

/** Every answer that is not a success: 409 for a head refused, 400 for a request that is malformed, 404 for nothing there. */
export interface WitnessRefusal {
  error: { code: WitnessRefusalCode | 'NOT_FOUND'; message: string };
}
