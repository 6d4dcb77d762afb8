import pg from 'pg';
import { REPLAY_BATCH, type BenchTarget, type TargetFactory } from './target.js';
import type { WorkloadEvent } from './workload.js';
import type { PostgresCluster } from './embedded-postgres.js';

/**
 * The physical-limit baseline on PostgreSQL: the same rows in a plain table through node-postgres named
 * (prepared) statements, synchronous_commit=on, no ledger logic. One INSERT is one transaction; a stream's
 * events are one BEGIN ... COMMIT.
 */
export const RAW_POSTGRES_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position        BIGSERIAL PRIMARY KEY,
  stream_id       TEXT    NOT NULL,
  stream_revision INTEGER NOT NULL,
  event_id        TEXT    NOT NULL,
  type            TEXT    NOT NULL,
  data            TEXT    NOT NULL,
  metadata        TEXT    NOT NULL,
  UNIQUE (stream_id, stream_revision)
);`;

const INSERT = {
  name: 'bench-insert',
  text: 'INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)',
};
const SELECT_STREAM = { name: 'bench-stream', text: 'SELECT * FROM events WHERE stream_id = $1 ORDER BY stream_revision' };
const SELECT_FROM = { name: 'bench-from', text: 'SELECT * FROM events WHERE position > $1 ORDER BY position LIMIT $2' };

interface Row {
  position: string;
  stream_id: string;
  stream_revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
}

const values = (e: WorkloadEvent) => [e.streamId, e.revision, e.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)];
const decode = (row: Row) => ({ ...row, data: JSON.parse(row.data) as unknown, metadata: JSON.parse(row.metadata) as unknown });

export async function openRawPostgres(connectionString: string, poolSize = 40): Promise<BenchTarget> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  await pool.query(RAW_POSTGRES_SCHEMA);
  return {
    async append(events) {
      if (events.length === 1) {
        await pool.query({ ...INSERT, values: values(events[0]!) });
        return;
      }
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (const e of events) await client.query({ ...INSERT, values: values(e) });
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async readStream(streamId) {
      const { rows } = await pool.query<Row>({ ...SELECT_STREAM, values: [streamId] });
      return rows.map(decode);
    },
    async replay(fold) {
      let count = 0;
      let after = 0;
      for (;;) {
        const { rows } = await pool.query<Row>({ ...SELECT_FROM, values: [after, REPLAY_BATCH] });
        for (const row of rows) {
          const event = decode(row);
          fold({ streamId: event.stream_id, type: event.type, event });
          count++;
        }
        if (rows.length < REPLAY_BATCH) return count;
        after = Number(rows.at(-1)!.position);
      }
    },
    async close() {
      await pool.end();
    },
  };
}

export function rawPostgresFactory(cluster: PostgresCluster): TargetFactory {
  return {
    variant: 'raw driver',
    store: 'postgres',
    baseline: true,
    async open(name) {
      return openRawPostgres(await cluster.createDatabase(`${name.replace(/[^a-z0-9_]/gi, '_')}_raw`));
    },
  };
}
