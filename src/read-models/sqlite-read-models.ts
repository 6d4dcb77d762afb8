import type Database from 'better-sqlite3';
import type { LedgerEntry } from '../ledger/envelope.js';
import { documentOverlay } from './document-overlay.js';
import type { Checkpoint, DocumentProjection, DocumentReader, ReadModelStore } from './read-model-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS read_model_documents (
  projection TEXT NOT NULL, collection TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (projection, collection, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS read_model_tags (
  projection TEXT NOT NULL, collection TEXT NOT NULL, tag TEXT NOT NULL, key TEXT NOT NULL,
  PRIMARY KEY (projection, collection, tag, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  projection TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** Read models in the ledger's own SQLite file: documents and checkpoint commit in one transaction. */
export function sqliteReadModels(db: Database.Database): ReadModelStore {
  db.exec(SCHEMA);
  const getDoc = db.prepare<[string, string, string], { value: string }>(
    'SELECT value FROM read_model_documents WHERE projection = ? AND collection = ? AND key = ?',
  );
  const putDoc = db.prepare(
    `INSERT INTO read_model_documents (projection, collection, key, value) VALUES (?, ?, ?, ?)
     ON CONFLICT (projection, collection, key) DO UPDATE SET value = excluded.value`,
  );
  const deleteDoc = db.prepare('DELETE FROM read_model_documents WHERE projection = ? AND collection = ? AND key = ?');
  const deleteTags = db.prepare('DELETE FROM read_model_tags WHERE projection = ? AND collection = ? AND key = ?');
  const insertTag = db.prepare('INSERT OR IGNORE INTO read_model_tags (projection, collection, tag, key) VALUES (?, ?, ?, ?)');
  const listAll = db.prepare<[string, string], { value: string }>(
    'SELECT value FROM read_model_documents WHERE projection = ? AND collection = ? ORDER BY key',
  );
  const listTagged = db.prepare<[string, string, string], { value: string }>(
    `SELECT d.value FROM read_model_tags t JOIN read_model_documents d
       ON d.projection = t.projection AND d.collection = t.collection AND d.key = t.key
     WHERE t.projection = ? AND t.collection = ? AND t.tag = ? ORDER BY t.key`,
  );
  const getCheckpoint = db.prepare<[string], Checkpoint>('SELECT version, position FROM projection_checkpoints WHERE projection = ?');
  const putCheckpoint = db.prepare(
    `INSERT INTO projection_checkpoints (projection, version, position) VALUES (?, ?, ?)
     ON CONFLICT (projection) DO UPDATE SET version = excluded.version, position = excluded.position`,
  );

  const commit = db.transaction((projection: DocumentProjection, entries: readonly LedgerEntry[]) => {
    const last = entries.at(-1);
    if (!last) return;
    const stored = getCheckpoint.get(projection.name);
    // Another process (or an earlier run) may have folded these already: never fold an entry twice.
    const fresh = stored && stored.version === projection.version ? entries.filter((e) => e.globalPosition > stored.position) : entries;
    const { writer, pending } = documentOverlay((collection, key) => {
      const row = getDoc.get(projection.name, collection, key);
      return row ? JSON.parse(row.value) : undefined;
    });
    for (const entry of fresh) projection.apply(entry, writer);
    for (const doc of pending()) {
      deleteTags.run(projection.name, doc.collection, doc.key);
      if (doc.value === undefined) {
        deleteDoc.run(projection.name, doc.collection, doc.key);
        continue;
      }
      putDoc.run(projection.name, doc.collection, doc.key, JSON.stringify(doc.value));
      for (const tag of doc.tags) insertTag.run(projection.name, doc.collection, tag, doc.key);
    }
    putCheckpoint.run(projection.name, projection.version, Math.max(last.globalPosition, stored?.position ?? 0));
  });

  const reset = db.transaction((projection: DocumentProjection) => {
    db.prepare('DELETE FROM read_model_documents WHERE projection = ?').run(projection.name);
    db.prepare('DELETE FROM read_model_tags WHERE projection = ?').run(projection.name);
    putCheckpoint.run(projection.name, projection.version, 0);
  });

  return {
    async checkpoint(projection) {
      return getCheckpoint.get(projection) ?? null;
    },
    async commit(projection, entries) {
      commit.immediate(projection, entries);
    },
    async reset(projection) {
      reset.immediate(projection);
    },
    reader(projection): DocumentReader {
      return {
        async get<T>(collection: string, key: string) {
          const row = getDoc.get(projection, collection, key);
          return row ? (JSON.parse(row.value) as T) : undefined;
        },
        async list<T>(collection: string, tag?: string) {
          const rows = tag === undefined ? listAll.all(projection, collection) : listTagged.all(projection, collection, tag);
          return rows.map((row) => JSON.parse(row.value) as T);
        },
      };
    },
  };
}
