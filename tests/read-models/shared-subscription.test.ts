import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryReadModels } from '../../src/read-models/memory-read-models.js';
import { startProjections } from '../../src/read-models/projector.js';
import type { DocumentProjection, ReadModelStore } from '../../src/read-models/read-model-store.js';
import { sqliteReadModels } from '../../src/read-models/sqlite-read-models.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { ANY, type EventStore, type SubscribeOptions } from '../../src/store/port.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { tempDir } from '../support/temp-dir.js';

/** Records the position of every entry it folds: an entry folded twice, or one missed, shows. */
const foldLog = (name: string, version = 1, failAt?: number): DocumentProjection => ({
  name,
  version,
  apply(entry, documents) {
    if (entry.globalPosition === failAt) throw new Error(`${name} cannot fold ${failAt}`);
    const log = documents.get<{ positions: number[] }>('log', 'all') ?? { positions: [] };
    documents.put('log', 'all', { positions: [...log.positions, entry.globalPosition] });
  },
});
const folded = async (readModels: ReadModelStore, name: string) =>
  (await readModels.reader(name).get<{ positions: number[] }>('log', 'all'))?.positions ?? [];
const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

function someEvent() {
  return {
    eventId: randomUUID(), type: 'NeedsIdentified', schemaVersion: 1,
    data: { needId: randomUUID(), area: 'communication_and_interaction', description: 'Needs support with speech' },
    metadata: { actor: { id: 'user-1', displayName: 'Sam SENCo', role: 'senco', organisation: 'Oak Primary' }, occurredAt: '2025-01-15T10:30:00.000Z', correlationId: 'c', causationId: 'c' },
  };
}

/** Counts subscriptions and every entry handed out, however it is read. */
function watched(store: EventStore) {
  const seen = { subscriptions: [] as number[], entries: 0 };
  const spy: EventStore = Object.create(store);
  spy.subscribe = (options: SubscribeOptions) => {
    seen.subscriptions.push(options.fromPosition);
    return store.subscribe({ ...options, onEntries: (entries) => ((seen.entries += entries.length), options.onEntries(entries)) });
  };
  spy.readAll = async (from, limit) => {
    const entries = await store.readAll(from, limit);
    seen.entries += entries.length;
    return entries;
  };
  return { store: spy, seen };
}

const append = async (store: EventStore, count: number) => {
  for (let i = 0; i < count; i++) await store.append(`child-${i % 3}`, [someEvent()], ANY);
};

describe('every read model kept up to date from one subscription', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const clock = () => new Date('2025-03-03T09:00:00.000Z');
  const setups: Array<[string, () => { store: EventStore; readModels: ReadModelStore }]> = [
    ['memory', () => ({ store: createMemoryStore(clock), readModels: memoryReadModels() })],
    ['SQLite', () => {
      const store = openSqliteStore(join(dir.path, `${randomUUID()}.sqlite`), clock);
      return { store, readModels: sqliteReadModels(store.database) };
    }],
  ];

  for (const [label, open] of setups) {
    it(`(${label}) reads each entry once for all read models, each resuming from its own checkpoint`, async () => {
      const { store, readModels } = open();
      await append(store, 6);
      const [a, b, c] = [foldLog('a'), foldLog('b'), foldLog('c')];
      // a is at 6, b at 2, c was stored by an older version of its fold: dropped and refolded from the start.
      for (const projection of [a, b]) await readModels.reset(projection);
      await readModels.commit(a, await store.readAll(1, 6));
      await readModels.commit(b, await store.readAll(1, 2));
      await readModels.reset({ ...c, version: 0 });
      await readModels.commit({ ...c, version: 0 }, await store.readAll(1, 4));

      const watch = watched(store);
      const running = await startProjections(watch.store, readModels, [a, b, c], (error) => { throw error; });
      await append(store, 5);
      for (const projection of running) await projection.waitFor(11);
      expect(running.map((p) => [p.name, p.position, p.failed])).toEqual([['a', 11, false], ['b', 11, false], ['c', 11, false]]);
      expect(watch.seen.subscriptions).toEqual([1]);
      expect(watch.seen.entries).toBe(11);
      for (const projection of [a, b, c]) {
        expect(await folded(readModels, projection.name), projection.name).toEqual(upTo(11));
        expect(await readModels.checkpoint(projection.name)).toEqual({ version: 1, position: 11 });
      }
      for (const projection of running) await projection.stop();
      await store.close();
    });

    it(`(${label}) a read model whose fold fails stops alone; the others go on`, async () => {
      const { store, readModels } = open();
      const errors: string[] = [];
      const [a, broken] = [foldLog('a'), foldLog('broken', 1, 3)];
      const running = await startProjections(store, readModels, [a, broken], (_error, projection) => errors.push(projection));
      await append(store, 5);
      await running[0]!.waitFor(5);
      await expect(running[1]!.waitFor(5)).rejects.toThrow(/projection broken stopped/);
      expect(running.map((p) => [p.name, p.failed])).toEqual([['a', false], ['broken', true]]);
      expect(running[0]!.position).toBe(5);
      // It stopped before the batch holding entry 3, with what it folded before stored and nothing after.
      expect(running[1]!.position).toBeLessThan(3);
      expect(errors).toEqual(['broken']);
      expect(await folded(readModels, 'a')).toEqual(upTo(5));
      expect(await folded(readModels, 'broken')).toEqual(upTo(running[1]!.position));
      for (const projection of running) await projection.stop();
      await store.close();
    });

    it(`(${label}) refolds what another process's reset dropped, with no hole and nothing twice`, async () => {
      const { store, readModels } = open();
      const [a, b] = [foldLog('a'), foldLog('b')];
      const running = await startProjections(store, readModels, [a, b], (error) => { throw error; });
      await append(store, 4);
      await running[1]!.waitFor(4);
      // Another process rebuilds b and gets as far as entry 2 when this one sees entry 5.
      await readModels.reset(b);
      await readModels.commit(b, await store.readAll(1, 2));
      await append(store, 1);
      for (const projection of running) await projection.waitFor(5);
      expect(await folded(readModels, 'a')).toEqual(upTo(5));
      expect(await folded(readModels, 'b')).toEqual(upTo(5));
      for (const projection of running) await projection.stop();
      await store.close();
    });
  }
});
