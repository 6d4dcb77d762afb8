import { canonicalJson } from './canonical-json.js';
import { chainHash } from './event-hash.js';

/**
 * The one event envelope. Every store stores it, every feature reads it.
 * Branded numbers keep a stream revision from being passed where a global position is expected.
 */
export type StreamRevision = number & { readonly __brand: 'StreamRevision' };
export type GlobalPosition = number & { readonly __brand: 'GlobalPosition' };
export const revision = (n: number) => n as StreamRevision;
export const position = (n: number) => n as GlobalPosition;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who did it, as the verified token says; never taken from a request body. */
export interface Actor {
  id: string;
  displayName: string;
  role: string;
  organisation: string;
}

export interface EventMetadata {
  actor: Actor;
  /** When the caller says it happened (ISO 8601, UTC). */
  occurredAt: string;
  /** When the server recorded it (ISO 8601, UTC): set by the store, never from input. */
  recordedAt: string;
  correlationId: string;
  causationId: string;
  idempotencyKey?: string;
  /**
   * Set only by the caseload import (never from an API request): the file and row the entry was brought in from.
   * `recordedAt` is then when it was imported and `occurredAt` the date the source claims.
   */
  importedFrom?: ImportSource;
}

export interface ImportSource {
  /** The file's name and the SHA-256 of its bytes, so the row can be found again in exactly that file. */
  source: string;
  sha256: string;
  /** The row's line number in the file (1 is the header). */
  row: number;
}

/** An event as a writer proposes it; the store adds stream, revision, recorded time and hashes. */
export interface ProposedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: Omit<EventMetadata, 'recordedAt'>;
}

/** Exactly what the hash commits to. Global position is left out: a store assigns it (and EventStoreDB only after commit). */
export interface EventBody {
  eventId: string;
  streamId: string;
  streamRevision: StreamRevision;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: EventMetadata;
}

export interface LedgerEntry extends EventBody {
  globalPosition: GlobalPosition;
  previousHash: string;
  hash: string;
  /** The canonical bytes (RFC 8785) of the body, as stored and hashed. */
  canonical: string;
}

export interface SealedEvent {
  body: EventBody;
  canonical: string;
  previousHash: string;
  hash: string;
}

export function sealEvent(previousHash: string, body: EventBody): SealedEvent {
  const canonical = canonicalJson(body);
  return { body, canonical, previousHash, hash: chainHash(previousHash, canonical) };
}

/** Rebuild an entry from stored canonical bytes. Throws if the bytes are not JSON. */
export function openEntry(canonical: string, globalPosition: number, previousHash: string, hash: string): LedgerEntry {
  // Filled in place: the parsed object is new and nobody else holds it, and a spread copy costs every read of every entry.
  const entry = JSON.parse(canonical) as LedgerEntry;
  entry.globalPosition = position(globalPosition);
  entry.previousHash = previousHash;
  entry.hash = hash;
  entry.canonical = canonical;
  return entry;
}
