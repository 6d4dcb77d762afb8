import { LOCK_NAMESPACE } from './advisory-locks.js';

/** How the schema check finds the function: by its argument types, so a changed signature is created afresh. */
export const APPEND_SEALED_SIGNATURE = 'ledger_append_sealed(text,bigint,text,text,text[],bigint[],text[],text[],text[],bytea[])';

/**
 * One append of events already sealed in the service against the stream head it believed current, as one
 * statement: with autocommit, the whole append and its COMMIT are one round trip to the server.
 *
 * Under the stream's advisory lock (the one grouped appends and imports take) it answers, in this order:
 * - `repeat`: the idempotency key is already recorded; nothing is written, the recorded range is returned;
 * - `moved`: the stream head is not the one the events were sealed on (another writer got there first, or the
 *   service's memory of it is old); nothing is written, the head is returned so the service can judge the
 *   expected revision against it and seal again;
 * - `appended`: the head moved, the positions claimed, the rows and the key stored, and listeners notified.
 *
 * Each statement inside takes a fresh snapshot (READ COMMITTED, a volatile function), so the head read after
 * the lock is the committed one. Positions are claimed by updating ledger_log after everything else but the
 * inserts, as the transactional appends do: its row lock is held through COMMIT, so positions are handed out
 * in commit order (see schema.ts). synchronous_commit is set for the transaction, not the function (no SET
 * clause), so it still holds when the statement's own COMMIT flushes the write-ahead log.
 */
export const appendSealedFunction = (channel: string) => `
CREATE OR REPLACE FUNCTION ledger_append_sealed(
  p_stream_id text, p_on_revision bigint, p_on_hash text, p_idempotency_key text,
  p_event_ids text[], p_revisions bigint[], p_types text[], p_previous_hashes text[], p_hashes text[], p_bodies bytea[]
) RETURNS TABLE (outcome text, at_revision bigint, at_hash text, first_at bigint, last_at bigint)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_count int := cardinality(p_hashes);
  v_revision bigint;
  v_hash text;
  v_first bigint;
  v_last bigint;
BEGIN
  PERFORM set_config('synchronous_commit', 'on', true);
  PERFORM pg_advisory_xact_lock(${LOCK_NAMESPACE.stream}, hashtext(p_stream_id));
  SELECT s.revision, s.hash INTO v_revision, v_hash FROM ledger_streams s WHERE s.stream_id = p_stream_id;
  IF p_idempotency_key IS NOT NULL THEN
    SELECT k.first_position, k.last_position INTO v_first, v_last
      FROM ledger_idempotency k WHERE k.stream_id = p_stream_id AND k.idempotency_key = p_idempotency_key;
    IF FOUND THEN
      RETURN QUERY SELECT 'repeat'::text, v_revision, v_hash, v_first, v_last;
      RETURN;
    END IF;
  END IF;
  IF v_revision IS DISTINCT FROM p_on_revision OR v_hash IS DISTINCT FROM p_on_hash THEN
    RETURN QUERY SELECT 'moved'::text, v_revision, v_hash, NULL::bigint, NULL::bigint;
    RETURN;
  END IF;
  INSERT INTO ledger_streams (stream_id, revision, hash) VALUES (p_stream_id, p_revisions[v_count], p_hashes[v_count])
    ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash;
  UPDATE ledger_log SET head = head + v_count RETURNING head INTO v_last;
  v_first := v_last - v_count + 1;
  INSERT INTO ledger_events (global_position, event_id, stream_id, stream_revision, type, previous_hash, hash, body)
    SELECT v_first + e.n - 1, e.event_id, p_stream_id, e.revision, e.type, e.previous_hash, e.hash, e.body
      FROM unnest(p_event_ids, p_revisions, p_types, p_previous_hashes, p_hashes, p_bodies)
        WITH ORDINALITY AS e (event_id, revision, type, previous_hash, hash, body, n);
  IF p_idempotency_key IS NOT NULL THEN
    INSERT INTO ledger_idempotency (stream_id, idempotency_key, first_position, last_position)
      VALUES (p_stream_id, p_idempotency_key, v_first, v_last);
  END IF;
  PERFORM pg_notify('${channel}', '');
  RETURN QUERY SELECT 'appended'::text, p_revisions[v_count], p_hashes[v_count], v_first, v_last;
END $$;
`;
