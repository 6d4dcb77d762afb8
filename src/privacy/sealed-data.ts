import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../ledger/canonical-json.js';
import type { JsonObject } from '../ledger/envelope.js';
import { ENTRY_KEY_DERIVATION } from './entry-key-names.js';
import { entryIdentity, entryKeyOf, keyCommitment } from './entry-keys.js';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * An entry's data as stored in a child stream: what the canonical bytes, the hash chain and the Merkle leaves commit to.
 * Sealed under the entry's own key (derived from the child's key `keyId`) with a commitment to that key; entries sealed
 * before entry keys existed have neither `keyDerivation` nor `keyCommitment` and were sealed under the child's key itself.
 */
export interface SealedData {
  $enc: typeof ALGORITHM;
  keyId: string;
  iv: string;
  ct: string;
  tag: string;
  keyDerivation?: typeof ENTRY_KEY_DERIVATION;
  keyCommitment?: string;
  [key: string]: string | undefined;
}

export interface Ciphertext {
  iv: Buffer;
  ct: Buffer;
  tag: Buffer;
}

/**
 * IVs are drawn from the CSPRNG 256 at a time and each is used once: a call to randomBytes costs more than
 * the encryption of a typical entry, and the bytes are the same random bytes either way.
 */
const IV_POOL_BYTES = IV_BYTES * 256;
let ivPool = Buffer.alloc(0);
let ivOffset = 0;
const freshIv = (): Buffer => {
  if (ivOffset + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivOffset = 0;
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
};

/** AES-256-GCM with a fresh random 96-bit IV: at most 2^32 messages per key keeps IV reuse negligible. */
export function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): Ciphertext {
  const iv = freshIv();
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES }).setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ct, tag: cipher.getAuthTag() };
}

/** Throws if the ciphertext, IV, tag or associated data were changed. */
export function decrypt(key: Buffer, { iv, ct, tag }: Ciphertext, aad: Buffer): Buffer {
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('the IV or authentication tag has the wrong length');
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES }).setAAD(aad).setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}

/**
 * Seal under the entry's own key, derived from the child's key, with a commitment to that entry key. The entry's
 * identity (event and stream) is both the info of its key and the associated data that binds the ciphertext to it,
 * so it cannot be moved to another entry.
 */
export function sealData(data: JsonObject, childKey: Buffer, keyId: string, eventId: string, streamId: string): SealedData {
  const identity = entryIdentity(eventId, streamId);
  const entryKey = entryKeyOf(childKey, identity);
  const { iv, ct, tag } = encrypt(entryKey, Buffer.from(canonicalJson(data), 'utf8'), identity);
  return {
    $enc: ALGORITHM,
    keyId,
    keyDerivation: ENTRY_KEY_DERIVATION,
    keyCommitment: keyCommitment(entryKey),
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: tag.toString('base64'),
  };
}

/** Whether the entry was sealed under its own key (and so can be disclosed alone). */
export const hasEntryKey = (sealed: SealedData): boolean => sealed.keyDerivation === ENTRY_KEY_DERIVATION && typeof sealed.keyCommitment === 'string';

/** The key that opens this one entry; null for an entry sealed under the child's key itself. Throws if the commitment does not hold. */
export function disclosableKey(sealed: SealedData, childKey: Buffer, eventId: string, streamId: string): Buffer | null {
  return keyOfEntry(sealed, childKey, entryIdentity(eventId, streamId));
}

function keyOfEntry(sealed: SealedData, childKey: Buffer, identity: Buffer): Buffer | null {
  if (!hasEntryKey(sealed)) return null;
  const entryKey = entryKeyOf(childKey, identity);
  if (!timingSafeEqual(Buffer.from(keyCommitment(entryKey), 'hex'), Buffer.from(sealed.keyCommitment!, 'hex'))) {
    throw new Error("the entry's key commitment is not the commitment to its key: the stored bytes were altered");
  }
  return entryKey;
}

export function openData(sealed: SealedData, childKey: Buffer, eventId: string, streamId: string): JsonObject {
  const identity = entryIdentity(eventId, streamId);
  const key = keyOfEntry(sealed, childKey, identity) ?? childKey;
  const ciphertext = { iv: Buffer.from(sealed.iv, 'base64'), ct: Buffer.from(sealed.ct, 'base64'), tag: Buffer.from(sealed.tag, 'base64') };
  return JSON.parse(decrypt(key, ciphertext, identity).toString('utf8')) as JsonObject;
}

export const isSealedData = (data: unknown): data is SealedData => {
  if (typeof data !== 'object' || data === null) return false;
  const fields = data as Record<string, unknown>;
  if (fields['$enc'] !== ALGORITHM || !['keyId', 'iv', 'ct', 'tag'].every((field) => typeof fields[field] === 'string')) return false;
  // Both or neither: a commitment without its derivation (or the reverse) is not a form this ledger writes.
  return (fields['keyDerivation'] === undefined) === (fields['keyCommitment'] === undefined);
};
