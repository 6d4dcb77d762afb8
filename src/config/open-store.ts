import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { ChildKeyStore } from '../privacy/child-key-store.js';
import { encryptingStore } from '../privacy/encrypting-store.js';
import { loadMasterKey } from '../privacy/master-key.js';
import { openSqliteKeyStore } from '../privacy/sqlite-key-store.js';
import type { EventStore } from '../store/port.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Config } from './config.js';

export const ledgerFile = (config: Config) => join(config.SEND_LEDGER_DATA_DIR, 'ledger.sqlite');
export const keyFile = (config: Config) => join(config.SEND_LEDGER_DATA_DIR, 'keys.sqlite');

export interface ConfiguredLedger extends EventStore {
  /** The ledger's SQLite file, where the read models and their checkpoints live too. */
  readonly database: Database.Database;
  /** Per-child data keys, in their own file: destroying one erases the child's payloads. */
  readonly keys: ChildKeyStore;
}

/**
 * The embedded default: the SQLite ledger, with each child's payloads encrypted under that child's key
 * (kept in a separate key file) before they are hashed, so erasure by key destruction keeps every proof valid.
 */
export function openConfiguredStore(config: Config, clock?: () => Date): ConfiguredLedger {
  mkdirSync(config.SEND_LEDGER_DATA_DIR, { recursive: true, mode: 0o700 });
  // Created owner-only before SQLite opens it (its -wal and -shm files take the same mode).
  if (!existsSync(ledgerFile(config))) closeSync(openSync(ledgerFile(config), 'a', 0o600));
  const sqlite = openSqliteStore(ledgerFile(config), clock);
  // Read models hold plain text of children's records: deleted documents must not linger in free pages.
  sqlite.database.pragma('secure_delete = ON');
  const keys = openSqliteKeyStore(keyFile(config), { masterKey: loadMasterKey(config.SEND_LEDGER_MASTER_KEY, config.NODE_ENV, config.SEND_LEDGER_DATA_DIR) });
  const store = encryptingStore(sqlite, keys);
  return {
    ...store,
    database: sqlite.database,
    keys,
    async close() {
      await store.close();
      await keys.close();
    },
  };
}
