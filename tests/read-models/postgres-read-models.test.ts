import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load-demo.js';
import { createSimulatedClock } from '../../src/demo/simulated-clock.js';
import { memoryKeyStore } from '../../src/privacy/child-key-store.js';
import { encryptingStore } from '../../src/privacy/encrypting-store.js';
import { withItems } from '../../src/read-models/appended-items.js';
import { memoryReadModels } from '../../src/read-models/memory-read-models.js';
import { openPostgresReadModels } from '../../src/read-models/postgres-read-models.js';
import { startProjection, startProjections, type RunningProjection } from '../../src/read-models/projector.js';
import { PROJECTIONS } from '../../src/read-models/projections.js';
import type { DocumentProjection, ReadModelStore } from '../../src/read-models/read-model-store.js';
import { rebuildProjection, rebuildProjections } from '../../src/read-models/rebuild.js';
import { ANY, type EventStore } from '../../src/store/port.js';
import { openPostgresStore, type PostgresEventStore } from '../../src/store/postgres/postgres-store.js';
import { createTestDatabase, createTestSchema, type TestDatabase, type TestSchema } from '../support/postgres.js';
import { proposed, proposedBatch } from '../store/store-contract.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('read_models');
});
afterAll(async () => {
  await database.drop();
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One "process": its own pool on the shared schema, its own store and read-model store over it. */
async function processOn(schema: TestSchema, clock?: () => Date): Promise<{ store: PostgresEventStore; readModels: ReadModelStore }> {
  const store = await openPostgresStore(schema.url, clock);
  cleanups.push(() => store.close());
  return { store, readModels: await openPostgresReadModels(store.pool) };
}

async function freshSchema(label: string): Promise<TestSchema> {
  const schema = await createTestSchema(database.url, label);
  cleanups.push(() => schema.drop());
  return schema;
}

async function run(store: EventStore, readModels: ReadModelStore, projection: DocumentProjection): Promise<RunningProjection> {
  const running = await startProjection(store, readModels, projection, (error) => {
    throw error;
  });
  cleanups.push(() => running.stop());
  return running;
}

interface Dump {
  documents: Array<{ collection: string; key: string; value: unknown }>;
  tags: Array<{ collection: string; tag: string; key: string }>;
}

/**
 * Every document and tag of a projection, straight from the tables: each document as its row and the rows of the
 * items appended to it since it was written whole make it.
 */
async function dump(pool: pg.Pool, projection: string): Promise<Dump> {
  const items = await pool.query<{ collection: string; key: string; field: string; idx: number; value: string }>(
    'SELECT collection, key, field, idx, value FROM read_model_items WHERE projection = $1 ORDER BY field, idx',
    [projection],
  );
  const itemsOf = (collection: string, key: string) => items.rows.filter((item) => item.collection === collection && item.key === key);
  const documents = await pool.query<{ collection: string; key: string; value: string }>(
    'SELECT collection, key, value FROM read_model_documents WHERE projection = $1 ORDER BY collection, key COLLATE "C"',
    [projection],
  );
  const tags = await pool.query<{ collection: string; tag: string; key: string }>(
    'SELECT collection, tag, key FROM read_model_tags WHERE projection = $1 ORDER BY collection, tag, key COLLATE "C"',
    [projection],
  );
  return { documents: documents.rows.map((row) => ({ ...row, value: withItems(row.value, itemsOf(row.collection, row.key)) })), tags: tags.rows };
}

/** Records the position of every entry it folds, in fold order: any entry folded twice or skipped shows. */
const foldLog: DocumentProjection = {
  name: 'fold-log',
  version: 1,
  apply(entry, documents) {
    const log = documents.get<{ positions: number[] }>('log', 'all') ?? { positions: [] };
    documents.put('log', 'all', { positions: [...log.positions, entry.globalPosition] });
  },
};
const foldedPositions = async (readModels: ReadModelStore) =>
  (await readModels.reader(foldLog.name).get<{ positions: number[] }>('log', 'all'))?.positions ?? [];
const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('read models on PostgreSQL', () => {
  it('the service projections, kept up to date live by two processes while the demo loads, equal a rebuild (of all in one pass on PostgreSQL, of each alone in memory)', async () => {
    const schema = await freshSchema('live');
    const clock = createSimulatedClock();
    const one = await processOn(schema, clock.now);
    const two = await processOn(schema, clock.now);
    const keys = memoryKeyStore();
    // One process keeps them all from one subscription, the other one subscription each.
    const shared = await startProjections(encryptingStore(one.store, keys), one.readModels, PROJECTIONS, (error) => {
      throw error;
    });
    cleanups.push(() => shared[0]!.stop());
    const running = [...shared, ...(await Promise.all(PROJECTIONS.map((p) => run(encryptingStore(two.store, keys), two.readModels, p))))];

    const loaded = await loadDemo(encryptingStore(one.store, keys), clock);
    const head = await one.store.headPosition();
    expect(loaded.entries).toBe(head);
    await Promise.all(running.map((projection) => projection.waitFor(head)));

    // Deliveries were appended to their lines as items, not written with the line's whole history.
    expect((await one.store.pool.query("SELECT 1 FROM read_model_items WHERE projection = 'promise-register' AND collection = 'provision'")).rowCount).toBeGreaterThan(0);
    const rebuiltSchema = await freshSchema('rebuilt');
    const rebuiltPool = new pg.Pool({ connectionString: rebuiltSchema.url });
    cleanups.push(() => rebuiltPool.end());
    const rebuilt = await openPostgresReadModels(rebuiltPool);
    const inMemory = memoryReadModels();
    await rebuildProjections(encryptingStore(one.store, keys), rebuilt, PROJECTIONS, () => {}, 37);
    for (const projection of PROJECTIONS) {
      await rebuildProjection(encryptingStore(one.store, keys), inMemory, projection);

      const live = await dump(one.store.pool, projection.name);
      expect(live.documents.length, projection.name).toBeGreaterThan(0);
      expect(live).toEqual(await dump(rebuiltPool, projection.name));
      expect(await one.readModels.checkpoint(projection.name)).toEqual({ version: projection.version, position: head });
      // The same answers as the in-memory read models, through the reader interface.
      for (const collection of new Set(live.documents.map((d) => d.collection))) {
        expect(await one.readModels.reader(projection.name).list(collection)).toEqual(await inMemory.reader(projection.name).list(collection));
      }
      for (const { collection, tag } of live.tags) {
        expect(await two.readModels.reader(projection.name).list(collection, tag)).toEqual(await inMemory.reader(projection.name).list(collection, tag));
      }
    }
  });

  it('two processes running the same projection while writers append: each entry is folded exactly once, in order', async () => {
    const schema = await freshSchema('twice');
    const one = await processOn(schema);
    const two = await processOn(schema);
    const runningOne = await run(one.store, one.readModels, foldLog);
    const runningTwo = await run(two.store, two.readModels, foldLog);

    await Promise.all(
      [one, two].map(async ({ store }, w) => {
        for (let i = 0; i < 40; i++) await store.append(`child-${w}-${i % 4}`, proposedBatch(1 + (i % 3)), ANY);
      }),
    );
    const head = await one.store.headPosition();
    await Promise.all([runningOne.waitFor(head), runningTwo.waitFor(head)]);

    expect(await foldedPositions(one.readModels)).toEqual(oneToN(head));
    expect(await one.readModels.checkpoint(foldLog.name)).toEqual({ version: 1, position: head });
  });

  it('a reset by another process (a rebuild) while a projection runs leaves no hole and folds nothing twice', async () => {
    const schema = await freshSchema('reset');
    const server = await processOn(schema);
    const rebuilder = await processOn(schema);
    await server.store.append('child-a', proposedBatch(5), ANY);
    const running = await run(server.store, server.readModels, foldLog);
    await running.waitFor(5);

    // The rebuild's first step, before it has folded anything: the running server then gets newer entries.
    await rebuilder.readModels.reset(foldLog);
    await server.store.append('child-b', proposedBatch(3), ANY);
    await running.waitFor(8);
    expect(await foldedPositions(server.readModels)).toEqual(oneToN(8));

    // The rebuild carries on and finishes: everything it folds is already there.
    await rebuildProjection(rebuilder.store, rebuilder.readModels, foldLog);
    await server.store.append('child-c', [proposed()], ANY);
    await running.waitFor(9);
    expect(await foldedPositions(server.readModels)).toEqual(oneToN(9));
  });

  it('commits documents and checkpoint together: a batch that fails after writing its documents leaves neither', async () => {
    const schema = await freshSchema('atomic');
    const { store, readModels } = await processOn(schema);
    await store.append('child-a', proposedBatch(6), ANY);
    const entries = await store.readAll(1, 10);
    await readModels.reset(foldLog);
    await readModels.commit(foldLog, entries.slice(0, 3));
    const before = await dump(store.pool, foldLog.name);

    // Fail the checkpoint update, the last statement of the transaction, after the documents are written.
    await store.pool.query(`
      CREATE FUNCTION refuse_checkpoint() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'checkpoint refused by the test'; END $$;
      CREATE TRIGGER refuse_checkpoint BEFORE UPDATE ON projection_checkpoints FOR EACH ROW EXECUTE FUNCTION refuse_checkpoint();
    `);
    await expect(readModels.commit(foldLog, entries.slice(3))).rejects.toThrow(/checkpoint refused/);
    expect(await dump(store.pool, foldLog.name)).toEqual(before);
    expect(await readModels.checkpoint(foldLog.name)).toEqual({ version: 1, position: 3 });

    // A fold that throws writes nothing either.
    const failing: DocumentProjection = {
      ...foldLog,
      apply(entry, documents) {
        foldLog.apply(entry, documents);
        if (entry.globalPosition === 5) throw new Error('fold failed');
      },
    };
    await store.pool.query('DROP TRIGGER refuse_checkpoint ON projection_checkpoints');
    await expect(readModels.commit(failing, entries.slice(3))).rejects.toThrow(/fold failed/);
    expect(await dump(store.pool, foldLog.name)).toEqual(before);

    await readModels.commit(foldLog, entries.slice(3));
    expect(await foldedPositions(readModels)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await readModels.checkpoint(foldLog.name)).toEqual({ version: 1, position: 6 });
  });

  it('writes what a batch appends to a growing document as items, reads it back whole, and drops the items with it', async () => {
    const schema = await freshSchema('items');
    const { store, readModels } = await processOn(schema);
    await store.append('child-a', proposedBatch(12), ANY);
    const entries = await store.readAll(1, 20);
    const memory = memoryReadModels();
    // Rewritten whole at every fifth entry (its note changes), deleted at the eleventh.
    const history: DocumentProjection = {
      name: 'history',
      version: 1,
      apply(entry, documents) {
        const line = documents.get<{ positions: number[]; note: string }>('line', 'one') ?? { positions: [], note: 'new' };
        const note = entry.globalPosition % 5 === 0 ? `rewritten at ${entry.globalPosition}` : line.note;
        documents.put('line', 'one', { ...line, positions: [...line.positions, entry.globalPosition], note }, [`tag:${entry.globalPosition % 2}`]);
        if (entry.globalPosition === 11) documents.delete('line', 'one');
      },
    };
    await readModels.reset(history);
    await memory.reset(history);
    const rows = async () => {
      const { rows: found } = await store.pool.query<{ value: string; items: number }>(
        `SELECT d.value, (SELECT count(*)::integer FROM read_model_items i WHERE i.projection = 'history') AS items
         FROM read_model_documents d WHERE d.projection = 'history'`,
      );
      return found.map((row) => ({ value: JSON.parse(row.value) as unknown, items: row.items }));
    };
    const same = async () => {
      for (const tag of [undefined, 'tag:0', 'tag:1']) expect(await readModels.reader('history').list('line', tag)).toEqual(await memory.reader('history').list('line', tag));
      expect(await readModels.reader('history').get('line', 'one')).toEqual(await memory.reader('history').get('line', 'one'));
    };
    for (const batch of [[0, 1], [1, 3], [3, 4]]) {
      await readModels.commit(history, entries.slice(batch[0], batch[1]));
      await memory.commit(history, entries.slice(batch[0], batch[1]));
    }
    expect(await rows()).toEqual([{ value: { positions: [1], note: 'new' }, items: 3 }]);
    await same();
    await readModels.commit(history, entries.slice(4, 7));
    await memory.commit(history, entries.slice(4, 7));
    expect(await rows()).toEqual([{ value: { positions: [1, 2, 3, 4, 5, 6, 7], note: 'rewritten at 5' }, items: 0 }]);
    await same();
    await readModels.commit(history, entries.slice(7, 11));
    await memory.commit(history, entries.slice(7, 11));
    expect(await rows()).toEqual([]);
    expect((await store.pool.query("SELECT 1 FROM read_model_items WHERE projection = 'history'")).rowCount).toBe(0);
    await same();
    await readModels.commit(history, entries.slice(11));
    await memory.commit(history, entries.slice(11));
    await same();
  });

  it('commits several read models in one transaction: a fold that throws in one leaves all of them as they were', async () => {
    const schema = await freshSchema('several');
    const { store, readModels } = await processOn(schema);
    await store.append('child-a', proposedBatch(6), ANY);
    const entries = await store.readAll(1, 10);
    const other = { ...foldLog, name: 'fold-log-2' };
    const failing: DocumentProjection = {
      ...foldLog,
      name: 'failing',
      apply(entry) {
        if (entry.globalPosition === 5) throw new Error('fold failed');
      },
    };
    for (const projection of [foldLog, other, failing]) await readModels.reset(projection);
    await readModels.commitAll([foldLog, other], entries.slice(0, 3));
    await expect(readModels.commitAll([foldLog, other, failing], entries.slice(3))).rejects.toThrow(/fold failed/);
    expect(await foldedPositions(readModels)).toEqual([1, 2, 3]);
    expect(await readModels.checkpoint(other.name)).toEqual({ version: 1, position: 3 });

    await readModels.commitAll([other, foldLog], entries);
    expect(await foldedPositions(readModels)).toEqual(oneToN(6));
    expect(await readModels.reader(other.name).get('log', 'all')).toEqual({ positions: oneToN(6) });
  });

  it('resumes after its checkpoint on restart, and a new version is dropped and rebuilt from the start', async () => {
    const schema = await freshSchema('restart');
    const first = await processOn(schema);
    await first.store.append('child-a', proposedBatch(4), ANY);
    const running = await run(first.store, first.readModels, foldLog);
    await running.waitFor(4);
    await running.stop();
    await first.store.append('child-a', proposedBatch(2), ANY);

    const second = await processOn(schema);
    const resumed = await run(second.store, second.readModels, foldLog);
    await resumed.waitFor(6);
    expect(await foldedPositions(second.readModels)).toEqual(oneToN(6));
    await resumed.stop();

    const newer = { ...foldLog, version: 2 };
    const rebuilt = await run(second.store, second.readModels, newer);
    await rebuilt.waitFor(6);
    await delay(50);
    expect(await foldedPositions(second.readModels)).toEqual(oneToN(6));
    expect(await second.readModels.checkpoint(foldLog.name)).toEqual({ version: 2, position: 6 });
  });
});
