import type pg from 'pg';
import type { LedgerEntry } from '../ledger/envelope.js';
import { LOCK_NAMESPACE } from '../store/postgres/advisory-locks.js';
import { inTransaction } from '../store/postgres/transaction.js';
import { appendedItems, withItems, type AppendedItem, type ItemRow } from './appended-items.js';
import { documentOverlay, type PendingDocument } from './document-overlay.js';
import type { Checkpoint, DocumentProjection, DocumentReader, ReadModelStore } from './read-model-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS read_model_documents (
  projection text NOT NULL, collection text NOT NULL, key text NOT NULL, value text NOT NULL,
  PRIMARY KEY (projection, collection, key)
);
CREATE TABLE IF NOT EXISTS read_model_tags (
  projection text NOT NULL, collection text NOT NULL, tag text NOT NULL, key text NOT NULL,
  PRIMARY KEY (projection, collection, tag, key)
);
-- A document's tags are replaced by key (the primary key leads with the tag): without this, a scan per batch.
CREATE INDEX IF NOT EXISTS read_model_tags_by_key ON read_model_tags (projection, collection, key);
-- Items appended to a document's arrays since it was last written whole (see appended-items.ts).
CREATE TABLE IF NOT EXISTS read_model_items (
  projection text NOT NULL, collection text NOT NULL, key text NOT NULL, field text NOT NULL, idx integer NOT NULL, value text NOT NULL,
  PRIMARY KEY (projection, collection, key, field, idx)
);
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  projection text PRIMARY KEY, version integer NOT NULL, position bigint NOT NULL
);
`;

type Queryable = Pick<pg.PoolClient, 'query'>;
interface DocumentId {
  collection: string;
  key: string;
}
const idOf = (collection: string, key: string) => `${collection}\u0000${key}`;

/**
 * Read models in the ledger's PostgreSQL database: a batch's documents and the checkpoint that says how far
 * they go commit in one transaction, as on SQLite.
 *
 * Two processes run the same projections on one database. Each batch takes a transaction-scoped advisory lock
 * on the projection, then reads the checkpoint and folds only the entries past it, so every entry is folded
 * exactly once whoever delivers it first. A compare-and-set on the checkpoint would be as safe, but the loser
 * would have read documents, folded and written them only to roll back and start again; with the lock it just
 * waits for the other commit and then skips what that commit folded. The lock is released by COMMIT or
 * ROLLBACK, also when a process dies mid-batch, and needs no session, so it works behind a transaction pooler.
 *
 * Values are stored as JSON text, not jsonb, so documents read back byte for byte as on SQLite, and lists are
 * ordered by the key's bytes (COLLATE "C"), as SQLite orders them, whatever the database's collation.
 */
export async function openPostgresReadModels(pool: pg.Pool): Promise<ReadModelStore> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, 1)', [LOCK_NAMESPACE.schema]);
    await client.query(SCHEMA);
  });

  const lockProjection = (client: Queryable, projection: string) =>
    client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE.projection, projection]);

  /**
   * Several locks in one transaction are taken in the order of their keys by every process, so two rebuilds of
   * overlapping sets cannot deadlock (the live projector holds one at a time).
   */
  const lockOrder = async (client: Queryable, projections: readonly DocumentProjection[]): Promise<string[]> => {
    if (projections.length === 1) return [projections[0]!.name];
    const { rows } = await client.query<{ name: string }>('SELECT name FROM unnest($1::text[]) AS name ORDER BY hashtext(name), name', [
      projections.map((p) => p.name),
    ]);
    return rows.map((row) => row.name);
  };

  const readCheckpoint = async (db: Queryable, projection: string): Promise<Checkpoint | null> => {
    const { rows } = await db.query<{ version: number; position: string }>(
      'SELECT version, position FROM projection_checkpoints WHERE projection = $1',
      [projection],
    );
    const row = rows[0];
    return row ? { version: row.version, position: Number(row.position) } : null;
  };

  const writeCheckpoint = (client: Queryable, projection: DocumentProjection, position: number) =>
    client.query(
      `INSERT INTO projection_checkpoints (projection, version, position) VALUES ($1, $2, $3)
       ON CONFLICT (projection) DO UPDATE SET version = excluded.version, position = excluded.position`,
      [projection.name, projection.version, position],
    );

  const commitAll = async (projections: readonly DocumentProjection[], entries: readonly LedgerEntry[]) => {
    const last = entries.at(-1);
    if (!last || projections.length === 0) return;
    await inTransaction(
      pool,
      async (client) => {
        for (const name of await lockOrder(client, projections)) await lockProjection(client, name);
        for (const projection of projections) {
          const stored = await readCheckpoint(client, projection.name);
          // Another process (or an earlier run) may have folded these already: never fold an entry twice.
          const fresh = stored && stored.version === projection.version ? entries.filter((e) => e.globalPosition > stored.position) : entries;
          const pending = await foldWithPrefetch(projection, fresh, (wanted) => loadDocuments(client, projection.name, wanted));
          await writeDocuments(client, projection.name, pending);
          await writeCheckpoint(client, projection, Math.max(last.globalPosition, stored?.position ?? 0));
        }
      },
      // A read model can be rebuilt from the ledger, and documents and checkpoint are lost together or not at
      // all: no need to wait for the flush. The events themselves are always committed synchronously.
      'BEGIN; SET LOCAL synchronous_commit TO off',
    );
  };

  return {
    checkpoint: (projection) => readCheckpoint(pool, projection),

    commit: (projection, entries) => commitAll([projection], entries),
    commitAll,

    async reset(projection) {
      await inTransaction(pool, async (client) => {
        await lockProjection(client, projection.name);
        await client.query('DELETE FROM read_model_documents WHERE projection = $1', [projection.name]);
        await client.query('DELETE FROM read_model_tags WHERE projection = $1', [projection.name]);
        await client.query('DELETE FROM read_model_items WHERE projection = $1', [projection.name]);
        await writeCheckpoint(client, projection, 0);
      });
    },

    reader(projection): DocumentReader {
      return {
        async get<T>(collection: string, key: string) {
          const { rows } = await pool.query<{ value: string; items: ItemRow[] | null }>(
            `SELECT d.value, ${ITEMS_OF_D} AS items FROM read_model_documents d WHERE d.projection = $1 AND d.collection = $2 AND d.key = $3`,
            [projection, collection, key],
          );
          return rows[0] ? (assembled(rows[0]) as T) : undefined;
        },
        async list<T>(collection: string, tag?: string) {
          const { rows } =
            tag === undefined
              ? await pool.query<{ value: string; items: ItemRow[] | null }>(
                  `SELECT d.value, ${ITEMS_OF_D} AS items FROM read_model_documents d
                   WHERE d.projection = $1 AND d.collection = $2 ORDER BY d.key COLLATE "C"`,
                  [projection, collection],
                )
              : await pool.query<{ value: string; items: ItemRow[] | null }>(
                  `SELECT d.value, ${ITEMS_OF_D} AS items FROM read_model_tags t JOIN read_model_documents d
                     ON d.projection = t.projection AND d.collection = t.collection AND d.key = t.key
                   WHERE t.projection = $1 AND t.collection = $2 AND t.tag = $3 ORDER BY t.key COLLATE "C"`,
                  [projection, collection, tag],
                );
          return rows.map((row) => assembled(row) as T);
        },
        async keys(collection: string, tag?: string) {
          const { rows } =
            tag === undefined
              ? await pool.query<{ key: string }>('SELECT key FROM read_model_documents WHERE projection = $1 AND collection = $2 ORDER BY key COLLATE "C"', [projection, collection])
              : await pool.query<{ key: string }>('SELECT key FROM read_model_tags WHERE projection = $1 AND collection = $2 AND tag = $3 ORDER BY key COLLATE "C"', [
                  projection,
                  collection,
                  tag,
                ]);
          return rows.map((row) => row.key);
        },
      };
    },
  };
}

/**
 * A projection reads documents synchronously, but here they are a round trip away. So fold the batch with
 * what is at hand, note every document asked for that is not, fetch those in one query and fold the batch
 * again from scratch, until a fold needs nothing new. A fold is a pure function of the entries and the
 * documents it reads, so the last run is exactly the fold SQLite would have done; the earlier ones, run
 * with documents missing, are thrown away (even if they threw). Usually two runs: one to learn the keys.
 */
async function foldWithPrefetch(
  projection: DocumentProjection,
  entries: readonly LedgerEntry[],
  load: (wanted: DocumentId[]) => Promise<Map<string, unknown>>,
): Promise<PendingDocument[]> {
  if (entries.length === 0) return [];
  const known = new Map<string, unknown>();
  for (;;) {
    const missing = new Map<string, DocumentId>();
    const { writer, pending } = documentOverlay((collection, key) => {
      const id = idOf(collection, key);
      if (known.has(id)) return { value: known.get(id) };
      missing.set(id, { collection, key });
      return { value: undefined };
    });
    try {
      for (const entry of entries) projection.apply(entry, writer);
    } catch (error) {
      if (missing.size === 0) throw error;
    }
    if (missing.size === 0) return pending();
    const loaded = await load([...missing.values()]);
    for (const id of missing.keys()) known.set(id, loaded.get(id));
  }
}

/**
 * The items appended to document `d` since it was written whole, in one JSON array (or null): one round trip for
 * documents and their items. JSON text, not jsonb, for the same reason as the values.
 */
const ITEMS_OF_D = `(SELECT json_agg(json_build_object('field', i.field, 'idx', i.idx, 'value', i.value) ORDER BY i.field, i.idx)::text
   FROM read_model_items i WHERE i.projection = d.projection AND i.collection = d.collection AND i.key = d.key)`;

const assembled = (row: { value: string; items: ItemRow[] | string | null }): unknown =>
  row.items === null ? JSON.parse(row.value) : withItems(row.value, typeof row.items === 'string' ? (JSON.parse(row.items) as ItemRow[]) : row.items);

async function loadDocuments(client: Queryable, projection: string, wanted: DocumentId[]): Promise<Map<string, unknown>> {
  const { rows } = await client.query<{ collection: string; key: string; value: string; items: string | null }>(
    `SELECT d.collection, d.key, d.value, ${ITEMS_OF_D} AS items FROM read_model_documents d
     WHERE d.projection = $1 AND (d.collection, d.key) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
    [projection, wanted.map((d) => d.collection), wanted.map((d) => d.key)],
  );
  return new Map(rows.map((row) => [idOf(row.collection, row.key), assembled(row)]));
}

/**
 * Flush a batch in at most six statements, whatever its size: tags of every touched document are rewritten, a
 * document that only grew gets its new items, any other is written whole (and its items, now in it, dropped).
 */
async function writeDocuments(client: Queryable, projection: string, pending: PendingDocument[]): Promise<void> {
  if (pending.length === 0) return;
  const removed = pending.filter((doc) => doc.value === undefined);
  const kept: PendingDocument[] = [];
  const items: Array<AppendedItem & { collection: string; key: string }> = [];
  for (const doc of pending) {
    if (doc.value === undefined) continue;
    const appended = doc.stored ? appendedItems(doc.stored.value, doc.value) : undefined;
    if (appended) for (const item of appended) items.push({ ...item, collection: doc.collection, key: doc.key });
    else kept.push(doc);
  }
  const tags = pending.flatMap((doc) => (doc.value === undefined ? [] : doc.tags.map((tag) => ({ ...doc, tag }))));
  await client.query(
    `DELETE FROM read_model_tags WHERE projection = $1 AND (collection, key) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
    [projection, pending.map((d) => d.collection), pending.map((d) => d.key)],
  );
  // Removed or written whole: their items go (a document known not to be stored has none).
  const rewritten = [...removed, ...kept].filter((doc) => doc.stored?.value !== undefined || !doc.stored);
  if (rewritten.length > 0) {
    await client.query(
      `DELETE FROM read_model_items WHERE projection = $1 AND (collection, key) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [projection, rewritten.map((d) => d.collection), rewritten.map((d) => d.key)],
    );
  }
  if (removed.length > 0) {
    await client.query(
      `DELETE FROM read_model_documents WHERE projection = $1 AND (collection, key) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
      [projection, removed.map((d) => d.collection), removed.map((d) => d.key)],
    );
  }
  if (items.length > 0) {
    await client.query(
      `INSERT INTO read_model_items (projection, collection, key, field, idx, value)
       SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::text[], $5::integer[], $6::text[])
       ON CONFLICT (projection, collection, key, field, idx) DO UPDATE SET value = excluded.value`,
      [projection, items.map((i) => i.collection), items.map((i) => i.key), items.map((i) => i.field), items.map((i) => i.index), items.map((i) => JSON.stringify(i.value))],
    );
  }
  if (kept.length > 0) {
    await client.query(
      `INSERT INTO read_model_documents (projection, collection, key, value)
       SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::text[])
       ON CONFLICT (projection, collection, key) DO UPDATE SET value = excluded.value`,
      [projection, kept.map((d) => d.collection), kept.map((d) => d.key), kept.map((d) => JSON.stringify(d.value))],
    );
  }
  if (tags.length > 0) {
    await client.query(
      `INSERT INTO read_model_tags (projection, collection, tag, key)
       SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
      [projection, tags.map((t) => t.collection), tags.map((t) => t.tag), tags.map((t) => t.key)],
    );
  }
}
