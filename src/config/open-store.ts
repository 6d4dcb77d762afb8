import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore, type SqliteEventStore } from '../store/sqlite-store.js';
import type { Config } from './config.js';

export const ledgerFile = (config: Config) => join(config.SEND_LEDGER_DATA_DIR, 'ledger.sqlite');

/** The embedded default store, in the configured data directory. */
export function openConfiguredStore(config: Config, clock?: () => Date): SqliteEventStore {
  mkdirSync(config.SEND_LEDGER_DATA_DIR, { recursive: true, mode: 0o700 });
  return openSqliteStore(ledgerFile(config), clock);
}
