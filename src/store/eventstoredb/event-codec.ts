import { binaryEvent, type EventData, type Position, type RecordedEvent } from '@eventstore/db-client';
import { uuidFromName } from '../../ledger/deterministic-id.js';
import { openEntry, revision, type LedgerEntry, type SealedEvent, type StreamRevision } from '../../ledger/envelope.js';
import { CorruptEntry } from '../errors.js';
import type { StreamNames } from './stream-names.js';

/**
 * The stored form of a ledger entry in EventStoreDB: the event's data are the canonical bytes exactly as
 * hashed (binary, so nothing re-serialises them: a JSON event would be re-encoded by the client and read
 * back parsed), the ESDB event type is the entry type, the ESDB event id is the entry's event id (so ESDB's
 * own duplicate detection applies), and the hashes ride in the event metadata, which the hash does not cover.
 */
const FORMAT = 'send-ledger/1';
const LINK = '$>';

interface LedgerStamp {
  format: typeof FORMAT;
  namespace: string;
  previousHash: string;
  hash: string;
}

/** ESDB ids must be UUIDs; ours are, but a non-UUID id still gets a stable one of its own. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const esdbEventIdOf = (eventId: string) => (UUID.test(eventId) ? eventId.toLowerCase() : uuidFromName('send-ledger-esdb-event-id', eventId));

export function encodeSealed(sealed: Pick<SealedEvent, 'canonical' | 'previousHash' | 'hash'> & { eventId: string; type: string }, namespace: string): EventData {
  const stamp: LedgerStamp = { format: FORMAT, namespace, previousHash: sealed.previousHash, hash: sealed.hash };
  return binaryEvent({
    id: esdbEventIdOf(sealed.eventId),
    type: sealed.type,
    data: Buffer.from(sealed.canonical, 'utf8'),
    metadata: { ...stamp },
  });
}

function stampOf(metadata: unknown, namespace: string): LedgerStamp | null {
  if (metadata === null || typeof metadata !== 'object' || metadata instanceof Uint8Array) return null;
  const stamp = metadata as Partial<LedgerStamp>;
  if (stamp.format !== FORMAT || stamp.namespace !== namespace) return null;
  if (typeof stamp.previousHash !== 'string' || typeof stamp.hash !== 'string') return null;
  return stamp as LedgerStamp;
}

/** True for an event this adapter wrote as a ledger entry of this namespace (not a link, not a system event). */
export function isLedgerEvent(event: RecordedEvent, names: StreamNames): boolean {
  return event.type !== LINK && names.ledgerStreamOf(event.streamId) !== null && stampOf(event.metadata, names.namespace) !== null;
}

/** Rebuilds the entry from the stored bytes; anything that does not add up is a CorruptEntry at that position. */
export function decodeEntry(event: RecordedEvent, globalPosition: number, names: StreamNames): LedgerEntry {
  const stamp = stampOf(event.metadata, names.namespace);
  if (!stamp) throw new CorruptEntry(globalPosition, 'its EventStoreDB metadata does not carry the ledger hashes');
  if (!(event.data instanceof Uint8Array)) throw new CorruptEntry(globalPosition, 'it is not stored as canonical bytes');
  let entry: LedgerEntry;
  try {
    entry = openEntry(Buffer.from(event.data).toString('utf8'), globalPosition, stamp.previousHash, stamp.hash);
  } catch (error) {
    throw new CorruptEntry(globalPosition, `its stored bytes are not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  // Where ESDB files the event must be what the hashed body says, as SQLite's indexed columns must.
  if (
    entry.streamId !== names.ledgerStreamOf(event.streamId) ||
    entry.streamRevision !== Number(event.revision) ||
    entry.type !== event.type ||
    esdbEventIdOf(entry.eventId) !== event.id.toLowerCase()
  ) {
    throw new CorruptEntry(globalPosition, 'its EventStoreDB stream, revision, id or type disagree with its hashed body');
  }
  return entry;
}

/** The head of a stream as its newest stored event records it. */
export function headOf(event: RecordedEvent, names: StreamNames): { revision: StreamRevision; hash: string } {
  const stamp = stampOf(event.metadata, names.namespace);
  if (!stamp) throw new CorruptEntry(0, `the newest event of stream ${event.streamId} does not carry the ledger hashes`);
  return { revision: revision(Number(event.revision)), hash: stamp.hash };
}

/** A link in the global-order stream: which event, and where it stands in $all (the order it fixes). */
export interface OrderLink {
  esdbStream: string;
  revision: bigint;
  source: Position;
}

export function encodeLink(link: OrderLink): EventData {
  return binaryEvent({
    type: LINK,
    // ESDB's own link format: the server resolves it when read with resolveLinkTos.
    data: Buffer.from(`${link.revision}@${link.esdbStream}`, 'utf8'),
    metadata: { sourceCommit: link.source.commit.toString(), sourcePrepare: link.source.prepare.toString() },
  });
}

export function decodeLink(event: RecordedEvent, globalPosition: number): OrderLink {
  const text = event.data instanceof Uint8Array ? Buffer.from(event.data).toString('utf8') : '';
  const at = text.indexOf('@');
  const metadata = (event.metadata ?? {}) as { sourceCommit?: unknown; sourcePrepare?: unknown };
  const digits = (value: unknown): value is string => typeof value === 'string' && /^\d+$/.test(value);
  if (event.type !== LINK || at <= 0 || !digits(text.slice(0, at)) || !digits(metadata.sourceCommit) || !digits(metadata.sourcePrepare)) {
    throw new CorruptEntry(globalPosition, 'its entry in the global order is not a link this adapter wrote');
  }
  return {
    revision: BigInt(text.slice(0, at)),
    esdbStream: text.slice(at + 1),
    source: { commit: BigInt(metadata.sourceCommit), prepare: BigInt(metadata.sourcePrepare) },
  };
}

export const comparePositions = (a: Position, b: Position): number =>
  a.commit === b.commit ? (a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1) : a.commit < b.commit ? -1 : 1;
