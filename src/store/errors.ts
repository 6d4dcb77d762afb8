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

/** Stored bytes could not even be decoded: the store was changed outside the ledger. */
export class CorruptEntry extends Error {
  constructor(
    readonly globalPosition: number,
    reason: string,
  ) {
    super(`stored event at global position ${globalPosition} cannot be read: ${reason}`);
    this.name = 'CorruptEntry';
  }
}
