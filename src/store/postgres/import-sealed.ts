import type pg from 'pg';
import { openEntry, revision, type LedgerEntry } from '../../ledger/envelope.js';
import type { StreamHead } from '../port.js';
import { checkSealedEntry } from '../sealed-import.js';
import { LOCK_NAMESPACE } from './advisory-locks.js';
import { insertEventRows } from './event-rows.js';
import { APPENDED_CHANNEL } from './schema.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * The PostgreSQL side of SealedImport (see src/store/sealed-import.ts), inside the caller's transaction:
 * every entry is checked against its stream's chain before anything is written, so a refused call stores
 * nothing. It takes the locks an append takes: the streams' (in one order for every importer, so two imports
 * cannot deadlock) and then the log head, so imported entries take the next positions in commit order too.
 */
export async function importSealedEntries(client: Queryable, entries: readonly LedgerEntry[]): Promise<LedgerEntry[]> {
  if (entries.length === 0) return [];
  const streams = [...new Set(entries.map((e) => e.streamId))];
  await client.query(
    `SELECT pg_advisory_xact_lock($1, h) FROM (SELECT DISTINCT hashtext(s) AS h FROM unnest($2::text[]) AS s ORDER BY 1) AS ordered`,
    [LOCK_NAMESPACE.stream, streams],
  );
  const { rows } = await client.query<{ stream_id: string; revision: string; hash: string }>(
    'SELECT stream_id, revision, hash FROM ledger_streams WHERE stream_id = ANY($1::text[])',
    [streams],
  );
  const heads = new Map<string, StreamHead | null>(rows.map((row) => [row.stream_id, { revision: revision(Number(row.revision)), hash: row.hash }]));
  const keys = entries.map((entry) => {
    const body = checkSealedEntry(entry, heads.get(entry.streamId) ?? null);
    heads.set(entry.streamId, { revision: entry.streamRevision, hash: entry.hash });
    return body.metadata?.idempotencyKey;
  });

  // With the notification, which listeners hear only when the transaction commits: one round trip fewer.
  const claimed = await client.query<{ head: string }>(`UPDATE ledger_log SET head = head + $1 RETURNING head, pg_notify('${APPENDED_CHANNEL}', '')`, [
    entries.length,
  ]);
  const first = Number(claimed.rows[0]!.head) - entries.length + 1;
  const stored = entries.map((e, i) => openEntry(e.canonical, first + i, e.previousHash, e.hash));
  await insertEventRows(client, stored);
  const newHeads = [...heads].flatMap(([streamId, head]) => (head && streams.includes(streamId) ? [{ streamId, ...head }] : []));
  await client.query(
    `INSERT INTO ledger_streams (stream_id, revision, hash) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])
     ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash`,
    [newHeads.map((h) => h.streamId), newHeads.map((h) => h.revision), newHeads.map((h) => h.hash)],
  );
  // The entries of one keyed command are consecutive: one range per (stream, key), extended if already known.
  const ranges = new Map<string, { streamId: string; key: string; first: number; last: number }>();
  stored.forEach((entry, i) => {
    const key = keys[i];
    if (key === undefined) return;
    const id = `${entry.streamId}\u0000${key}`;
    const range = ranges.get(id);
    if (range) range.last = entry.globalPosition;
    else ranges.set(id, { streamId: entry.streamId, key, first: entry.globalPosition, last: entry.globalPosition });
  });
  if (ranges.size > 0) {
    const list = [...ranges.values()];
    await client.query(
      `INSERT INTO ledger_idempotency (stream_id, idempotency_key, first_position, last_position)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[])
       ON CONFLICT (stream_id, idempotency_key) DO UPDATE SET last_position = excluded.last_position`,
      [list.map((r) => r.streamId), list.map((r) => r.key), list.map((r) => r.first), list.map((r) => r.last)],
    );
  }
  return stored;
}
