import { concat } from './bytes.js';

/**
 * The three primitives a bundle is checked with, through WebCrypto (globalThis.crypto.subtle), which both
 * browsers and Node (20 and later) provide: SHA-256, Ed25519 signatures and AES-256-GCM.
 */
const subtle = () => {
  const found = globalThis.crypto?.subtle;
  if (!found) throw new Error('this browser has no WebCrypto (crypto.subtle): open the verifier in a current browser, from a file or https');
  return found;
};

/** WebCrypto wants ArrayBuffer-backed views; a copy keeps a Node Buffer's shared pool out of it. */
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

export async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', own(concat(...parts))));
}

/** False (never a throw) for a malformed key or signature as much as for a wrong one. */
export async function ed25519Verify(spkiDer: Uint8Array, signature: Uint8Array, message: Uint8Array): Promise<boolean> {
  try {
    const key = await subtle().importKey('spki', own(spkiDer), { name: 'Ed25519' }, false, ['verify']);
    return await subtle().verify({ name: 'Ed25519' }, key, own(signature), own(message));
  } catch {
    return false;
  }
}

/** The plaintext, or null when the key, IV, ciphertext, tag or associated data do not authenticate. */
export async function aesGcmOpen(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, associatedData: Uint8Array): Promise<Uint8Array | null> {
  if (key.length !== 32 || iv.length !== 12 || tag.length !== 16) return null;
  try {
    const imported = await subtle().importKey('raw', own(key), { name: 'AES-GCM' }, false, ['decrypt']);
    const plain = await subtle().decrypt({ name: 'AES-GCM', iv: own(iv), additionalData: own(associatedData), tagLength: 128 }, imported, own(concat(ciphertext, tag)));
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}
