import { sign } from 'node:crypto';
import { cosignatureBytes, type Cosignature } from '../integrity/witness/cosignature.js';
import type { CosignRequest, WitnessedHead, WitnessInfo, WitnessRefusalCode } from '../integrity/witness/witness-protocol.js';
import { decideCosign } from './cosign-decision.js';
import type { CosignedHeads } from './cosigned-heads.js';
import type { WitnessKey } from './witness-key.js';

export interface WitnessDeps {
  name: string;
  key: WitnessKey;
  heads: CosignedHeads;
  /** Ledger key id → SPKI PEM of every ledger this witness vouches for. */
  ledgerKeys: ReadonlyMap<string, string>;
  clock?: () => Date;
  /** How far ahead of this clock a head may be dated (default five minutes). */
  maxClockSkewMs?: number;
}

export type CosignOutcome =
  | { ok: true; cosignature: Cosignature; again: boolean }
  | { ok: false; code: WitnessRefusalCode; message: string };

export interface Witness {
  info: WitnessInfo;
  latest(ledgerKeyId: string): WitnessedHead | null;
  cosign(request: CosignRequest): CosignOutcome;
}

/** The witness without HTTP: what it says about itself, what it last co-signed, and whether it co-signs a head. */
export function createWitness({ name, key, heads, ledgerKeys, clock = () => new Date(), maxClockSkewMs = 5 * 60_000 }: WitnessDeps): Witness {
  return {
    info: { name, keyId: key.keyId, publicKeyPem: key.publicKeyPem },
    latest(ledgerKeyId) {
      const last = heads.latest(ledgerKeyId);
      return last ? { treeSize: last.treeSize, rootHash: last.rootHash, timestamp: last.timestamp } : null;
    },
    cosign(request) {
      // Read, judge, sign and append under one write lock, all synchronous: two requests at once cannot both be
      // judged against the same last head, so two heads that disagree are never both co-signed.
      return heads.exclusively((): CosignOutcome => {
        const { head } = request;
        const now = clock();
        const decision = decideCosign(request, { ledgerKeys, last: heads.latest(head.keyId), witnessKeyId: key.keyId, now, maxClockSkewMs });
        if (decision.kind === 'refuse') return { ok: false, code: decision.code, message: decision.message };
        if (decision.kind === 'again') {
          const { witnessKeyId, cosignedAt, signature } = decision.previous;
          return { ok: true, cosignature: { witness: name, witnessKeyId, cosignedAt, signature }, again: true };
        }
        const cosignedAt = now.toISOString();
        const signature = sign(null, cosignatureBytes(head, key.keyId, cosignedAt), key.privateKey).toString('base64');
        heads.append({
          ledgerKeyId: head.keyId,
          treeSize: head.treeSize,
          rootHash: head.rootHash,
          timestamp: head.timestamp,
          ledgerSignature: head.signature,
          witnessKeyId: key.keyId,
          cosignedAt,
          signature,
        });
        return { ok: true, cosignature: { witness: name, witnessKeyId: key.keyId, cosignedAt, signature }, again: false };
      });
    },
  };
}
