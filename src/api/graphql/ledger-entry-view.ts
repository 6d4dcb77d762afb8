import type { LedgerEntry } from '../../ledger/envelope.js';

/** A ledger entry as the API shows it: the envelope's metadata flattened beside the data. */
export const ledgerEntryView = (entry: LedgerEntry) => ({
  eventId: entry.eventId,
  streamId: entry.streamId,
  streamRevision: entry.streamRevision,
  globalPosition: entry.globalPosition,
  type: entry.type,
  schemaVersion: entry.schemaVersion,
  data: entry.data,
  actor: entry.metadata.actor,
  occurredAt: entry.metadata.occurredAt,
  recordedAt: entry.metadata.recordedAt,
  correlationId: entry.metadata.correlationId,
  causationId: entry.metadata.causationId,
  idempotencyKey: entry.metadata.idempotencyKey ?? null,
  importedFrom: entry.metadata.importedFrom ?? null,
  previousHash: entry.previousHash,
  hash: entry.hash,
});
