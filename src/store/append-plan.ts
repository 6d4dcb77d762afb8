import { GENESIS_HASH } from '../ledger/event-hash.js';
import { revision, sealEvent, type ProposedEvent, type SealedEvent } from '../ledger/envelope.js';
import { ConcurrencyConflict } from './errors.js';
import { ANY, NO_STREAM, STREAM_EXISTS, type ExpectedRevision, type StreamHead } from './port.js';

/**
 * The part of an append every adapter shares: check the expected revision against the stream head
 * read inside the adapter's transaction, then number, time-stamp and hash-chain the new events.
 */
export function planAppend(
  streamId: string,
  head: StreamHead | null,
  events: ProposedEvent[],
  expected: ExpectedRevision,
  recordedAt: string,
): SealedEvent[] {
  if (events.length === 0) throw new Error('an append needs at least one event');
  assertExpected(streamId, head, expected);
  let previousHash = head?.hash ?? GENESIS_HASH;
  let next = head === null ? 0 : head.revision + 1;
  return events.map((event) => {
    const sealed = sealEvent(previousHash, {
      eventId: event.eventId,
      streamId,
      streamRevision: revision(next++),
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: { ...event.metadata, recordedAt },
    });
    previousHash = sealed.hash;
    return sealed;
  });
}

function assertExpected(streamId: string, head: StreamHead | null, expected: ExpectedRevision): void {
  const current = head?.revision ?? null;
  const ok =
    expected === ANY ||
    (expected === NO_STREAM && current === null) ||
    (expected === STREAM_EXISTS && current !== null) ||
    (typeof expected === 'number' && current === expected);
  if (!ok) throw new ConcurrencyConflict(streamId, expected, current);
}

/** The idempotency key of an append: every event of one command carries the same key. */
export function idempotencyKeyOf(events: ProposedEvent[]): string | undefined {
  return events[0]?.metadata.idempotencyKey;
}
