import { CLEARTEXT_CHILD_EVENT_TYPES } from '../domain/child-record/events.js';
import { isSealedData } from './sealed-data.js';

const CHILD_STREAM = /^child-(.+)$/;

/** The child a `child-<id>` stream belongs to; null for every other stream. */
export const childOfStream = (streamId: string): string | null => CHILD_STREAM.exec(streamId)?.[1] ?? null;

/**
 * Why an entry as stored breaks the rule that a child's payloads are sealed under the child's key (all but the
 * types in CLEARTEXT_CHILD_EVENT_TYPES); null when it keeps it. Judged on the stored data, not the decrypted.
 * An unsealed payload on a child stream was written without the key, so outside the ledger: sealed, a forger
 * would need the key (AES-GCM authenticates it); in the clear, only a hash a forger can recompute.
 */
export function unsealedChildPayload(stored: { streamId: string; type: string; data: unknown }): string | null {
  if (childOfStream(stored.streamId) === null || CLEARTEXT_CHILD_EVENT_TYPES.has(stored.type) || isSealedData(stored.data)) return null;
  return "its data is not encrypted, yet every entry of a child's record is (erasures and legal holds aside): it was written without the child's key, outside the ledger";
}
