import type pg from 'pg';
import { openEntry, revision, type LedgerEntry, type ProposedEvent, type SealedEvent } from '../../ledger/envelope.js';
import { idempotencyKeyOf, planAppend } from '../append-plan.js';
import { coveredRepeat } from '../covered-reads.js';
import type { AppendResult, ExpectedRevision, StreamHead } from '../port.js';
import { LOCK_NAMESPACE } from './advisory-locks.js';
import { EVENT_COLUMNS, decodeEventRow, insertEventRows, type EventRow } from './event-rows.js';
import { APPENDED_CHANNEL } from './schema.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface GroupedAppend {
  streamId: string;
  events: ProposedEvent[];
  expected: ExpectedRevision;
}

export type AppendOutcome = { result: AppendResult } | { error: unknown };

const keyId = (streamId: string, key: string) => `${streamId}\u0000${key}`;

/**
 * Several appends in the caller's one transaction, in the order given, with a fixed number of round trips
 * whatever their number: the streams' locks (in one order for every writer, as imports take them), their
 * heads and idempotency keys read at once, every append judged in memory against the heads as the earlier
 * ones leave them, then one claim on the log head and one insert for all. An append refused for its expected
 * revision gets its error and writes nothing; the others go ahead. A repeated idempotency key, in the
 * database or earlier in the group, is answered with the entries it recorded.
 */
export async function appendGroup(
  client: Queryable,
  group: readonly GroupedAppend[],
  recordedAt: string,
  beforeCommit?: (entries: readonly LedgerEntry[]) => Promise<void>,
): Promise<AppendOutcome[]> {
  const streams = [...new Set(group.map((op) => op.streamId))];
  await client.query(
    `SELECT pg_advisory_xact_lock($1, h) FROM (SELECT DISTINCT hashtext(s) AS h FROM unnest($2::text[]) AS s ORDER BY 1) AS ordered`,
    [LOCK_NAMESPACE.stream, streams],
  );
  const headRows = await client.query<{ stream_id: string; revision: string; hash: string }>(
    'SELECT stream_id, revision, hash FROM ledger_streams WHERE stream_id = ANY($1::text[])',
    [streams],
  );
  const heads = new Map<string, StreamHead>(headRows.rows.map((row) => [row.stream_id, { revision: revision(Number(row.revision)), hash: row.hash }]));

  const keyed = group.flatMap((op) => {
    const key = idempotencyKeyOf(op.events);
    return key === undefined ? [] : [{ streamId: op.streamId, key }];
  });
  const seenKeys = new Map<string, { first: number; last: number }>();
  if (keyed.length > 0) {
    const { rows } = await client.query<{ stream_id: string; idempotency_key: string; first_position: string; last_position: string }>(
      `SELECT k.stream_id, k.idempotency_key, k.first_position, k.last_position
         FROM ledger_idempotency k JOIN unnest($1::text[], $2::text[]) AS wanted (stream_id, idempotency_key)
           ON k.stream_id = wanted.stream_id AND k.idempotency_key = wanted.idempotency_key`,
      [keyed.map((k) => k.streamId), keyed.map((k) => k.key)],
    );
    for (const row of rows) seenKeys.set(keyId(row.stream_id, row.idempotency_key), { first: Number(row.first_position), last: Number(row.last_position) });
  }

  // Judge each append against the heads the earlier ones leave.
  type Planned = { kind: 'sealed'; sealed: SealedEvent[]; key: string | undefined } | { kind: 'repeat'; of: string } | { kind: 'refused'; error: unknown };
  const inGroup = new Map<string, number>();
  const planned: Planned[] = group.map((op, i) => {
    const key = idempotencyKeyOf(op.events);
    if (key !== undefined && (seenKeys.has(keyId(op.streamId, key)) || inGroup.has(keyId(op.streamId, key)))) {
      return { kind: 'repeat', of: keyId(op.streamId, key) };
    }
    try {
      const sealed = planAppend(op.streamId, heads.get(op.streamId) ?? null, op.events, op.expected, recordedAt);
      const last = sealed.at(-1)!;
      heads.set(op.streamId, { revision: last.body.streamRevision, hash: last.hash });
      if (key !== undefined) inGroup.set(keyId(op.streamId, key), i);
      return { kind: 'sealed', sealed, key };
    } catch (error) {
      return { kind: 'refused', error };
    }
  });

  const sealed = planned.flatMap((p) => (p.kind === 'sealed' ? p.sealed : []));
  const written: LedgerEntry[][] = planned.map(() => []);
  if (sealed.length > 0) {
    const changed = streams.filter((s) => planned.some((p, i) => p.kind === 'sealed' && group[i]!.streamId === s));
    // The heads move and the positions are claimed in one statement (one round trip), with the notification,
    // which listeners hear only when the transaction commits. The log head is claimed last but the inserts, so
    // its row lock is held only for them and the commit.
    const { rows } = await client.query<{ head: string }>(
      `WITH moved AS (
         INSERT INTO ledger_streams (stream_id, revision, hash) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])
         ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash
       )
       UPDATE ledger_log SET head = head + $4 RETURNING head, pg_notify('${APPENDED_CHANNEL}', '')`,
      [changed, changed.map((s) => heads.get(s)!.revision), changed.map((s) => heads.get(s)!.hash), sealed.length],
    );
    let next = Number(rows[0]!.head) - sealed.length + 1;
    planned.forEach((p, i) => {
      if (p.kind === 'sealed') written[i] = p.sealed.map((s) => openEntry(s.canonical, next++, s.previousHash, s.hash));
    });
    const entries = written.flat();
    await insertEventRows(client, entries);
    const newKeys = planned.flatMap((p, i) => (p.kind === 'sealed' && p.key !== undefined ? [{ streamId: group[i]!.streamId, key: p.key, entries: written[i]! }] : []));
    if (newKeys.length > 0) {
      await client.query(
        `INSERT INTO ledger_idempotency (stream_id, idempotency_key, first_position, last_position)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[])`,
        [newKeys.map((k) => k.streamId), newKeys.map((k) => k.key), newKeys.map((k) => k.entries[0]!.globalPosition), newKeys.map((k) => k.entries.at(-1)!.globalPosition)],
      );
    }
  }

  // Repeats of keys recorded before this group are read back; repeats within it take what was just written.
  const earlier = [...new Set(planned.flatMap((p) => (p.kind === 'repeat' && seenKeys.has(p.of) ? [p.of] : [])))].map((id) => seenKeys.get(id)!);
  const recorded = new Map<number, LedgerEntry>();
  if (earlier.length > 0) {
    const { rows } = await client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ledger_events e JOIN unnest($1::bigint[], $2::bigint[]) AS r (first, last)
         ON e.global_position BETWEEN r.first AND r.last ORDER BY e.global_position`,
      [earlier.map((r) => r.first), earlier.map((r) => r.last)],
    );
    for (const row of rows) {
      const entry = decodeEventRow(row);
      recorded.set(entry.globalPosition, entry);
    }
  }
  await beforeCommit?.(written.flat());

  return planned.map((p, i): AppendOutcome => {
    if (p.kind === 'refused') return { error: p.error };
    if (p.kind === 'sealed') return { result: { nextExpectedRevision: written[i]!.at(-1)!.streamRevision, entries: written[i]!, deduplicated: false } };
    const range = seenKeys.get(p.of);
    const entries = range
      ? coveredRepeat(
          group[i]!.streamId,
          idempotencyKeyOf(group[i]!.events)!,
          range,
          Array.from({ length: Math.max(0, range.last - range.first + 1) }, (_, k) => recorded.get(range.first + k)).filter((e): e is LedgerEntry => e !== undefined),
        )
      : written[inGroup.get(p.of)!]!;
    return { result: { nextExpectedRevision: heads.get(group[i]!.streamId)!.revision, entries, deduplicated: true } };
  });
}
