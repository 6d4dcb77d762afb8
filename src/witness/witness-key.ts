import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdOf } from '../integrity/signing-key.js';

export interface WitnessKey {
  privateKey: KeyObject;
  /** SPKI PEM: what a reader's witness policy names. */
  publicKeyPem: string;
  /** SHA-256 of the public key's DER bytes, hex: names the key in co-signatures. */
  keyId: string;
}

export const WITNESS_KEY_FILE = 'witness-key.pem';

/**
 * The witness's own Ed25519 key, never the ledger's: made on first start in its data directory with
 * owner-only permissions, then read from there. Whoever holds it can co-sign in the witness's name.
 */
export function loadWitnessKey(dataDir: string): WitnessKey {
  const file = join(dataDir, WITNESS_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  const privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKeyPem, keyId: keyIdOf(publicKeyPem) };
}
