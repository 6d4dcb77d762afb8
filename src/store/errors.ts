import type { ExpectedRevision } from './port.js';

/** The stream was not at the revision the writer expected: someone else wrote first. */
export class ConcurrencyConflict extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or null when the stream does not exist. */
    readonly currentRevision: number | null,
  ) {
    super(
      `stream ${streamId} is at ${currentRevision === null ? 'no revision (it does not exist)' : `revision ${currentRevision}`}, ` +
        `but the write expected ${typeof expected === 'number' ? `revision ${expected}` : expected.replace('_', ' ')}`,
    );
    this.name = 'ConcurrencyConflict';
  }
}

/** Which entry a stored row says it is, when that much could be read. */
export interface StoredEntryIdentity {
  eventId: string;
  streamId: string;
  streamRevision: number;
}

/**
 * A stored row the ledger will not hand out: its bytes cannot be decoded, or it lies where verification does
 * not look (outside global positions 1..head, past its stream's head, after a gap). The store was changed
 * outside the ledger.
 */
export class CorruptEntry extends Error {
  constructor(
    readonly globalPosition: number,
    readonly reason: string,
    /** The entry the row claims to be, when its bytes could be read. */
    readonly entry: StoredEntryIdentity | null = null,
  ) {
    super(
      `stored event at global position ${globalPosition}` +
        `${entry ? ` (stream ${entry.streamId} revision ${entry.streamRevision}, event ${entry.eventId})` : ''} cannot be read: ${reason}`,
    );
    this.name = 'CorruptEntry';
  }
}
