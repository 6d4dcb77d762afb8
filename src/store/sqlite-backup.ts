import { closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';

export interface OnlineBackupOptions {
  /**
   * Pages copied per step. 'all' (the default) copies the whole database in one step, that is from one read
   * snapshot: in WAL mode a reader never blocks the service's writers, and a write through another
   * connection cannot restart it. A number copies in steps and yields to the event loop between them; use it
   * only on the connection the service itself writes through, whose writes SQLite carries into the backup
   * as they happen. A write through any other connection restarts a stepped backup from the first page,
   * so under steady load from another process it might never finish.
   */
  pagesPerStep?: number | 'all';
  onProgress?: (copiedPages: number, totalPages: number) => void;
}

const ALL_PAGES = 0x7fffffff;

/**
 * Online backup of an open SQLite database with SQLite's backup API (better-sqlite3 `db.backup()`), while
 * the service keeps writing: the copy is a consistent database as of one moment, with every transaction
 * committed before the backup started. A file copy of a live WAL database is not (the newest commits may
 * sit in the -wal file). Never overwrites: the destination must not exist. The file is owner-only.
 */
export async function backupSqliteDatabase(db: Database.Database, destination: string, options: OnlineBackupOptions = {}): Promise<{ totalPages: number }> {
  if (existsSync(destination)) throw new Error(`${destination} already exists: a backup never overwrites a file`);
  // Created owner-only before SQLite opens it: it holds the same records as the ledger.
  closeSync(openSync(destination, 'wx', 0o600));
  const step = options.pagesPerStep === undefined || options.pagesPerStep === 'all' ? ALL_PAGES : Math.max(1, Math.floor(options.pagesPerStep));
  const { totalPages } = await db.backup(destination, {
    progress: ({ totalPages: total, remainingPages }) => {
      options.onProgress?.(total - remainingPages, total);
      return step;
    },
  });
  options.onProgress?.(totalPages, totalPages);
  return { totalPages };
}

/** Online backup of a SQLite file this process does not hold open (the key file): its own connection, one snapshot. */
export async function backupSqliteFile(source: string, destination: string): Promise<void> {
  const db = new Database(source, { fileMustExist: true });
  try {
    await backupSqliteDatabase(db, destination);
  } finally {
    db.close();
  }
}
