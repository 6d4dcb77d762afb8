import Database from 'better-sqlite3';

/** A ledger head this witness co-signed, with the ledger's signature over it and the witness's own. */
export interface CosignedHead {
  ledgerKeyId: string;
  treeSize: number;
  rootHash: string;
  timestamp: string;
  /** The ledger's Ed25519 signature over the head: kept, so the witness can show what the ledger itself signed. */
  ledgerSignature: string;
  witnessKeyId: string;
  cosignedAt: string;
  signature: string;
}

/** The witness's memory: for each ledger, every head it co-signed, in order. Append-only. */
export interface CosignedHeads {
  latest(ledgerKeyId: string): CosignedHead | null;
  append(head: CosignedHead): void;
  /**
   * Runs `decide` holding the database's write lock (BEGIN IMMEDIATE): the last head is read and the next appended
   * with no other co-signing in between, even from another process on the same file. `decide` must be synchronous.
   */
  exclusively<T>(decide: () => T): T;
  close(): void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS cosigned_heads (
  sequence INTEGER PRIMARY KEY AUTOINCREMENT,
  ledger_key_id TEXT NOT NULL,
  tree_size INTEGER NOT NULL CHECK (tree_size >= 0),
  root_hash TEXT NOT NULL,
  timestamp TEXT NOT NULL,
  ledger_signature TEXT NOT NULL,
  witness_key_id TEXT NOT NULL,
  cosigned_at TEXT NOT NULL,
  signature TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cosigned_heads_by_ledger ON cosigned_heads (ledger_key_id, sequence);
CREATE TRIGGER IF NOT EXISTS cosigned_heads_never_change BEFORE UPDATE ON cosigned_heads
  BEGIN SELECT RAISE(ABORT, 'a co-signed head is never changed'); END;
CREATE TRIGGER IF NOT EXISTS cosigned_heads_never_go BEFORE DELETE ON cosigned_heads
  BEGIN SELECT RAISE(ABORT, 'a co-signed head is never removed'); END;
`;

interface Row {
  ledger_key_id: string;
  tree_size: number;
  root_hash: string;
  timestamp: string;
  ledger_signature: string;
  witness_key_id: string;
  cosigned_at: string;
  signature: string;
}

/** WAL with synchronous=FULL: a co-signature is on disk before it is handed out, so a restart never forgets a head it signed. */
export function openCosignedHeads(file: string): CosignedHeads {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const selectLatest = db.prepare<[string], Row>('SELECT * FROM cosigned_heads WHERE ledger_key_id = ? ORDER BY sequence DESC LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO cosigned_heads (ledger_key_id, tree_size, root_hash, timestamp, ledger_signature, witness_key_id, cosigned_at, signature)
     VALUES (@ledgerKeyId, @treeSize, @rootHash, @timestamp, @ledgerSignature, @witnessKeyId, @cosignedAt, @signature)`,
  );
  return {
    latest(ledgerKeyId) {
      const row = selectLatest.get(ledgerKeyId);
      return row
        ? {
            ledgerKeyId: row.ledger_key_id,
            treeSize: row.tree_size,
            rootHash: row.root_hash,
            timestamp: row.timestamp,
            ledgerSignature: row.ledger_signature,
            witnessKeyId: row.witness_key_id,
            cosignedAt: row.cosigned_at,
            signature: row.signature,
          }
        : null;
    },
    append(head) {
      insert.run(head);
    },
    exclusively(decide) {
      return db.transaction(decide).immediate();
    },
    close() {
      db.close();
    },
  };
}
