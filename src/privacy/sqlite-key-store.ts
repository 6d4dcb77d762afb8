import { chmodSync, closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { KeyDestroyed, newChildKey, type ChildKey, type ChildKeyStore } from './child-key-store.js';
import { decrypt, encrypt } from './sealed-data.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS child_keys (
  child_id   TEXT PRIMARY KEY,
  key_id     TEXT NOT NULL UNIQUE,
  -- The raw key, or with a master key: IV (12) || tag (16) || wrapped key (32).
  key        BLOB NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS destroyed_keys (
  child_id     TEXT PRIMARY KEY,
  key_id       TEXT,
  destroyed_at TEXT NOT NULL
) WITHOUT ROWID;
`;

export interface SqliteKeyStoreOptions {
  /** 32 bytes: data keys are stored wrapped under it (AES-256-GCM, the key id as associated data). */
  masterKey?: Buffer;
  clock?: () => Date;
  /** How many children's unwrapped keys are kept in memory (default 4,096, about half a megabyte). */
  heldKeys?: number;
  /**
   * Seeding tools only: 'OFF' does not wait for the disk when a key is made (a new child's first entry). The
   * service keeps the default, 'FULL'.
   */
  synchronous?: 'FULL' | 'OFF';
}

const HELD_KEYS = 4096;
/** How stale a held key may be against another process's erasure. */
const VERSION_CHECK_MS = 100;

/**
 * The child data keys, in their own SQLite file beside the ledger (never inside it: a ledger backup must not
 * carry the keys). Owner-only file, WAL with synchronous=FULL so an acknowledged key survives a power cut:
 * losing a key would erase a record no one decided to erase.
 *
 * Destroying a key deletes its row with secure_delete on (SQLite overwrites the freed bytes with zeros),
 * then checkpoints and truncates the write-ahead log, which still holds old copies of the page, and
 * VACUUMs, so the key's bytes are no longer in either file. Copies already made (backups of this file, the
 * disk's own remapping) are beyond this: back the key file up briefly, or not at all.
 */
export function openSqliteKeyStore(file: string, options: SqliteKeyStoreOptions = {}): ChildKeyStore {
  const { masterKey, clock = () => new Date() } = options;
  if (masterKey && masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'OFF' ? 'OFF' : 'FULL'}`);
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const wrap = (keyId: string, key: Buffer): Buffer => {
    if (!masterKey) return key;
    const { iv, tag, ct } = encrypt(masterKey, key, Buffer.from(keyId, 'utf8'));
    return Buffer.concat([iv, tag, ct]);
  };
  const unwrap = (keyId: string, stored: Buffer): Buffer =>
    masterKey
      ? decrypt(masterKey, { iv: stored.subarray(0, 12), tag: stored.subarray(12, 28), ct: stored.subarray(28) }, Buffer.from(keyId, 'utf8'))
      : Buffer.from(stored);

  const selectByChild = db.prepare<[string], { key_id: string; key: Buffer }>('SELECT key_id, key FROM child_keys WHERE child_id = ?');
  const selectById = db.prepare<[string], { child_id: string; key: Buffer }>('SELECT child_id, key FROM child_keys WHERE key_id = ?');
  const selectDestroyed = db.prepare<[string], { child_id: string }>('SELECT child_id FROM destroyed_keys WHERE child_id = ?');
  const insertKey = db.prepare('INSERT OR IGNORE INTO child_keys (child_id, key_id, key, created_at) VALUES (?, ?, ?, ?)');
  const insertDestroyed = db.prepare(
    'INSERT OR IGNORE INTO destroyed_keys (child_id, key_id, destroyed_at) SELECT ?, (SELECT key_id FROM child_keys WHERE child_id = ?), ?',
  );
  const deleteKey = db.prepare('DELETE FROM child_keys WHERE child_id = ?');
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();

  /**
   * Unwrapped keys of the children last used, so an append or a read does not read and unwrap the key each time.
   * Bounded (least recently used goes first). A key destroyed through this store leaves at once. A commit to the
   * key file by another connection (another process may destroy a key) empties it, seen by SQLite's data_version,
   * looked at most every VERSION_CHECK_MS: reading it outside a transaction costs as much as reading the key.
   */
  const held = new Map<string, ChildKey>();
  const heldById = new Map<string, Buffer>();
  // data_version moves only with other connections' commits, never this one's.
  let heldAt = dataVersion.get()!;
  let checkedAt = performance.now();
  const forget = (childId: string) => {
    const key = held.get(childId);
    if (!key) return;
    held.delete(childId);
    heldById.delete(key.keyId);
  };
  const stillCurrent = () => {
    const now = performance.now();
    if (now - checkedAt < VERSION_CHECK_MS) return;
    checkedAt = now;
    const version = dataVersion.get()!;
    if (version === heldAt) return;
    held.clear();
    heldById.clear();
    heldAt = version;
  };
  const hold = (childId: string, unwrapped: ChildKey): ChildKey => {
    // A key of its own: a small Buffer is a slice of an 8 KB pool, which a held slice keeps alive (4,096 keys, 32 MB).
    const own = Buffer.allocUnsafeSlow(unwrapped.key.length);
    unwrapped.key.copy(own);
    const key = { keyId: unwrapped.keyId, key: own };
    held.delete(childId);
    held.set(childId, key);
    heldById.set(key.keyId, key.key);
    if (held.size > (options.heldKeys ?? HELD_KEYS)) forget(held.keys().next().value!);
    return key;
  };

  /** Another process may create the same child's key at once: the first insert wins and both read it back. */
  const keyFor = db.transaction((childId: string) => {
    if (selectDestroyed.get(childId)) throw new KeyDestroyed(childId);
    const fresh = newChildKey();
    insertKey.run(childId, fresh.keyId, wrap(fresh.keyId, fresh.key), clock().toISOString());
    const row = selectByChild.get(childId)!;
    return { keyId: row.key_id, key: unwrap(row.key_id, row.key) };
  });
  const destroy = db.transaction((childId: string) => {
    insertDestroyed.run(childId, childId, clock().toISOString());
    deleteKey.run(childId);
  });

  const checkpoint = () => {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (result?.busy) throw new Error('the key file is in use by another connection: its write-ahead log could not be cleared; retry the erasure');
  };
  const scrub = () => {
    checkpoint();
    db.exec('VACUUM');
    checkpoint();
  };

  return {
    async keyFor(childId) {
      stillCurrent();
      const known = held.get(childId);
      if (known) return hold(childId, known);
      // Nearly every append is to a child that has a key: read it without taking the write lock. A destroyed key's
      // row is gone (deleted in the same transaction that records the destruction), so a row found is a live key.
      const row = selectByChild.get(childId);
      if (row) return hold(childId, { keyId: row.key_id, key: unwrap(row.key_id, row.key) });
      return hold(childId, keyFor.immediate(childId));
    },
    async find(keyId) {
      stillCurrent();
      const known = heldById.get(keyId);
      if (known) return known;
      const row = selectById.get(keyId);
      return row ? hold(row.child_id, { keyId, key: unwrap(keyId, row.key) }).key : null;
    },
    async destroy(childId) {
      forget(childId);
      destroy.immediate(childId);
      // Every time, not only when a row went: a re-run after a crash here must still scrub the files.
      scrub();
    },
    async isDestroyed(childId) {
      return selectDestroyed.get(childId) !== undefined;
    },
    async close() {
      if (db.open && options.synchronous === 'OFF') {
        // The keys made without waiting for the disk reach it before the file is closed.
        db.pragma('synchronous = FULL');
        db.pragma('wal_checkpoint(TRUNCATE)');
      }
      if (db.open) db.close();
    },
  };
}
