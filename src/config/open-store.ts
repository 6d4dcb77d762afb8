import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openAccessLogFile } from '../access-log/access-log-file.js';
import type { AccessLog } from '../access-log/port.js';
import type { ChildKeyStore } from '../privacy/child-key-store.js';
import { encryptingStore } from '../privacy/encrypting-store.js';
import { loadMasterKey } from '../privacy/master-key.js';
import { openSqliteKeyStore } from '../privacy/sqlite-key-store.js';
import type { ReadModelStore } from '../read-models/read-model-store.js';
import { sqliteReadModels } from '../read-models/sqlite-read-models.js';
import type { EventStore } from '../store/port.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Config } from './config.js';

export const ledgerFile = (config: Config) => join(config.SEND_LEDGER_DATA_DIR, 'ledger.sqlite');
export const keyFile = (config: Config) => join(config.SEND_LEDGER_DATA_DIR, 'keys.sqlite');
/** EventStoreDB keeps no documents: its read models live in this file of each instance's data directory. */
export const readModelFile = (config: Config) => join(config.SEND_LEDGER_DATA_DIR, 'read-models.sqlite');

/** Where the ledger is, for messages: a file path, or a server with the credentials left out. */
export function ledgerLocation(config: Config): string {
  const server = (url: string | undefined) => {
    try {
      const parsed = new URL(url ?? '');
      return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
    } catch {
      return 'the configured server';
    }
  };
  switch (config.SEND_LEDGER_STORE) {
    case 'sqlite':
      return ledgerFile(config);
    case 'postgres':
      return `PostgreSQL at ${server(config.DATABASE_URL)}`;
    case 'eventstoredb':
      return `EventStoreDB at ${server(config.EVENTSTOREDB_URL)}`;
  }
}

export interface ConfiguredLedger extends EventStore {
  /** Where the read models and their checkpoints live: beside the events where the store can hold them. */
  readonly readModels: ReadModelStore;
  /** Who read which child's record: in PostgreSQL when the ledger is, so every instance writes one log. */
  readonly accessLog: AccessLog;
  /** Per-child data keys, in their own file: destroying one erases the child's payloads. */
  readonly keys: ChildKeyStore;
}

interface OpenedLedger {
  events: EventStore;
  readModels: ReadModelStore;
  accessLog: AccessLog;
}

/**
 * The configured ledger (SQLite by default, PostgreSQL or EventStoreDB), with each child's payloads encrypted
 * under that child's key (kept in keys.sqlite in the data directory, never beside the events) before they are
 * hashed, so erasure by key destruction keeps every proof valid.
 */
export async function openConfiguredStore(config: Config, clock?: () => Date): Promise<ConfiguredLedger> {
  mkdirSync(config.SEND_LEDGER_DATA_DIR, { recursive: true, mode: 0o700 });
  const opened = await openEvents(config, clock);
  let keys: ChildKeyStore;
  try {
    keys = openSqliteKeyStore(keyFile(config), { masterKey: loadMasterKey(config.SEND_LEDGER_MASTER_KEY, config.NODE_ENV, config.SEND_LEDGER_DATA_DIR) });
  } catch (error) {
    await opened.events.close();
    throw error;
  }
  const store = encryptingStore(opened.events, keys);
  return {
    ...store,
    readModels: opened.readModels,
    accessLog: opened.accessLog,
    keys,
    async close() {
      await opened.accessLog.close();
      await store.close();
      await keys.close();
    },
  };
}

async function openEvents(config: Config, clock?: () => Date): Promise<OpenedLedger> {
  switch (config.SEND_LEDGER_STORE) {
    case 'sqlite': {
      const sqlite = openSqliteStore(ownerOnlyFile(ledgerFile(config)), clock);
      // Read models hold plain text of children's records: deleted documents must not linger in free pages.
      sqlite.database.pragma('secure_delete = ON');
      return { events: sqlite, readModels: sqliteReadModels(sqlite.database), accessLog: openAccessLogFile(config) };
    }
    case 'postgres': {
      // Loaded only here, like EventStoreDB's client: a SQLite ledger never needs pg.
      const [{ openPostgresStore }, { openPostgresReadModels }, { openPostgresAccessLog }] = await Promise.all([
        import('../store/postgres/postgres-store.js'),
        import('../read-models/postgres-read-models.js'),
        import('../access-log/postgres-access-log.js'),
      ]);
      const postgres = await openPostgresStore(config.DATABASE_URL!, clock);
      try {
        return { events: postgres, readModels: await openPostgresReadModels(postgres.pool), accessLog: await openPostgresAccessLog(postgres.pool) };
      } catch (error) {
        await postgres.close();
        throw error;
      }
    }
    case 'eventstoredb': {
      // Loaded only here: the gRPC client is heavy, and the other stores never need it.
      const { openEventStoreDbStore } = await import('../store/eventstoredb/eventstoredb-store.js');
      const esdb = await openEventStoreDbStore(config.EVENTSTOREDB_URL!, clock);
      const db = new Database(ownerOnlyFile(readModelFile(config)));
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('secure_delete = ON');
      return {
        events: {
          ...esdb,
          async close() {
            await esdb.close();
            db.close();
          },
        },
        readModels: sqliteReadModels(db),
        accessLog: openAccessLogFile(config),
      };
    }
  }
}

/** Created owner-only before SQLite opens it (its -wal and -shm files take the same mode). */
function ownerOnlyFile(file: string): string {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  return file;
}
