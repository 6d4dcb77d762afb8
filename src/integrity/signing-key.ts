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

/** The public half of a signing key and its id, as verification needs them. */
export interface TreeHeadPublicKey {
  keyId: string;
  publicKeyPem: string;
}

/**
 * The public key tree heads are checked with: the configured key's, or the one kept in the data directory.
 * Unlike loadSigningKey it never creates a key, so a check cannot quietly mint the key it then trusts.
 * Null when there is none.
 */
export function treeHeadPublicKey(dataDir: string, configuredPem?: string): TreeHeadPublicKey | null {
  const file = join(dataDir, 'tree-head-signing-key.pem');
  const pem = configuredPem || (existsSync(file) ? readFileSync(file, 'utf8') : null);
  if (!pem) return null;
  const { keyId, publicKeyPem } = signingKeyFrom(createPrivateKey(pem));
  return { keyId, publicKeyPem };
}

/** The id a key's heads carry: SHA-256 of its public key's DER bytes, hex. */
export const keyIdOf = (publicKeyPem: string): string =>
  createHash('sha256').update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).digest('hex');

/** A key that lives only in memory (tests, throwaway runs). */
export const ephemeralSigningKey = (): SigningKey => signingKeyFrom(generateKeyPairSync('ed25519').privateKey);

function signingKeyFrom(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the tree head signing key must be an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: createHash('sha256').update(der).digest('hex') };
}
