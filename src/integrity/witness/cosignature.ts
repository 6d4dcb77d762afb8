import { canonicalJson } from '../../ledger/canonical-json.js';
import { fromBase64, pemBody, toHex, utf8 } from '../evidence/verifier/bytes.js';
import { ed25519Verify, sha256 } from '../evidence/verifier/web-crypto.js';
import type { SignedTreeHead } from '../tree-head.js';

/**
 * Browser-safe (the offline verifier checks co-signatures too): WebCrypto only.
 *
 * A witness's co-signature on a ledger tree head. A witness signs a head only after checking that it extends, by
 * a consistency proof, the last head it signed, so two co-signed heads of one ledger never tell two histories.
 */
export const COSIGNATURE_FORMAT = 'send-ledger-cosignature/1';

export interface Cosignature {
  /** The witness's own name for itself, e.g. "Kentish Vale Parent Carer Forum witness". */
  witness: string;
  /** SHA-256 of the witness's Ed25519 public key (SPKI DER), hex. */
  witnessKeyId: string;
  /** When the witness signed (ISO instant, the witness's clock). */
  cosignedAt: string;
  /** Ed25519 over cosignatureBytes(head, witnessKeyId, cosignedAt), base64. */
  signature: string;
}

/** Which witnesses a reader trusts, and how many of them must have co-signed. */
export interface WitnessPolicy {
  witnesses: { name: string; publicKeyPem: string }[];
  /** How many distinct listed witnesses must have co-signed the head. */
  required: number;
}

/** Exactly the bytes a witness signs: the ledger's head (size, root, time, ledger key) and the witness's own key and time. */
export const cosignatureBytes = (head: Pick<SignedTreeHead, 'treeSize' | 'rootHash' | 'timestamp' | 'keyId'>, witnessKeyId: string, cosignedAt: string): Uint8Array =>
  utf8(
    canonicalJson({
      format: COSIGNATURE_FORMAT,
      treeSize: head.treeSize,
      rootHash: head.rootHash,
      timestamp: head.timestamp,
      ledgerKeyId: head.keyId,
      witnessKeyId,
      cosignedAt,
    }),
  );

/** SHA-256 of a public key's SPKI DER bytes, hex: the key id in heads and co-signatures. Null for a malformed PEM. */
export async function keyIdOfPem(publicKeyPem: string): Promise<string | null> {
  const der = pemBody(publicKeyPem, 'PUBLIC KEY');
  return der ? toHex(await sha256(der)) : null;
}

export interface CosignatureCheck {
  /** Distinct policy witnesses whose co-signature verifies. */
  satisfiedBy: string[];
  /** A sentence per co-signature that fails, and one if the policy is not met. */
  problems: string[];
  ok: boolean;
}

/** Check a head's co-signatures against a policy: each must verify under a listed key, and enough distinct witnesses must have signed. */
export async function checkCosignatures(head: SignedTreeHead, cosignatures: readonly Cosignature[], policy: WitnessPolicy): Promise<CosignatureCheck> {
  const problems: string[] = [];
  const known = new Map<string, { name: string; der: Uint8Array }>();
  for (const witness of policy.witnesses) {
    // A policy file is typed or copied by people: line endings and surrounding blank lines are not a different key.
    const pem = `${witness.publicKeyPem.replace(/\r\n/g, '\n').trim()}\n`;
    const der = pemBody(pem, 'PUBLIC KEY');
    const id = await keyIdOfPem(pem);
    if (der && id) known.set(id, { name: witness.name, der });
    else problems.push(`the policy's key for ${witness.name} is not an Ed25519 public key in PEM form`);
  }
  const satisfied = new Set<string>();
  for (const cosignature of Array.isArray(cosignatures) ? cosignatures : []) {
    const witness = known.get(cosignature?.witnessKeyId);
    if (!witness) {
      problems.push(`a co-signature by "${String(cosignature?.witness)}" is under a key the policy does not name`);
      continue;
    }
    const signature = fromBase64(cosignature.signature);
    const ok = signature !== null && typeof cosignature.cosignedAt === 'string' && (await ed25519Verify(witness.der, signature, cosignatureBytes(head, cosignature.witnessKeyId, cosignature.cosignedAt)));
    if (ok) satisfied.add(cosignature.witnessKeyId);
    else problems.push(`the co-signature of ${witness.name} does not verify over this tree head: it was forged or altered`);
  }
  const satisfiedBy = [...satisfied].map((id) => known.get(id)!.name);
  if (satisfied.size < policy.required) {
    problems.push(`the policy needs co-signatures from ${policy.required} witness${policy.required === 1 ? '' : 'es'}; ${satisfied.size === 0 ? 'none' : satisfiedBy.join(' and ')} verified`);
  }
  return { satisfiedBy, problems, ok: problems.length === 0 };
}
