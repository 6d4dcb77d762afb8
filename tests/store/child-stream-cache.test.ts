import { describe, expect, it } from 'vitest';
import { foldedRecordOf } from '../../src/application/record-views.js';
import { loadDemo } from '../../src/demo/load-demo.js';
import { createSimulatedClock } from '../../src/demo/simulated-clock.js';
import { foldChildRecord, toChildEvent } from '../../src/domain/child-record/decider.js';
import type { ProposedEvent } from '../../src/ledger/envelope.js';
import { newEventId } from '../../src/ledger/event-id.js';
import { memoryKeyStore } from '../../src/privacy/child-key-store.js';
import { encryptingStore } from '../../src/privacy/encrypting-store.js';
import { cachingChildStreams } from '../../src/store/child-stream-cache.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { EventStore, StreamRange } from '../../src/store/port.js';

const CHILD = 'child-5b0c6f0e-8d0a-4a53-9d7e-0c8c1a4f2b11';

const note = (type: string, data: Record<string, unknown> = { words: 'x'.repeat(200) }): ProposedEvent => ({
  eventId: newEventId(),
  type,
  schemaVersion: 1,
  data: data as never,
  metadata: { actor: { id: 'u1', displayName: 'Officer', role: 'la_officer', organisation: '202' }, occurredAt: '2025-01-01T00:00:00.000Z', correlationId: 'c', causationId: 'c' },
});

/** The store underneath, counting what is read from it. */
function counted(inner: EventStore) {
  const reads: Array<StreamRange | undefined> = [];
  const store: EventStore = { ...inner, readStream: (id, range) => (reads.push(range), inner.readStream(id, range)) };
  return { store, reads };
}

describe('the cache of children\'s records', () => {
  it('answers a record that has not grown from memory, and reads only the new entries of one that has, even when another process wrote them', async () => {
    const keys = memoryKeyStore();
    const { store: inner, reads } = counted(encryptingStore(createMemoryStore(), keys));
    const cache = cachingChildStreams(inner, { maxBytes: 10_000_000 });
    await cache.append(CHILD, [note('Noted'), note('Noted')], 'no_stream');

    const first = await cache.readStream(CHILD);
    const again = await cache.readStream(CHILD);
    expect(again).toBe(first);
    expect(reads).toEqual([]); // the append itself filled the cache

    // Another process appends straight to the store: the next read sees it, reading from revision 2 only.
    await inner.append(CHILD, [note('Noted')], 1);
    const grown = await cache.readStream(CHILD);
    expect(grown.map((e) => e.streamRevision)).toEqual([0, 1, 2]);
    expect(reads).toEqual([{ fromRevision: 2 }]);
    expect(grown.slice(0, 2)).toEqual(first);
    expect((await cache.readStream(CHILD, { fromRevision: 1, toRevision: 1 })).map((e) => e.streamRevision)).toEqual([1]);
    expect(cache.figures).toMatchObject({ streams: 1, entries: 3, hits: 3, extensions: 1 });
  });

  it('hands out frozen entries, so one request cannot change what the next reads', async () => {
    const cache = cachingChildStreams(encryptingStore(createMemoryStore(), memoryKeyStore()), { maxBytes: 10_000_000 });
    await cache.append(CHILD, [note('Noted')], 'no_stream');
    const [entry] = await cache.readStream(CHILD);
    expect(() => {
      (entry!.data as Record<string, unknown>)['words'] = 'changed';
    }).toThrow(TypeError);
    expect((await cache.readStream(CHILD))[0]!.data).toEqual({ words: 'x'.repeat(200) });
  });

  it('never keeps an erased record: after the erasure entry and the key destruction (by any process) the entries read as erased', async () => {
    const keys = memoryKeyStore();
    const inner = encryptingStore(createMemoryStore(), keys);
    const cache = cachingChildStreams(inner, { maxBytes: 10_000_000 });
    await cache.append(CHILD, [note('Noted')], 'no_stream');
    expect((await cache.readStream(CHILD))[0]!.data).toEqual({ words: 'x'.repeat(200) });

    await inner.append(CHILD, [note('ChildRecordErased', { reason: 'other' })], 0);
    await keys.destroy(CHILD.slice('child-'.length));
    const after = await cache.readStream(CHILD);
    expect(after[0]!.data).toEqual({ $erased: true });
    expect(cache.figures.streams).toBe(0);
  });

  it('stays within its memory, dropping the least recently read record first', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'].map((c) => `child-${c}0000000-0000-4000-8000-000000000000`);
    const probe = cachingChildStreams(encryptingStore(createMemoryStore(), memoryKeyStore()), { maxBytes: 10_000_000 });
    await probe.append(ids[0]!, [note('Noted'), note('Noted')], 'no_stream');
    const room = Math.round(probe.figures.bytes * 4.5); // four records and a half

    const cache = cachingChildStreams(encryptingStore(createMemoryStore(), memoryKeyStore()), { maxBytes: room });
    for (const id of ids) await cache.append(id, [note('Noted'), note('Noted')], 'no_stream');
    expect(cache.figures.bytes).toBeLessThanOrEqual(room);
    expect(cache.figures.streams).toBe(4);
    // The two written first went first; reading one of them brings it back in place of the next oldest.
    await cache.readStream(ids[0]!);
    expect(cache.figures.misses).toBe(1);
    await cache.readStream(ids[5]!);
    expect(cache.figures.hits).toBe(1);
    expect(cache.figures.streams).toBeLessThan(ids.length);
    expect(cache.figures.streams).toBeGreaterThan(0);
    // Every record still reads in full, cached or not.
    for (const id of ids) expect(await cache.readStream(id)).toHaveLength(2);
  });

  it('folds a record that grew from where it stood, to exactly the record a fold from the first entry gives (the demo, written through the cache)', async () => {
    const clock = createSimulatedClock();
    const keys = memoryKeyStore();
    const encrypted = encryptingStore(createMemoryStore(clock.now), keys);
    const cache = cachingChildStreams(encrypted, { maxBytes: 100_000_000 });
    const demo = await loadDemo(cache, clock);
    for (const { childId } of demo.children) {
      const entries = await cache.readStream(`child-${childId}`);
      const fresh = await encrypted.readStream(`child-${childId}`);
      expect(foldedRecordOf(entries)).toEqual(foldChildRecord(fresh.map(toChildEvent)));
    }
  });
});
