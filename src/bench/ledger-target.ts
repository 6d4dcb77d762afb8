import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { parseConfig } from '../config/config.js';
import { openConfiguredStore } from '../config/open-store.js';
import { NO_STREAM, type EventStore } from '../store/port.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { PostgresCluster } from './embedded-postgres.js';
import { REPLAY_BATCH, type BenchTarget, type TargetFactory } from './target.js';
import { toProposedEvent } from './workload.js';

/** The ledger through its port: every append is sealed (envelope, RFC 8785, hash chain) and checked against the expected revision. */
export function ledgerTarget(store: EventStore, close: () => Promise<void> = () => store.close()): BenchTarget {
  return {
    async append(events, expected) {
      await store.append(events[0]!.streamId, events.map(toProposedEvent), expected ?? NO_STREAM);
    },
    readStream: (streamId) => store.readStream(streamId),
    async replay(fold) {
      let count = 0;
      let next = 1;
      for (;;) {
        const batch = await store.readAll(next, REPLAY_BATCH);
        for (const entry of batch) fold({ streamId: entry.streamId, type: entry.type, event: entry });
        count += batch.length;
        if (batch.length < REPLAY_BATCH) return count;
        next = batch.at(-1)!.globalPosition + 1;
      }
    },
    close,
  };
}

/**
 * The SQLite ledger as `openSqliteStore` opens it (WAL, synchronous=FULL), or, encrypted, exactly as the
 * server opens it (`openConfiguredStore`: per-child AES-256-GCM keys in keys.sqlite, wrapped by a master key).
 */
export function sqliteLedgerFactory(dir: string, encrypted: boolean): TargetFactory {
  return {
    variant: encrypted ? 'ledger + encryption' : 'ledger',
    store: 'sqlite',
    baseline: false,
    async open(name) {
      if (!encrypted) return ledgerTarget(openSqliteStore(join(dir, `${name}-ledger.sqlite`)));
      const dataDir = join(dir, `${name}-ledger-encrypted`);
      mkdirSync(dataDir, { recursive: true });
      return ledgerTarget(await openConfiguredStore(parseConfig({ NODE_ENV: 'test', SEND_LEDGER_DATA_DIR: dataDir })));
    },
  };
}

/**
 * The PostgreSQL ledger (src/store/postgres): given a pool of 40 connections so that 32 writers can each hold
 * one, or, encrypted, exactly as the server opens it (`openConfiguredStore` with SEND_LEDGER_STORE=postgres,
 * the store's own pool, child keys in keys.sqlite in a data directory).
 */
export function postgresLedgerFactory(cluster: PostgresCluster, dir: string, encrypted: boolean): TargetFactory {
  return {
    variant: encrypted ? 'ledger + encryption' : 'ledger',
    store: 'postgres',
    baseline: false,
    async open(name) {
      const database = await cluster.createDatabase(`${name.replace(/[^a-z0-9_]/gi, '_')}_ledger${encrypted ? '_encrypted' : ''}`);
      if (encrypted) {
        const dataDir = join(dir, `${name}-pg-ledger-encrypted`);
        mkdirSync(dataDir, { recursive: true });
        return ledgerTarget(await openConfiguredStore(parseConfig({ NODE_ENV: 'test', SEND_LEDGER_DATA_DIR: dataDir, SEND_LEDGER_STORE: 'postgres', DATABASE_URL: database })));
      }
      const pool = new pg.Pool({ connectionString: database, max: 40 });
      const store = await openPostgresStore(pool);
      return ledgerTarget(store, async () => {
        await store.close();
        await pool.end();
      });
    },
  };
}
