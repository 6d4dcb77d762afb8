import type pg from 'pg';
import { LOCK_NAMESPACE } from './advisory-locks.js';
import { appendSealedFunction, APPEND_SEALED_SIGNATURE } from './append-sealed-function.js';
import { inTransaction } from './transaction.js';

/** NOTIFY channel: a committed append wakes the catch-up subscriptions of every process on the database. */
export const APPENDED_CHANNEL = 'send_ledger_appended';

export const IMMUTABLE_MESSAGE = 'ledger entries are immutable: record a correction instead';

/**
 * The same tables as the SQLite store, with the canonical bytes as `bytea`, exactly as hashed.
 *
 * `ledger_log` holds the last global position handed out. An append claims its positions by updating that one
 * row as the last step before COMMIT, so the row lock orders appends: positions are handed out in commit order
 * and without gaps (a rolled-back append gives its positions back). A reader's snapshot therefore always holds
 * a prefix of the log, and a catch-up reader that moves past position p can never later find an entry below p.
 * A sequence would not give this: sequence values are taken in one order and committed in another, so a reader
 * could pass a position whose transaction commits later. The xid8/`pg_snapshot_xmin` filter that fixes that
 * for Emmett still leaves positions out of order (its checkpoints are (xid, position) pairs, not a number as in
 * our port), and the snapshot xmin is cluster-wide, so any long transaction in any database would stall every
 * reader. Appends are serialised for the length of their commit, as they are on SQLite.
 *
 * The triggers refuse UPDATE, DELETE and TRUNCATE of entries whatever the statement touches. They guard
 * against mistakes, not against the table owner, who can drop them: run the service as a role that owns nothing.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS ledger_events (
  global_position bigint PRIMARY KEY,
  event_id        text   NOT NULL UNIQUE,
  stream_id       text   NOT NULL,
  stream_revision bigint NOT NULL,
  type            text   NOT NULL,
  previous_hash   text   NOT NULL,
  hash            text   NOT NULL,
  body            bytea  NOT NULL,
  CONSTRAINT ledger_events_stream_revision_key UNIQUE (stream_id, stream_revision)
);
CREATE TABLE IF NOT EXISTS ledger_streams (
  stream_id text   PRIMARY KEY,
  revision  bigint NOT NULL,
  hash      text   NOT NULL
);
CREATE TABLE IF NOT EXISTS ledger_idempotency (
  stream_id       text   NOT NULL,
  idempotency_key text   NOT NULL,
  first_position  bigint NOT NULL,
  last_position   bigint NOT NULL,
  PRIMARY KEY (stream_id, idempotency_key)
);
CREATE TABLE IF NOT EXISTS ledger_log (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  head     bigint  NOT NULL CHECK (head >= 0)
);
INSERT INTO ledger_log (only_row, head) VALUES (true, 0) ON CONFLICT DO NOTHING;

CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '${IMMUTABLE_MESSAGE}' USING ERRCODE = 'restrict_violation';
END $$;
CREATE OR REPLACE TRIGGER ledger_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_events
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
-- Moving the log head back would hand out positions again.
CREATE OR REPLACE TRIGGER ledger_log_forward_only BEFORE UPDATE ON ledger_log
  FOR EACH ROW WHEN (NEW.head < OLD.head) EXECUTE FUNCTION ledger_refuse_change();
CREATE OR REPLACE TRIGGER ledger_log_kept BEFORE DELETE OR TRUNCATE ON ledger_log
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
${appendSealedFunction(APPENDED_CHANNEL)}
`;

const TRIGGERS = ['ledger_events_append_only', 'ledger_log_forward_only', 'ledger_log_kept'];

/**
 * Create the tables and triggers where missing (in the first schema of the search path); safe from many
 * processes at once. When everything is there nothing is run: replacing a trigger locks the table against
 * appends, and a deployment may run the service as a role that may write rows but not change the schema.
 * A trigger that was dropped is put back, and a ledger made before the one-statement append gets its function.
 */
export async function ensureLedgerSchema(pool: pg.Pool): Promise<void> {
  const present = async (db: Pick<pg.PoolClient, 'query'>) => {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_trigger
       WHERE NOT tgisinternal AND tgenabled <> 'D' AND tgname = ANY($1::text[])
         AND tgrelid IN (to_regclass('ledger_events'), to_regclass('ledger_log'))
       HAVING to_regprocedure($2) IS NOT NULL`,
      [TRIGGERS, APPEND_SEALED_SIGNATURE],
    );
    return rows[0]?.n === TRIGGERS.length;
  };
  if (await present(pool)) return;
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_NAMESPACE.schema]);
    if (!(await present(client))) await client.query(SCHEMA);
  });
}
