import type { GlobalPosition, LedgerEntry, ProposedEvent, StreamRevision } from '../ledger/envelope.js';

/** Expected-revision sentinels, as EventStoreDB names them. */
export const NO_STREAM = 'no_stream';
export const STREAM_EXISTS = 'stream_exists';
export const ANY = 'any';
export type ExpectedRevision = StreamRevision | number | typeof NO_STREAM | typeof STREAM_EXISTS | typeof ANY;

export interface AppendResult {
  /** The stream's revision after the append: pass it as the next expected revision. */
  nextExpectedRevision: StreamRevision;
  entries: LedgerEntry[];
  /** True when the idempotency key had been seen: the original entries are returned and nothing was appended. */
  deduplicated: boolean;
}

export interface StreamHead {
  revision: StreamRevision;
  hash: string;
}

export interface StreamRange {
  fromRevision?: number;
  toRevision?: number;
}

export interface Subscription {
  /** Global position of the last entry handed to the handler (0 before any). */
  readonly lastHandled: number;
  stop(): Promise<void>;
}

export interface SubscribeOptions {
  /** First global position wanted (positions start at 1). */
  fromPosition: number;
  onEntries: (entries: LedgerEntry[]) => void | Promise<void>;
  onError?: (error: unknown) => void;
  batchSize?: number;
}

/**
 * The one port every store satisfies (contract: tests/store/store-contract.ts).
 * An acknowledged append is durable; appends to one stream are serialised by expected revision.
 */
export interface EventStore {
  append(streamId: string, events: ProposedEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Entries of one stream, oldest first; [] when the stream does not exist. */
  readStream(streamId: string, range?: StreamRange): Promise<LedgerEntry[]>;
  /** Entries in global order from a position (inclusive), at most `limit`. */
  readAll(fromPosition: number, limit: number): Promise<LedgerEntry[]>;
  streamHead(streamId: string): Promise<StreamHead | null>;
  /** Every stream's head, as the store records it (what verification checks the log against). */
  streamHeads(): Promise<Array<StreamHead & { streamId: string }>>;
  /** Global position of the newest entry, 0 when empty. */
  headPosition(): Promise<GlobalPosition | 0>;
  /** Catch-up subscription: everything from a position, then each new append. */
  subscribe(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}
