import { createHash, randomUUID } from 'node:crypto';
import type { JsonObject } from '../../ledger/envelope.js';
import { ANY, type EventStore } from '../../store/port.js';
import { treeHeadBytes, type SignedTreeHead } from '../tree-head.js';
import { LEDGER_ACTOR } from '../tree-heads.js';
import type { Cosignature } from './cosignature.js';

/**
 * Witnesses' co-signatures are kept in the ledger itself, like the heads they sign: hash-chained, exported and
 * kept across restarts. Named `ledger-…` like `ledger-tree-heads`, never `child-…`, so nothing takes it for a
 * child's record (whose payloads are sealed).
 */
export const WITNESS_COSIGNATURE_STREAM = 'ledger-witness-cosignatures';
export const TREE_HEAD_COSIGNED = 'TreeHeadCosigned';

/** What one TreeHeadCosigned entry holds: the head (without the ledger's own signature) and one witness's co-signature. */
export interface KeptCosignature {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  keyId: string;
  cosignature: Cosignature;
}

type HeadFields = Pick<SignedTreeHead, 'treeSize' | 'rootHash' | 'timestamp' | 'keyId'>;

const sameHead = (kept: KeptCosignature, head: HeadFields) =>
  kept.treeSize === head.treeSize && kept.rootHash === head.rootHash && kept.timestamp === head.timestamp && kept.keyId === head.keyId;

/**
 * Keep a witness's co-signature of a head. At most once per witness and head (its idempotency key), however
 * often the witnesses are asked. The caller has checked it verifies.
 */
export async function keepCosignature(store: EventStore, head: HeadFields, cosignature: Cosignature, clock: () => Date = () => new Date()): Promise<void> {
  const id = randomUUID();
  const headDigest = createHash('sha256').update(treeHeadBytes(head)).digest('hex');
  const data: KeptCosignature = { treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp, keyId: head.keyId, cosignature };
  await store.append(
    WITNESS_COSIGNATURE_STREAM,
    [
      {
        eventId: id,
        type: TREE_HEAD_COSIGNED,
        schemaVersion: 1,
        data: data as unknown as JsonObject,
        metadata: { actor: LEDGER_ACTOR, occurredAt: clock().toISOString(), correlationId: id, causationId: id, idempotencyKey: `cosigned-${cosignature.witnessKeyId}-${headDigest}` },
      },
    ],
    ANY,
  );
}

/** The co-signatures kept for exactly this head (size, root, time and ledger key), one per witness key, oldest first. */
export async function cosignaturesFor(store: EventStore, head: HeadFields): Promise<Cosignature[]> {
  const byWitness = new Map<string, Cosignature>();
  for (const entry of await store.readStream(WITNESS_COSIGNATURE_STREAM)) {
    if (entry.type !== TREE_HEAD_COSIGNED) continue;
    const kept = entry.data as unknown as KeptCosignature;
    if (sameHead(kept, head) && !byWitness.has(kept.cosignature.witnessKeyId)) byWitness.set(kept.cosignature.witnessKeyId, kept.cosignature);
  }
  return [...byWitness.values()];
}
