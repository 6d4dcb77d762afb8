import type { LedgerEntry } from '../ledger/envelope.js';

/**
 * Read models are keyed JSON documents, grouped in collections, optionally tagged for lookup
 * (e.g. "child:<id>"). A projection writes them through this interface only, so its code is a
 * fold over entries that knows nothing of SQL.
 */
export interface DocumentWriter {
  /** The document, deeply frozen: to change it, put a new value (which may share the parts it keeps). */
  get<T>(collection: string, key: string): T | undefined;
  /** Replace the document and its tags. The value is copied: changing it afterwards changes nothing stored. */
  put<T>(collection: string, key: string, value: T, tags?: string[]): void;
  delete(collection: string, key: string): void;
}

export interface DocumentReader {
  get<T>(collection: string, key: string): Promise<T | undefined>;
  /** Every document of a collection, or only those carrying a tag. */
  list<T>(collection: string, tag?: string): Promise<T[]>;
  /** The keys of those documents only, in key order: a page reads its few documents rather than every one. */
  keys(collection: string, tag?: string): Promise<string[]>;
}

export interface DocumentProjection {
  name: string;
  /** Bump when the fold or the document shape changes: a stored read model of another version is rebuilt. */
  version: number;
  apply(entry: LedgerEntry, documents: DocumentWriter): void;
}

export interface Checkpoint {
  version: number;
  /** Global position of the last entry folded in. */
  position: number;
}

/**
 * Where read models live: beside the events, so a batch of documents and the checkpoint that
 * says how far they go are committed together, and a restart resumes instead of replaying.
 */
export interface ReadModelStore {
  checkpoint(projection: string): Promise<Checkpoint | null>;
  /** Fold a batch in and move the checkpoint to its last entry, atomically. */
  commit(projection: DocumentProjection, entries: readonly LedgerEntry[]): Promise<void>;
  /**
   * The same for several read models in one transaction, each skipping what its own checkpoint says it has:
   * how a rebuild reads (and decrypts) the log once for all of them.
   */
  commitAll(projections: readonly DocumentProjection[], entries: readonly LedgerEntry[]): Promise<void>;
  /** Drop the projection's documents and checkpoint (before a rebuild). */
  reset(projection: DocumentProjection): Promise<void>;
  reader(projection: string): DocumentReader;
}
