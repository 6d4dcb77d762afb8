import type pg from 'pg';
import { LOCK_NAMESPACE } from '../store/postgres/advisory-locks.js';
import { inTransaction } from '../store/postgres/transaction.js';
import { ACCESS_LOG_GENESIS, AccessChainWalk, accessHash, type AccessEntry, type LoggedAccess } from './access-entry.js';
import { groupCommit } from './group-commit.js';
import type { AccessLog, AccessLogVerification } from './port.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS access_log (
  sequence      bigint PRIMARY KEY,
  child_id      text   NOT NULL,
  previous_hash text   NOT NULL,
  hash          text   NOT NULL,
  entry         text   NOT NULL
);
CREATE INDEX IF NOT EXISTS access_log_by_child ON access_log (child_id, sequence);
CREATE OR REPLACE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION 'the access log is append-only'; END $$;
CREATE OR REPLACE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
CREATE OR REPLACE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();
`;

/** The access log's own lock: one batch at a time extends the chain, whichever process writes it. */
const ACCESS_LOG_LOCK = 1;

interface Row {
  sequence: string;
  previous_hash: string;
  hash: string;
  entry: string;
}

const logged = (row: Row): LoggedAccess => ({ ...(JSON.parse(row.entry) as AccessEntry), sequence: Number(row.sequence), previousHash: row.previous_hash, hash: row.hash });

/**
 * The access log in PostgreSQL, beside the ledger, for API processes that share one database: each batch
 * extends the one hash chain under an advisory lock, group-committed with synchronous_commit on.
 */
export async function openPostgresAccessLog(pool: pg.Pool): Promise<AccessLog> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE.schema, ACCESS_LOG_LOCK]);
    await client.query(SCHEMA);
  });
  const commits = groupCommit((entries) =>
    inTransaction(pool, async (client) => {
      await client.query('SET LOCAL synchronous_commit = on');
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE.accessLog, ACCESS_LOG_LOCK]);
      const last = await client.query<{ sequence: string; hash: string }>('SELECT sequence, hash FROM access_log ORDER BY sequence DESC LIMIT 1');
      let sequence = Number(last.rows[0]?.sequence ?? 0);
      let previous = last.rows[0]?.hash ?? ACCESS_LOG_GENESIS;
      const rows: unknown[][] = [[], [], [], [], []];
      for (const entry of entries) {
        const hash = accessHash(previous, entry);
        for (const [i, value] of [++sequence, entry.childId, previous, hash, JSON.stringify(entry)].entries()) rows[i]!.push(value);
        previous = hash;
      }
      await client.query(
        'INSERT INTO access_log (sequence, child_id, previous_hash, hash, entry) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])',
        rows,
      );
    }),
  );
  return {
    append: commits.append,
    async forChild(childId, options = {}) {
      const result = await pool.query<Row>('SELECT sequence, previous_hash, hash, entry FROM access_log WHERE child_id = $1 ORDER BY sequence DESC LIMIT $2', [
        childId,
        Math.min(options.limit ?? 500, 5000),
      ]);
      return result.rows.map(logged);
    },
    verify: () => verifyPostgresAccessLog(pool),
    async writable() {
      // A failover can leave the pool on a read-only standby, and a role can lose its grant.
      const result = await pool
        .query<{ ok: boolean }>("SELECT has_table_privilege('access_log', 'INSERT') AND NOT pg_is_in_recovery() AS ok")
        .catch(() => null);
      return result?.rows[0]?.ok === true;
    },
    close: () => commits.drain(),
  };
}

/**
 * Verifies the whole chain in pages of rows, in one read-only snapshot: the log can outgrow memory, and entries
 * appended meanwhile by other instances are not half-seen.
 */
async function verifyPostgresAccessLog(pool: pg.Pool, pageSize = 5000): Promise<AccessLogVerification> {
  return inTransaction(
    pool,
    async (client) => {
      const walk = new AccessChainWalk();
      let after: string | null = null;
      for (;;) {
        const page: pg.QueryResult<{ sequence: string; previous_hash: string; hash: string; child_id: string; entry: string }> = await client.query(
          `SELECT sequence, previous_hash, hash, child_id, entry FROM access_log
           WHERE $1::bigint IS NULL OR sequence > $1::bigint ORDER BY sequence LIMIT $2`,
          [after, pageSize],
        );
        for (const row of page.rows) {
          if (!walk.add({ sequence: Number(row.sequence), previousHash: row.previous_hash, hash: row.hash, childId: row.child_id, entry: row.entry })) return walk.result();
        }
        if (page.rows.length < pageSize) return walk.result();
        after = page.rows.at(-1)!.sequence;
      }
    },
    'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  );
}
