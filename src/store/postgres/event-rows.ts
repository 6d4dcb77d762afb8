import type pg from 'pg';
import { openEntry, type LedgerEntry } from '../../ledger/envelope.js';
import { CorruptEntry } from '../errors.js';

export const EVENT_COLUMNS = 'global_position, event_id, stream_id, stream_revision, type, previous_hash, hash, body';

/** A ledger_events row as node-postgres returns it: bigint columns arrive as strings. */
export interface EventRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_revision: string;
  type: string;
  previous_hash: string;
  hash: string;
  body: Buffer;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Rebuild an entry from its stored bytes; refuse a row whose bytes or indexed columns were changed behind the ledger. */
export function decodeEventRow(row: EventRow): LedgerEntry {
  const position = Number(row.global_position);
  let canonical: string;
  try {
    canonical = utf8.decode(row.body);
  } catch {
    throw new CorruptEntry(position, 'its stored bytes are not UTF-8 text');
  }
  let entry: LedgerEntry;
  try {
    entry = openEntry(canonical, position, row.previous_hash, row.hash);
  } catch (error) {
    throw new CorruptEntry(position, `its stored bytes are not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  // The indexed columns route queries; they must say what the hashed body says.
  if (
    entry.eventId !== row.event_id ||
    entry.streamId !== row.stream_id ||
    entry.streamRevision !== Number(row.stream_revision) ||
    entry.type !== row.type
  ) {
    throw new CorruptEntry(position, 'its indexed columns disagree with its hashed body');
  }
  return entry;
}

/** Insert entries as rows, all in one statement: the canonical bytes stored exactly as hashed. */
export async function insertEventRows(client: Pick<pg.PoolClient, 'query'>, entries: readonly LedgerEntry[]): Promise<void> {
  await client.query(
    `INSERT INTO ledger_events (${EVENT_COLUMNS})
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::bytea[])`,
    [
      entries.map((e) => e.globalPosition),
      entries.map((e) => e.eventId),
      entries.map((e) => e.streamId),
      entries.map((e) => e.streamRevision),
      entries.map((e) => e.type),
      entries.map((e) => e.previousHash),
      entries.map((e) => e.hash),
      entries.map((e) => Buffer.from(e.canonical, 'utf8')),
    ],
  );
}
