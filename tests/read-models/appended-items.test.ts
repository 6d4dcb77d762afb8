import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVISIONS, childTag } from '../../projections/promise-register.js';
import { loadSyntheticLa } from '../../src/bench/synthetic-la.js';
import { createSimulatedClock } from '../../src/demo/simulated-clock.js';
import { appendedItems } from '../../src/read-models/appended-items.js';
import { frozenJson } from '../../src/read-models/frozen-json.js';
import { memoryReadModels } from '../../src/read-models/memory-read-models.js';
import { PROJECTIONS } from '../../src/read-models/projections.js';
import type { DocumentProjection } from '../../src/read-models/read-model-store.js';
import { rebuildProjections } from '../../src/read-models/rebuild.js';
import { sqliteReadModels } from '../../src/read-models/sqlite-read-models.js';
import { ANY } from '../../src/store/port.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite-store.js';
import { tempDir } from '../support/temp-dir.js';

describe('what a put adds to a stored document', () => {
  const stored = frozenJson({ id: 'line-1', events: [{ n: 1 }, { n: 2 }], ids: ['a'] });

  it('is the items added to the end of its arrays, when nothing else changed', () => {
    const grown = frozenJson({ ...stored, events: [...stored.events, { n: 3 }], ids: [...stored.ids, 'b', 'c'] });
    expect(appendedItems(stored, grown)).toEqual([
      { field: 'events', index: 2, value: { n: 3 } },
      { field: 'ids', index: 1, value: 'b' },
      { field: 'ids', index: 2, value: 'c' },
    ]);
    expect(appendedItems(stored, frozenJson({ ...stored }))).toEqual([]);
  });

  it('is nothing (write it whole) for a new document, a changed member, an item changed or removed, a member added', () => {
    expect(appendedItems(undefined, stored)).toBeUndefined();
    expect(appendedItems(stored, frozenJson({ ...stored, id: 'line-2' }))).toBeUndefined();
    expect(appendedItems(stored, frozenJson({ ...stored, events: [stored.events[0], { n: 2 }, { n: 3 }] }))).toBeUndefined();
    expect(appendedItems(stored, frozenJson({ ...stored, events: stored.events.slice(1) }))).toBeUndefined();
    expect(appendedItems(stored, frozenJson({ ...stored, more: [] }))).toBeUndefined();
    expect(appendedItems(stored, frozenJson({ id: 'line-1', events: stored.events }))).toBeUndefined();
    expect(appendedItems(stored, [stored])).toBeUndefined();
  });
});

/** A line whose history grows with every entry, and a note replaced whole at every tenth. */
const history: DocumentProjection = {
  name: 'history',
  version: 1,
  apply(entry, documents) {
    const line = documents.get<{ id: string; positions: number[]; note: string }>('line', 'one') ?? { id: 'one', positions: [], note: 'new' };
    const note = entry.globalPosition % 10 === 0 ? `rewritten at ${entry.globalPosition}` : line.note;
    documents.put('line', 'one', { ...line, positions: [...line.positions, entry.globalPosition], note }, [`tag:${entry.globalPosition % 2}`]);
    if (entry.globalPosition === 25) documents.delete('line', 'one');
  },
};

function someEvent() {
  return {
    eventId: randomUUID(), type: 'NeedsIdentified', schemaVersion: 1,
    data: { needId: randomUUID(), area: 'communication_and_interaction', description: 'Needs support with speech' },
    metadata: { actor: { id: 'user-1', displayName: 'Sam SENCo', role: 'senco', organisation: 'Oak Primary' }, occurredAt: '2025-01-15T10:30:00.000Z', correlationId: 'c', causationId: 'c' },
  };
}

describe('documents that grow with a history, on SQLite', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('write each entry as an item, not the whole document again, and read back as written whole', async () => {
    const store = openSqliteStore(join(dir.path, 'history.sqlite'), () => new Date('2025-03-03T09:00:00.000Z'));
    for (let i = 0; i < 30; i++) await store.append('child-a', [someEvent()], ANY);
    const entries = await store.readAll(1, 100);
    const readModels = sqliteReadModels(store.database);
    const memory = memoryReadModels();
    await readModels.reset(history);
    await memory.reset(history);
    const stored = () => store.database.prepare<[], { value: string }>("SELECT value FROM read_model_documents WHERE projection = 'history'").get()?.value;
    const items = () => store.database.prepare<[], { n: number }>("SELECT count(*) AS n FROM read_model_items WHERE projection = 'history'").get()!.n;
    const same = async () => {
      for (const tag of [undefined, 'tag:0', 'tag:1']) expect(await readModels.reader('history').list('line', tag)).toEqual(await memory.reader('history').list('line', tag));
      expect(await readModels.reader('history').get('line', 'one')).toEqual(await memory.reader('history').get('line', 'one'));
    };

    for (const entry of entries.slice(0, 3)) {
      await readModels.commit(history, [entry]);
      await memory.commit(history, [entry]);
    }
    // Written whole once, then one item per entry.
    expect(JSON.parse(stored()!)).toEqual({ id: 'one', positions: [1], note: 'new' });
    expect(items()).toBe(2);
    await same();

    for (const entry of entries.slice(3, 12)) {
      await readModels.commit(history, [entry]);
      await memory.commit(history, [entry]);
    }
    // Entry 10 changed the note: written whole with its items folded in, then items again.
    expect(JSON.parse(stored()!)).toEqual({ id: 'one', positions: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], note: 'rewritten at 10' });
    expect(items()).toBe(2);
    await same();

    // A fresh process (nothing remembered) reads the document back from its rows and goes on appending.
    const again = sqliteReadModels(store.database);
    await again.commit(history, entries.slice(12, 14));
    await memory.commit(history, entries.slice(12, 14));
    expect(items()).toBe(4);
    await same();

    // Deleted: its items go with it.
    await readModels.commit(history, entries.slice(14, 25));
    await memory.commit(history, entries.slice(14, 25));
    expect(stored()).toBeUndefined();
    expect(items()).toBe(0);
    await same();

    await readModels.commit(history, entries.slice(25));
    await memory.commit(history, entries.slice(25));
    await same();
    await readModels.reset(history);
    expect(items()).toBe(0);
    await store.close();
  });
});

describe('the promise register kept entry by entry on SQLite', () => {
  const dir = tempDir();
  let store: SqliteEventStore;
  let db: Database.Database;
  let erasedChild: string;

  beforeAll(async () => {
    const clock = createSimulatedClock();
    store = openSqliteStore(join(dir.path, 'ledger.sqlite'), clock.now);
    store.database.pragma('synchronous = OFF');
    await loadSyntheticLa(store, clock, { scale: 0.0008, seed: 7, showcase: false });
    const delivered = (await store.readAll(1, 1_000_000)).filter((e) => e.type === 'ProvisionDelivered');
    erasedChild = delivered.at(-1)!.streamId.slice('child-'.length);
    await store.append(`child-${erasedChild}`, [{
      eventId: randomUUID(), type: 'ChildRecordErased', schemaVersion: 1,
      data: { reason: 'other', detail: 'test', retentionRule: 'date of birth + 31 years', keyId: 'k' },
      metadata: { actor: { id: 'la-1', displayName: 'LA officer', role: 'la_officer', organisation: '202' }, occurredAt: clock.now().toISOString(), correlationId: 'c', causationId: 'c' },
    }], ANY);
    db = new Database(join(dir.path, 'read-models.sqlite'));
  }, 120_000);
  afterAll(async () => {
    db.close();
    await store.close();
    dir.remove();
  });

  it('appends deliveries as items, answers as rebuilt in one pass, and an erasure leaves no row of the child', async () => {
    const live = sqliteReadModels(db);
    for (const projection of PROJECTIONS) await live.reset(projection);
    // As the running server commits: a few entries at a time, every read model at once.
    const all = await store.readAll(1, 1_000_000);
    for (let i = 0; i < all.length; i += 3) await live.commitAll(PROJECTIONS, all.slice(i, i + 3));
    const items = db.prepare<[string], number>("SELECT count(*) AS n FROM read_model_items WHERE projection = 'promise-register' AND collection = ?").pluck();
    expect(items.get(PROVISIONS)).toBeGreaterThan(50);

    const rebuilt = memoryReadModels();
    await rebuildProjections(store, rebuilt, PROJECTIONS);
    const lines = await live.reader('promise-register').list(PROVISIONS);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines).toEqual(await rebuilt.reader('promise-register').list(PROVISIONS));
    expect(await live.reader('promise-register').list(PROVISIONS, childTag(erasedChild))).toEqual([]);

    // Its lines had items (deliveries), keyed by provision: none is left, nor the lines.
    const provisions = [...new Set(all.filter((e) => e.streamId === `child-${erasedChild}` && e.type === 'ProvisionDelivered').map((e) => (e.data as { provisionId: string }).provisionId))];
    expect(provisions.length).toBeGreaterThan(0);
    for (const table of ['read_model_documents', 'read_model_items', 'read_model_tags']) {
      for (const key of provisions) expect(db.prepare(`SELECT count(*) FROM ${table} WHERE key = ?`).pluck().get(key), table).toBe(0);
    }
    for (const table of ['read_model_documents', 'read_model_items', 'read_model_tags']) {
      const mentions = db.prepare(`SELECT count(*) FROM ${table} WHERE projection = 'promise-register' AND (key LIKE ? ${table === 'read_model_tags' ? 'OR tag LIKE ?' : 'OR value LIKE ?'})`).pluck();
      expect(mentions.get(`%${erasedChild}%`, `%${erasedChild}%`), table).toBe(0);
    }
  });
});
