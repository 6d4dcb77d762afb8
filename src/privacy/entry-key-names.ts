/** Browser-safe names of the entry-key scheme (privacy/entry-keys.ts), shared with the offline verifier. */
export const ENTRY_KEY_DERIVATION = 'hkdf-sha256/entry-key/1';
export const KEY_COMMITMENT_PREFIX = 'send-ledger/entry-key-commitment/1';
