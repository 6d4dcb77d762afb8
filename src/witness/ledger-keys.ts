import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { keyIdOf } from '../integrity/signing-key.js';

/** A ledger key file that cannot be used, in a sentence naming the file. */
export class LedgerKeyError extends Error {
  override name = 'LedgerKeyError';
}

/**
 * The ledgers a witness vouches for, by key id: each file an Ed25519 public key in PEM form, or the JSON that
 * `npm run tree -- key` prints (its publicKeyPem). A private key is refused: the witness must never hold what signs the ledger's heads.
 */
export function readLedgerKeys(files: readonly string[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new LedgerKeyError(`cannot read the ledger key ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    text = publicKeyPemIn(text);
    if (text.includes('PRIVATE KEY')) throw new LedgerKeyError(`${file} holds a private key: give the witness only the ledger's public key`);
    let pem: string;
    try {
      const key = createPublicKey(text);
      if (key.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
      pem = key.export({ type: 'spki', format: 'pem' }).toString();
    } catch {
      throw new LedgerKeyError(`${file} is not an Ed25519 public key in PEM form (-----BEGIN PUBLIC KEY-----)`);
    }
    keys.set(keyIdOf(pem), pem);
  }
  return keys;
}

function publicKeyPemIn(text: string): string {
  try {
    const parsed = JSON.parse(text) as { publicKeyPem?: unknown };
    if (typeof parsed?.publicKeyPem === 'string') return parsed.publicKeyPem;
  } catch {
    // not JSON: a PEM file
  }
  return text;
}
