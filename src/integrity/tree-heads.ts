import { randomUUID } from 'node:crypto';
import type { Actor, JsonObject } from '../ledger/envelope.js';
import { ANY, type EventStore } from '../store/port.js';
import { readLogLeaves } from './log-leaves.js';
import { merkleRoot } from './merkle/index.js';
import type { SigningKey } from './signing-key.js';
import { signTreeHead, type SignedTreeHead } from './tree-head.js';
import { WITNESS_COSIGNATURE_STREAM } from './witness/kept-cosignatures.js';

/** Signed tree heads are kept in the ledger itself, so they are hash-chained and exported like anything else. */
export const TREE_HEAD_STREAM = 'ledger-tree-heads';
export const LEDGER_ACTOR: Actor = { id: 'send-ledger', displayName: 'SEND Ledger', role: 'system', organisation: 'send-ledger' };

/** Sign the head of the log as it stands (every entry so far) and keep it. */
export async function publishTreeHead(store: EventStore, key: SigningKey, clock: () => Date, actor: Actor = LEDGER_ACTOR): Promise<SignedTreeHead> {
  const { leaves } = await readLogLeaves(store);
  const timestamp = clock().toISOString();
  const head = signTreeHead({ treeSize: leaves.length, rootHash: merkleRoot(leaves).toString('hex'), timestamp }, key.privateKey, key.keyId);
  const id = randomUUID();
  await store.append(
    TREE_HEAD_STREAM,
    [{ eventId: id, type: 'TreeHeadSigned', schemaVersion: 1, data: head as unknown as JsonObject, metadata: { actor, occurredAt: timestamp, correlationId: id, causationId: id } }],
    ANY,
  );
  return head;
}

export async function latestTreeHead(store: EventStore): Promise<SignedTreeHead | null> {
  const head = await store.streamHead(TREE_HEAD_STREAM);
  if (!head) return null;
  const [entry] = await store.readStream(TREE_HEAD_STREAM, { fromRevision: head.revision, toRevision: head.revision });
  return (entry?.data as unknown as SignedTreeHead | undefined) ?? null;
}


/**
 * Whether anything other than heads and their co-signatures (what the ledger writes about its own heads) was recorded
 * after the first `size` entries: a log that grew only by those has nothing new to sign.
 */
async function grewSince(store: EventStore, size: number): Promise<boolean> {
  const headKeeping = new Set([TREE_HEAD_STREAM, WITNESS_COSIGNATURE_STREAM]);
  for (let from = size + 1; ; ) {
    const batch = await store.readAll(from, 1000);
    if (batch.length === 0) return false;
    if (batch.some((entry) => !headKeeping.has(entry.streamId))) return true;
    from = batch.at(-1)!.globalPosition + 1;
  }
}

/**
 * Publish a head every `seconds` when the log has grown since the last one (the head's own entry aside), and hand
 * each new head to `onPublished` (the witnesses are asked to co-sign it there). Returns a stop function.
 */
export function publishTreeHeadsEvery(
  seconds: number,
  store: EventStore,
  key: SigningKey,
  clock: () => Date,
  onError: (error: unknown) => void,
  onPublished: (head: SignedTreeHead) => Promise<unknown> = async () => {},
): () => void {
  const timer = setInterval(async () => {
    try {
      const last = await latestTreeHead(store);
      if (!last || (await grewSince(store, last.treeSize))) await onPublished(await publishTreeHead(store, key, clock));
    } catch (error) {
      onError(error);
    }
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
