import type Database from 'better-sqlite3';
import type { LedgerEntry } from '../ledger/envelope.js';
import { appendedItems, withItems, type ItemRow } from './appended-items.js';
import { documentId, documentOverlay, type PendingDocument, type StoredDocument } from './document-overlay.js';
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
-- A document's tags are replaced by key (the primary key leads with the tag): without this, a scan per write.
CREATE INDEX IF NOT EXISTS read_model_tags_by_key ON read_model_tags (projection, collection, key);
-- Items appended to a document's arrays since it was last written whole (see appended-items.ts).
CREATE TABLE IF NOT EXISTS read_model_items (
  projection TEXT NOT NULL, collection TEXT NOT NULL, key TEXT NOT NULL, field TEXT NOT NULL, idx INTEGER NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (projection, collection, key, field, idx)
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
  const getItems = db.prepare<[string, string, string], ItemRow>(
    'SELECT field, idx, value FROM read_model_items WHERE projection = ? AND collection = ? AND key = ? ORDER BY field, idx',
  );
  const insertItem = db.prepare('INSERT OR REPLACE INTO read_model_items (projection, collection, key, field, idx, value) VALUES (?, ?, ?, ?, ?, ?)');
  const deleteItems = db.prepare('DELETE FROM read_model_items WHERE projection = ? AND collection = ? AND key = ?');
  const listAllItems = db.prepare<[string, string], ItemRow & { key: string }>(
    'SELECT key, field, idx, value FROM read_model_items WHERE projection = ? AND collection = ? ORDER BY key, field, idx',
  );
  const listTaggedItems = db.prepare<[string, string, string], ItemRow & { key: string }>(
    `SELECT i.key, i.field, i.idx, i.value FROM read_model_tags t JOIN read_model_items i
       ON i.projection = t.projection AND i.collection = t.collection AND i.key = t.key
     WHERE t.projection = ? AND t.collection = ? AND t.tag = ? ORDER BY i.key, i.field, i.idx`,
  );
  const putDoc = db.prepare(
    `INSERT INTO read_model_documents (projection, collection, key, value) VALUES (?, ?, ?, ?)
     ON CONFLICT (projection, collection, key) DO UPDATE SET value = excluded.value`,
  );
  const deleteDoc = db.prepare('DELETE FROM read_model_documents WHERE projection = ? AND collection = ? AND key = ?');
  const deleteTags = db.prepare('DELETE FROM read_model_tags WHERE projection = ? AND collection = ? AND key = ?');
  const insertTag = db.prepare('INSERT OR IGNORE INTO read_model_tags (projection, collection, tag, key) VALUES (?, ?, ?, ?)');
  const listAll = db.prepare<[string, string], { key: string; value: string }>(
    'SELECT key, value FROM read_model_documents WHERE projection = ? AND collection = ? ORDER BY key',
  );
  const listTagged = db.prepare<[string, string, string], { key: string; value: string }>(
    `SELECT d.key, d.value FROM read_model_tags t JOIN read_model_documents d
       ON d.projection = t.projection AND d.collection = t.collection AND d.key = t.key
     WHERE t.projection = ? AND t.collection = ? AND t.tag = ? ORDER BY t.key`,
  );
  const allKeys = db.prepare<[string, string], { key: string }>('SELECT key FROM read_model_documents WHERE projection = ? AND collection = ? ORDER BY key');
  const taggedKeys = db.prepare<[string, string, string], { key: string }>(
    'SELECT key FROM read_model_tags WHERE projection = ? AND collection = ? AND tag = ? ORDER BY key',
  );
  const getCheckpoint = db.prepare<[string], Checkpoint>('SELECT version, position FROM projection_checkpoints WHERE projection = ?');
  const putCheckpoint = db.prepare(
    `INSERT INTO projection_checkpoints (projection, version, position) VALUES (?, ?, ?)
     ON CONFLICT (projection) DO UPDATE SET version = excluded.version, position = excluded.position`,
  );

  /**
   * A stored document, with the items appended to it since it was written whole. Its row and its items are read
   * in one transaction: another process may write the document whole (dropping its items) in between.
   */
  const load = db.transaction((projection: string, collection: string, key: string): unknown => {
    const row = getDoc.get(projection, collection, key);
    if (!row) return undefined;
    const items = getItems.all(projection, collection, key);
    return items.length === 0 ? JSON.parse(row.value) : withItems(row.value, items);
  });
  const list = db.transaction((projection: string, collection: string, tag?: string): unknown[] => {
    const rows = tag === undefined ? listAll.all(projection, collection) : listTagged.all(projection, collection, tag);
    const items = tag === undefined ? listAllItems.all(projection, collection) : listTaggedItems.all(projection, collection, tag);
    if (items.length === 0) return rows.map((row) => JSON.parse(row.value) as unknown);
    const byKey = new Map<string, ItemRow[]>();
    for (const item of items) {
      const mine = byKey.get(item.key);
      if (mine) mine.push(item);
      else byKey.set(item.key, [item]);
    }
    return rows.map((row) => withItems(row.value, byKey.get(row.key) ?? []));
  });

  /**
   * What each projection's last commit read or wrote, as it now stands. The next batch mostly touches the same
   * documents again (a provision line is delivered week after week) and takes them from here, tags included,
   * instead of reading and parsing them. Trusted only while the stored checkpoint is the one that commit wrote:
   * a commit by anyone else, or a reset, moves it.
   */
  const recent = new Map<string, { at: Checkpoint; documents: Map<string, StoredDocument> }>();

  const fold = (projection: DocumentProjection, entries: readonly LedgerEntry[]) => {
    const last = entries.at(-1);
    if (!last) return undefined;
    const stored = getCheckpoint.get(projection.name);
    const cached = recent.get(projection.name);
    recent.delete(projection.name);
    const known = cached && stored?.version === cached.at.version && stored.position === cached.at.position ? cached.documents : undefined;
    // Another process (or an earlier run) may have folded these already: never fold an entry twice.
    const fresh = stored && stored.version === projection.version ? entries.filter((e) => e.globalPosition > stored.position) : entries;
    const { writer, pending, touched } = documentOverlay((collection, key): StoredDocument => {
      const hit = known?.get(documentId(collection, key));
      if (hit) return hit;
      const value = load(projection.name, collection, key);
      // A document's tags are stored with it and removed with it: none stored, none tagged.
      return value === undefined ? { value: undefined, tags: [] } : { value };
    });
    for (const entry of fresh) projection.apply(entry, writer);
    for (const doc of pending()) flush(projection.name, doc);
    const position = Math.max(last.globalPosition, stored?.position ?? 0);
    putCheckpoint.run(projection.name, projection.version, position);
    return { name: projection.name, at: { version: projection.version, position }, documents: touched() };
  };

  /** Write one document of a batch, skipping what would not change anything stored. */
  const flush = (projection: string, doc: PendingDocument) => {
    const before = doc.stored;
    if (doc.value === undefined) {
      if (before && before.value === undefined) return;
      deleteTags.run(projection, doc.collection, doc.key);
      deleteItems.run(projection, doc.collection, doc.key);
      deleteDoc.run(projection, doc.collection, doc.key);
      return;
    }
    const sameTags = before?.tags !== undefined && before.tags.length === doc.tags.length && doc.tags.every((tag) => before.tags!.includes(tag));
    if (before?.value !== doc.value) {
      const appended = before ? appendedItems(before.value, doc.value) : undefined;
      if (appended) {
        for (const item of appended) insertItem.run(projection, doc.collection, doc.key, item.field, item.index, JSON.stringify(item.value));
      } else {
        putDoc.run(projection, doc.collection, doc.key, JSON.stringify(doc.value));
        // Written whole: the items appended before are in it now. A document that was not there has none.
        if (!before || before.value !== undefined) deleteItems.run(projection, doc.collection, doc.key);
      }
    }
    if (sameTags) return;
    if (before?.tags === undefined || before.tags.length > 0) deleteTags.run(projection, doc.collection, doc.key);
    for (const tag of doc.tags) insertTag.run(projection, doc.collection, tag, doc.key);
  };

  const commitAll = db.transaction((projections: readonly DocumentProjection[], entries: readonly LedgerEntry[]) =>
    projections.map((projection) => fold(projection, entries)),
  );
  const commitAndRemember = (projections: readonly DocumentProjection[], entries: readonly LedgerEntry[]) => {
    // A read model commits with its checkpoint and is refolded from the ledger after one that is lost, so its
    // commits need not wait for fsync (as on PostgreSQL, synchronous_commit off); the ledger's own commits on this
    // connection still do, and their fsync carries these pages too. WAL keeps it consistent either way.
    const synchronous = db.pragma('synchronous', { simple: true }) as number;
    if (synchronous > 1) db.pragma('synchronous = NORMAL');
    let folded;
    try {
      folded = commitAll.immediate(projections, entries);
    } finally {
      if (synchronous > 1) db.pragma(`synchronous = ${synchronous}`);
    }
    // Only once committed: a batch rolled back leaves nothing remembered (fold forgot what it found).
    for (const projection of folded) {
      if (projection) recent.set(projection.name, { at: projection.at, documents: projection.documents });
    }
  };

  const reset = db.transaction((projection: DocumentProjection) => {
    db.prepare('DELETE FROM read_model_documents WHERE projection = ?').run(projection.name);
    db.prepare('DELETE FROM read_model_tags WHERE projection = ?').run(projection.name);
    db.prepare('DELETE FROM read_model_items WHERE projection = ?').run(projection.name);
    putCheckpoint.run(projection.name, projection.version, 0);
  });

  return {
    async checkpoint(projection) {
      return getCheckpoint.get(projection) ?? null;
    },
    async commit(projection, entries) {
      commitAndRemember([projection], entries);
    },
    async commitAll(projections, entries) {
      commitAndRemember(projections, entries);
    },
    async reset(projection) {
      recent.delete(projection.name);
      reset.immediate(projection);
    },
    reader(projection): DocumentReader {
      return {
        async get<T>(collection: string, key: string) {
          return load(projection, collection, key) as T | undefined;
        },
        async list<T>(collection: string, tag?: string) {
          return list(projection, collection, tag) as T[];
        },
        async keys(collection: string, tag?: string) {
          return (tag === undefined ? allKeys.all(projection, collection) : taggedKeys.all(projection, collection, tag)).map((row) => row.key);
        },
      };
    },
  };
}
