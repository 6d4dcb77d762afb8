import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SigningKey {
  privateKey: KeyObject;
  /** SPKI PEM: what a verifier needs, shipped inside every evidence bundle. */
  publicKeyPem: string;
  /** SHA-256 of the public key's DER bytes, hex: names the key in signed heads. */
  keyId: string;
}

/**
 * The Ed25519 key that signs tree heads. From config (a PKCS#8 PEM) in a deployment; on the embedded
 * default, generated on first start into the data directory with owner-only permissions.
 */
export function loadSigningKey(dataDir: string, configuredPem?: string): SigningKey {
  let pem = configuredPem;
  if (!pem) {
    const file = join(dataDir, 'tree-head-signing-key.pem');
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      const { privateKey } = generateKeyPairSync('ed25519');
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    }
    pem = readFileSync(file, 'utf8');
  }
  return signingKeyFrom(createPrivateKey(pem));
}

/** A key that lives only in memory (tests, throwaway runs). */
export const ephemeralSigningKey = (): SigningKey => signingKeyFrom(generateKeyPairSync('ed25519').privateKey);

function signingKeyFrom(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the tree head signing key must be an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: createHash('sha256').update(der).digest('hex') };
}
