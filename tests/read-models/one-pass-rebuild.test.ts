import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVISIONS, childTag } from '../../projections/promise-register.js';
import { loadSyntheticLa } from '../../src/bench/synthetic-la.js';
import { loadDemo } from '../../src/demo/load-demo.js';
import { createSimulatedClock } from '../../src/demo/simulated-clock.js';
import type { LedgerEntry } from '../../src/ledger/envelope.js';
import { withItems } from '../../src/read-models/appended-items.js';
import { memoryReadModels } from '../../src/read-models/memory-read-models.js';
import { PROJECTIONS } from '../../src/read-models/projections.js';
import type { DocumentProjection, ReadModelStore } from '../../src/read-models/read-model-store.js';
import { rebuildProjection, rebuildProjections } from '../../src/read-models/rebuild.js';
import { sqliteReadModels } from '../../src/read-models/sqlite-read-models.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { ANY } from '../../src/store/port.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite-store.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * Every document, tag and checkpoint of a SQLite read-model database, straight from the tables: each document as
 * its row and the rows of the items appended to it since it was written whole make it.
 */
function dump(db: Database.Database) {
  const items = db.prepare<[string, string, string], { field: string; idx: number; value: string }>(
    'SELECT field, idx, value FROM read_model_items WHERE projection = ? AND collection = ? AND key = ? ORDER BY field, idx',
  );
  const documents = db
    .prepare<[], { projection: string; collection: string; key: string; value: string }>('SELECT projection, collection, key, value FROM read_model_documents ORDER BY projection, collection, key')
    .all()
    .map((d) => ({ ...d, value: JSON.stringify(withItems(d.value, items.all(d.projection, d.collection, d.key))) }));
  return {
    documents,
    tags: db.prepare('SELECT projection, collection, tag, key FROM read_model_tags ORDER BY projection, collection, tag, key').all(),
    checkpoints: db.prepare('SELECT projection, version, position FROM projection_checkpoints ORDER BY projection').all(),
  };
}

/** Records the position of every entry it folds: an entry folded twice, or a write lost, shows. */
const foldLog: DocumentProjection = {
  name: 'fold-log',
  version: 1,
  apply(entry, documents) {
    const log = documents.get<{ positions: number[] }>('log', 'all') ?? { positions: [] };
    documents.put('log', 'all', { positions: [...log.positions, entry.globalPosition] }, [`last:${entry.globalPosition}`]);
  },
};
const foldedPositions = async (readModels: ReadModelStore, name = foldLog.name) =>
  (await readModels.reader(name).get<{ positions: number[] }>('log', 'all'))?.positions ?? [];

describe('rebuilding every read model in one pass over the log', () => {
  const dir = tempDir();
  const databases: Database.Database[] = [];
  const readModelDatabase = (name: string) => {
    const db = new Database(join(dir.path, `${name}.sqlite`));
    databases.push(db);
    return db;
  };
  let store: SqliteEventStore;
  let entries: number;
  let erasedChild: string;

  beforeAll(async () => {
    // A realistic log: a small synthetic LA, the demo's journeys (with corrections, moves between LAs and the
    // Local Offer), and the erasure of a child who has promises.
    const clock = createSimulatedClock();
    store = openSqliteStore(join(dir.path, 'ledger.sqlite'), clock.now);
    store.database.pragma('synchronous = OFF');
    await loadSyntheticLa(store, clock, { scale: 0.0015, seed: 11, showcase: false });
    await loadDemo(store, clock);
    const promised = (await store.readAll(1, 1_000_000)).find((e) => e.type === 'ProvisionPromised' && e.streamId.startsWith('child-'))!;
    erasedChild = promised.streamId.slice('child-'.length);
    await store.append(
      promised.streamId,
      [{
        eventId: randomUUID(), type: 'ChildRecordErased', schemaVersion: 1,
        data: { reason: 'other', detail: 'test', retentionRule: 'date of birth + 31 years', keyId: 'k' },
        metadata: { actor: { id: 'la-1', displayName: 'LA officer', role: 'la_officer', organisation: '202' }, occurredAt: clock.now().toISOString(), correlationId: 'c', causationId: 'c' },
      }],
      ANY,
    );
    entries = await store.headPosition();
  }, 120_000);

  afterAll(async () => {
    for (const db of databases) db.close();
    await store.close();
    dir.remove();
  });

  it('gives the same documents, tags and checkpoints as rebuilding each read model alone', async () => {
    const onePass = readModelDatabase('one-pass');
    // Small batches: most documents are carried from one batch to the next.
    const result = await rebuildProjections(store, sqliteReadModels(onePass), PROJECTIONS, () => {}, 250);
    expect(result.done).toBe(entries);
    expect(entries).toBeGreaterThan(2_000);

    const eachAlone = readModelDatabase('each-alone');
    for (const projection of PROJECTIONS) await rebuildProjection(store, sqliteReadModels(eachAlone), projection, () => {}, 1_000_000);

    const rebuilt = dump(onePass);
    expect(rebuilt).toEqual(dump(eachAlone));
    expect(rebuilt.checkpoints).toEqual(PROJECTIONS.map((p) => ({ projection: p.name, version: p.version, position: entries })).sort((a, b) => a.projection.localeCompare(b.projection)));
    for (const projection of PROJECTIONS) expect(rebuilt.documents.filter((d) => (d as { projection: string }).projection === projection.name).length, projection.name).toBeGreaterThan(5);
    // The erased child's promises went with it.
    const register = sqliteReadModels(onePass).reader('promise-register');
    expect(await register.list(PROVISIONS, childTag(erasedChild))).toEqual([]);
    expect((await register.list(PROVISIONS)).length).toBeGreaterThan(100);
  });

  it('answers as the in-memory read models do, whatever the batches and however the read models are grouped', async () => {
    const memory = memoryReadModels();
    for (const projection of PROJECTIONS) await rebuildProjection(store, memory, projection, () => {}, 333);

    // Commits of uneven sizes, alternating one read model at a time with all of them at once, as a live projector
    // and a rebuild would interleave them.
    const db = readModelDatabase('uneven');
    const uneven = sqliteReadModels(db);
    for (const projection of PROJECTIONS) await uneven.reset(projection);
    const sizes = [1, 7, 400, 52, 1_300, 3];
    for (let next = 1, i = 0; ; i++) {
      const batch: LedgerEntry[] = await store.readAll(next, sizes[i % sizes.length]!);
      if (batch.length === 0) break;
      if (i % 2 === 0) await uneven.commitAll(PROJECTIONS, batch);
      else for (const projection of PROJECTIONS) await uneven.commit(projection, batch);
      next = batch.at(-1)!.globalPosition + 1;
    }

    for (const { projection } of dump(db).checkpoints as Array<{ projection: string }>) {
      const collections = db.prepare<[string], { collection: string }>('SELECT DISTINCT collection FROM read_model_documents WHERE projection = ?').all(projection);
      const tags = db.prepare<[string], { collection: string; tag: string }>('SELECT DISTINCT collection, tag FROM read_model_tags WHERE projection = ?').all(projection);
      expect(collections.length, projection).toBeGreaterThan(0);
      for (const { collection } of collections) {
        expect(await uneven.reader(projection).list(collection), `${projection} ${collection}`).toEqual(await memory.reader(projection).list(collection));
      }
      for (const { collection, tag } of tags) {
        expect(await uneven.reader(projection).list(collection, tag), `${projection} ${collection} ${tag}`).toEqual(await memory.reader(projection).list(collection, tag));
      }
    }
  });
});

describe('committing several read models at once', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const clock = () => new Date('2025-03-03T09:00:00.000Z');
  const other: DocumentProjection = { ...foldLog, name: 'fold-log-2' };
  const failing: DocumentProjection = {
    ...foldLog,
    name: 'failing',
    apply(entry, documents) {
      foldLog.apply(entry, documents);
      if (entry.globalPosition === 5) throw new Error('fold failed');
    },
  };

  const stores: Array<[string, () => Promise<{ entries: LedgerEntry[]; readModels: ReadModelStore; close: () => Promise<void> }>]> = [
    ['memory', async () => ({ entries: await someEntries(), readModels: memoryReadModels(), close: async () => {} })],
    ['SQLite', async () => {
      const events = openSqliteStore(join(dir.path, `${randomUUID()}.sqlite`), clock);
      for (let i = 0; i < 6; i++) await events.append(`child-${i % 2}`, [someEvent()], ANY);
      return { entries: await events.readAll(1, 10), readModels: sqliteReadModels(events.database), close: () => events.close() };
    }],
  ];

  for (const [label, open] of stores) {
    it(`(${label}) a fold that throws in one read model commits none of them, and the next commit starts from what is stored`, async () => {
      const { entries, readModels, close } = await open();
      for (const projection of [foldLog, other, failing]) await readModels.reset(projection);
      await readModels.commitAll([foldLog, other, failing], entries.slice(0, 3));
      await expect(readModels.commitAll([foldLog, other, failing], entries.slice(3))).rejects.toThrow(/fold failed/);
      expect(await foldedPositions(readModels)).toEqual([1, 2, 3]);
      expect(await foldedPositions(readModels, other.name)).toEqual([1, 2, 3]);
      expect(await readModels.checkpoint(foldLog.name)).toEqual({ version: 1, position: 3 });

      await readModels.commitAll([foldLog, other], entries.slice(3));
      expect(await foldedPositions(readModels)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(await readModels.reader(other.name).list('log', 'last:6')).toEqual([{ positions: [1, 2, 3, 4, 5, 6] }]);
      expect(await readModels.reader(other.name).list('log', 'last:3')).toEqual([]);
      await close();
    });
  }

  it('(SQLite) sees what another process committed between two of its batches', async () => {
    const file = join(dir.path, 'shared.sqlite');
    const events = openSqliteStore(file, clock);
    for (let i = 0; i < 6; i++) await events.append('child-a', [someEvent()], ANY);
    const entries = await events.readAll(1, 10);
    const second = new Database(file);
    const mine = sqliteReadModels(events.database);
    const theirs = sqliteReadModels(second);

    await mine.reset(foldLog);
    await mine.commit(foldLog, entries.slice(0, 2));
    await theirs.commit(foldLog, entries.slice(0, 4));
    // Entries 3 and 4 are theirs: folded once, into the document they wrote, not into what this process last saw.
    await mine.commit(foldLog, entries.slice(2));
    expect(await foldedPositions(mine)).toEqual([1, 2, 3, 4, 5, 6]);

    // And after a reset by the other process, its rebuild is what counts.
    await theirs.reset(foldLog);
    await theirs.commit(foldLog, entries.slice(0, 1));
    await mine.commit(foldLog, entries.slice(0, 3));
    expect(await foldedPositions(theirs)).toEqual([1, 2, 3]);
    second.close();
    await events.close();
  });
});

function someEvent() {
  return {
    eventId: randomUUID(), type: 'NeedsIdentified', schemaVersion: 1,
    data: { needId: randomUUID(), area: 'communication_and_interaction', description: 'Needs support with speech' },
    metadata: { actor: { id: 'user-1', displayName: 'Sam SENCo', role: 'senco', organisation: 'Oak Primary' }, occurredAt: '2025-01-15T10:30:00.000Z', correlationId: 'c', causationId: 'c' },
  };
}

async function someEntries(): Promise<LedgerEntry[]> {
  const events = createMemoryStore(() => new Date('2025-03-03T09:00:00.000Z'));
  for (let i = 0; i < 6; i++) await events.append(`child-${i % 2}`, [someEvent()], ANY);
  return events.readAll(1, 10);
}
