import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { canonicalJson } from '../ledger/canonical-json.js';
import type { JsonObject } from '../ledger/envelope.js';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** An entry's data as stored in a child stream: what the canonical bytes, the hash chain and the Merkle leaves commit to. */
export interface SealedData {
  $enc: typeof ALGORITHM;
  keyId: string;
  iv: string;
  ct: string;
  tag: string;
  [key: string]: string;
}

export interface Ciphertext {
  iv: Buffer;
  ct: Buffer;
  tag: Buffer;
}

/** AES-256-GCM with a fresh random 96-bit IV: at most 2^32 messages per key keeps IV reuse negligible. */
export function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): Ciphertext {
  const iv = randomBytes(IV_BYTES);
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

/** Binds a ciphertext to its event and stream, so it cannot be moved to another entry. */
const associatedData = (eventId: string, streamId: string) => Buffer.from(canonicalJson({ eventId, streamId }), 'utf8');

export function sealData(data: JsonObject, key: Buffer, keyId: string, eventId: string, streamId: string): SealedData {
  const { iv, ct, tag } = encrypt(key, Buffer.from(canonicalJson(data), 'utf8'), associatedData(eventId, streamId));
  return { $enc: ALGORITHM, keyId, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: tag.toString('base64') };
}

export function openData(sealed: SealedData, key: Buffer, eventId: string, streamId: string): JsonObject {
  const ciphertext = { iv: Buffer.from(sealed.iv, 'base64'), ct: Buffer.from(sealed.ct, 'base64'), tag: Buffer.from(sealed.tag, 'base64') };
  return JSON.parse(decrypt(key, ciphertext, associatedData(eventId, streamId)).toString('utf8')) as JsonObject;
}

export const isSealedData = (data: unknown): data is SealedData =>
  typeof data === 'object' &&
  data !== null &&
  (data as Record<string, unknown>)['$enc'] === ALGORITHM &&
  ['keyId', 'iv', 'ct', 'tag'].every((field) => typeof (data as Record<string, unknown>)[field] === 'string');
