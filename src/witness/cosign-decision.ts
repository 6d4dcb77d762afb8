import { verifyConsistency } from '../integrity/merkle/index.js';
import { verifyTreeHead } from '../integrity/tree-head.js';
import type { CosignRequest, WitnessRefusalCode } from '../integrity/witness/witness-protocol.js';
import type { CosignedHead } from './cosigned-heads.js';
import { instantInWords } from './instant-in-words.js';

export type CosignDecision =
  | { kind: 'cosign' }
  /** Exactly this head was co-signed before (a retry): the same co-signature is handed out again. */
  | { kind: 'again'; previous: CosignedHead }
  | { kind: 'refuse'; code: WitnessRefusalCode; message: string };

export interface DecisionContext {
  /** Ledger key id → SPKI PEM: the only ledgers this witness vouches for. */
  ledgerKeys: ReadonlyMap<string, string>;
  /** The last head co-signed for the head's ledger key, if any. */
  last: CosignedHead | null;
  witnessKeyId: string;
  now: Date;
  /** How far ahead of the witness's clock a head may be dated. */
  maxClockSkewMs: number;
}

const refuse = (code: WitnessRefusalCode, message: string): CosignDecision => ({ kind: 'refuse', code, message });
const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;

/**
 * Whether to co-sign a head. The whole point is that this witness never co-signs two histories of one ledger:
 * a new head must be signed by a ledger key it knows, and must extend the last head it co-signed for that key,
 * shown by an RFC 9162 consistency proof from that head. The first head of a ledger is taken on its signature.
 */
export function decideCosign({ head, consistency }: CosignRequest, context: DecisionContext): CosignDecision {
  const ledgerKey = context.ledgerKeys.get(head.keyId);
  if (!ledgerKey) return refuse('UNKNOWN_LEDGER_KEY', `this witness does not witness the ledger with key ${head.keyId}`);
  if (!verifyTreeHead(head, ledgerKey)) return refuse('BAD_SIGNATURE', "the head's signature does not verify under the ledger's key");
  if (Date.parse(head.timestamp) > context.now.getTime() + context.maxClockSkewMs) {
    // A head dated far ahead would make every honest head after it look older, and so be refused.
    return refuse('BAD_INPUT', `the head is dated ${instantInWords(head.timestamp)}, ahead of the witness's clock (${instantInWords(context.now.toISOString())})`);
  }

  const last = context.last;
  if (!last) return { kind: 'cosign' };
  const lastSigned = `the last head this witness co-signed for this ledger (${entries(last.treeSize)}, ${instantInWords(last.timestamp)})`;
  if (head.treeSize < last.treeSize) {
    return refuse('NOT_CONSISTENT', `this head's log has ${entries(head.treeSize)}, fewer than ${lastSigned}: entries would have been taken back`);
  }
  if (Date.parse(head.timestamp) < Date.parse(last.timestamp)) {
    return refuse('NOT_CONSISTENT', `this head is dated ${instantInWords(head.timestamp)}, before ${lastSigned}`);
  }
  if (head.treeSize === last.treeSize) {
    if (head.rootHash !== last.rootHash) return refuse('NOT_CONSISTENT', `this head has the size of ${lastSigned} but another root: the log was rewritten`);
    if (head.timestamp === last.timestamp && last.witnessKeyId === context.witnessKeyId) return { kind: 'again', previous: last };
    return { kind: 'cosign' };
  }
  // Every log extends the empty one: there is nothing to prove (and RFC 9162 defines no proof from size 0).
  if (last.treeSize === 0) return { kind: 'cosign' };
  if (!consistency) return refuse('NOT_CONSISTENT', `no consistency proof came with the head, and it must extend ${lastSigned}`);
  if (consistency.fromSize !== last.treeSize) {
    return refuse('NOT_CONSISTENT', `the consistency proof starts from a log of ${entries(consistency.fromSize)}, not from ${lastSigned}`);
  }
  const proof = consistency.proof.map((hash) => Buffer.from(hash, 'hex'));
  if (!verifyConsistency(last.treeSize, head.treeSize, Buffer.from(last.rootHash, 'hex'), Buffer.from(head.rootHash, 'hex'), proof)) {
    return refuse('NOT_CONSISTENT', `the consistency proof does not show this head's log extends ${lastSigned}: the log was rewritten`);
  }
  return { kind: 'cosign' };
}
