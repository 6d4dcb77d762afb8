import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Config } from '../config/config.js';
import { keyFile, ledgerFile } from '../config/open-store.js';
import type { ChildKeyStore } from '../privacy/child-key-store.js';
import { encryptingStore } from '../privacy/encrypting-store.js';
import { loadMasterKey } from '../privacy/master-key.js';
import { openSqliteKeyStore } from '../privacy/sqlite-key-store.js';
import type { ReadModelStore } from '../read-models/read-model-store.js';
import { sqliteReadModels } from '../read-models/sqlite-read-models.js';
import type { EventStore } from '../store/port.js';
import { openSqliteStore, type SqliteEventStore } from '../store/sqlite-store.js';

export interface SeedingLedger {
  /** The encrypting store, as the server wraps the ledger. */
  store: EventStore;
  /** The SQLite ledger underneath (ciphertext), what verification reads. */
  inner: SqliteEventStore;
  database: Database.Database;
  readModels: ReadModelStore;
  keys: ChildKeyStore;
  /** Back to synchronous=FULL, the write-ahead log checkpointed into the file, and closed. */
  close(): Promise<void>;
}

const ownerOnly = (file: string) => {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  return file;
};

/**
 * The files `openConfiguredStore` opens for SEND_LEDGER_STORE=sqlite (ledger.sqlite, keys.sqlite, the master
 * key), in the same layout, so the server opens what this writes, but with the ledger's and the key file's
 * commits not waiting for fsync (synchronous=OFF) while millions of seed entries go in. It is a seeding tool's
 * shortcut: the durability of the service's own appends is what the benchmark measures, with synchronous=FULL.
 */
export function openSeedingLedger(config: Config, clock: () => Date): SeedingLedger {
  mkdirSync(config.SEND_LEDGER_DATA_DIR, { recursive: true, mode: 0o700 });
  const inner = openSqliteStore(ownerOnly(ledgerFile(config)), clock);
  const database = inner.database;
  database.pragma('secure_delete = ON');
  database.pragma('synchronous = OFF');
  // Seed entries land all over the event-id index (random ids): a larger page cache keeps its pages in memory.
  database.pragma('cache_size = -262144');
  const keys = openSqliteKeyStore(keyFile(config), {
    masterKey: loadMasterKey(config.SEND_LEDGER_MASTER_KEY, config.NODE_ENV, config.SEND_LEDGER_DATA_DIR),
    synchronous: 'OFF',
  });
  const store = encryptingStore(inner, keys);
  return {
    store,
    inner,
    database,
    readModels: sqliteReadModels(database),
    keys,
    async close() {
      database.pragma('synchronous = FULL');
      database.pragma('wal_checkpoint(TRUNCATE)');
      await store.close();
      await keys.close();
    },
  };
}
