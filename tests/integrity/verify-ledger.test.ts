import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EMPTY_ROOT_HEX } from '../../src/integrity/merkle/index.js';
import { ephemeralSigningKey } from '../../src/integrity/signing-key.js';
import { TREE_HEAD_STREAM, publishTreeHead } from '../../src/integrity/tree-heads.js';
import { verifyLedger } from '../../src/integrity/verify-ledger.js';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import { position, type JsonObject, type LedgerEntry, type ProposedEvent } from '../../src/ledger/envelope.js';
import { chainHash } from '../../src/ledger/event-hash.js';
import { CorruptEntry } from '../../src/store/errors.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { ANY, type EventStore, type StreamHead } from '../../src/store/port.js';

function event(data: JsonObject = { note: 'recorded' }): ProposedEvent {
  return {
    eventId: randomUUID(),
    type: 'NoteRecorded',
    schemaVersion: 1,
    data,
    metadata: {
      actor: { id: 'user-1', displayName: 'Sam SENCo', role: 'senco', organisation: 'Oak Primary' },
      occurredAt: '2025-01-15T10:30:00.000Z',
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  };
}

interface Ledger {
  store: EventStore;
  /** All entries in global order (index 0 is global position 1), as the store returned them. */
  entries: LedgerEntry[];
}

/**
 * Appends one event per stream name, in the given global order: ['a', 'b', 'a'] gives a#0, b#0, a#1.
 */
async function ledger(order: string[]): Promise<Ledger> {
  const store = createMemoryStore(() => new Date('2025-02-01T09:00:00.000Z'));
  for (const [i, stream] of order.entries()) await store.append(stream, [event({ note: `entry ${i + 1}` })], ANY);
  return { store, entries: structuredClone(await store.readAll(1, order.length)) };
}

// 8 entries, 3 streams:   1 a#0 | 2 b#0 | 3 a#1 | 4 c#0 | 5 b#1 | 6 a#2 | 7 b#2 | 8 c#1
const ORDER = ['a', 'b', 'a', 'c', 'b', 'a', 'b', 'c'];

/**
 * A store whose log is the given list (already tampered with by the test), paged like a store that keeps no
 * tables of its own to count (as EventStoreDB): entries from `fromPosition` inclusive, at most `limit`, skipping
 * positions that are missing. Stream heads come from the original store unless overridden. Records every readAll call.
 */
function storeServing(
  original: EventStore,
  log: LedgerEntry[],
  options: { heads?: Record<string, StreamHead | null>; corruptAt?: number } = {},
): EventStore & { reads: Array<[number, number]> } {
  const reads: Array<[number, number]> = [];
  return {
    async readStream(streamId, range = {}) {
      const [from, to] = [range.fromRevision ?? 0, range.toRevision ?? Number.MAX_SAFE_INTEGER];
      return structuredClone(log.filter((e) => e.streamId === streamId && e.streamRevision >= from && e.streamRevision <= to));
    },
    append: (streamId, events, expected) => original.append(streamId, events, expected),
    async streamHeads() {
      const heads = await original.streamHeads();
      return heads.flatMap((head) => {
        if (!options.heads || !(head.streamId in options.heads)) return [head];
        const replaced = options.heads[head.streamId];
        return replaced ? [{ streamId: head.streamId, ...replaced }] : [];
      });
    },
    headPosition: () => original.headPosition(),
    subscribe: (subscription) => original.subscribe(subscription),
    close: () => original.close(),
    reads,
    async readAll(fromPosition: number, limit: number) {
      reads.push([fromPosition, limit]);
      const page = log.filter((e) => e.globalPosition >= fromPosition).slice(0, limit);
      // Like the SQLite adapter: an undecodable row fails the whole read that reaches it.
      if (options.corruptAt !== undefined && page.some((e) => e.globalPosition === options.corruptAt)) {
        throw new CorruptEntry(options.corruptAt, 'its stored bytes are not JSON');
      }
      return structuredClone(page);
    },
    async streamHead(streamId: string) {
      if (options.heads && streamId in options.heads) return options.heads[streamId] ?? null;
      return original.streamHead(streamId);
    },
  };
}

/** Rewrite an entry's data and recompute its own hash, as a forger who knows the scheme would. */
function reseal(entry: LedgerEntry, data: JsonObject): LedgerEntry {
  const { eventId, streamId, streamRevision, type, schemaVersion, metadata } = entry;
  const canonical = canonicalJson({ eventId, streamId, streamRevision, type, schemaVersion, data, metadata });
  return { ...entry, data, canonical, hash: chainHash(entry.previousHash, canonical) };
}

const at = (entries: LedgerEntry[], position: number) => entries[position - 1]!;

describe('verifyLedger', () => {
  it('verifies an empty ledger', async () => {
    expect(await verifyLedger(createMemoryStore())).toEqual({
      ok: true,
      checkedEvents: 0,
      checkedStreams: 0,
      checkedTreeHeads: 0,
      treeHeadSignaturesChecked: false,
      treeSize: 0,
      rootHash: EMPTY_ROOT_HEX,
      firstFault: null,
    });
  });

  it('verifies a clean ledger with the right counts', async () => {
    const { store } = await ledger(ORDER);
    await store.append('d', [event(), event(), event()], ANY);

    expect(await verifyLedger(store)).toMatchObject({ ok: true, checkedEvents: 11, checkedStreams: 4, firstFault: null });
  });

  it.each([1, 2, 3, 4, 7, 8, 9])('verifies a clean ledger of 8 entries with batch size %i', async (batchSize) => {
    const { store } = await ledger(ORDER);

    expect(await verifyLedger(store, { batchSize })).toMatchObject({ ok: true, checkedEvents: 8, checkedStreams: 3, firstFault: null });
  });

  it('reads in pages of at most batchSize and sees every position exactly once', async () => {
    const { store, entries } = await ledger(ORDER);
    for (const batchSize of [2, 3]) {
      const served = storeServing(store, entries);
      const seen: number[] = [];
      const readAll = served.readAll.bind(served);
      served.readAll = async (from, limit) => {
        const page = await readAll(from, limit);
        seen.push(...page.map((e) => e.globalPosition));
        return page;
      };

      const verification = await verifyLedger(served, { batchSize });

      expect(verification.ok).toBe(true);
      expect(served.reads.every(([, limit]) => limit <= batchSize)).toBe(true);
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
  });

  it('detects an edited entry in a later batch and names it', async () => {
    const { store, entries } = await ledger(ORDER);
    const log = structuredClone(entries);
    const target = at(log, 7); // b#2
    target.canonical = target.canonical.replace('entry 7', 'entry 0');
    target.data = { note: 'entry 0' };

    const verification = await verifyLedger(storeServing(store, log), { batchSize: 3 });

    expect(verification.ok).toBe(false);
    expect(verification.firstFault).toEqual({
      globalPosition: 7,
      eventId: target.eventId,
      streamId: 'b',
      streamRevision: 2,
      problem: expect.stringMatching(/do not match its hash/),
    });
    expect(verification.checkedEvents).toBe(6);
    expect(verification.checkedStreams).toBe(3);
  });

  it('carries each stream chain across batches: a re-sealed entry is caught at its successor in the next batch', async () => {
    const { store, entries } = await ledger(ORDER);
    const log = structuredClone(entries);
    // a#1 at position 3 ends the second batch of 2 (positions 3, 4); a#2 is at position 6, in the third batch.
    log[2] = reseal(at(log, 3), { note: 'a forged note' });

    const verification = await verifyLedger(storeServing(store, log), { batchSize: 2 });

    expect(verification.firstFault).toEqual({
      globalPosition: 6,
      eventId: at(entries, 6).eventId,
      streamId: 'a',
      streamRevision: 2,
      problem: expect.stringMatching(/previous hash does not match the hash of revision 1/),
    });
    expect(verification.checkedEvents).toBe(5);
  });

  it('detects an entry deleted at a batch boundary as the position missing from the log', async () => {
    const { store, entries } = await ledger(ORDER);
    const log = entries.filter((e) => e.globalPosition !== 5); // b#1, first of the third batch of 2

    const verification = await verifyLedger(storeServing(store, log), { batchSize: 2 });

    expect(verification.firstFault).toEqual({
      globalPosition: 5,
      eventId: null,
      streamId: null,
      streamRevision: null,
      problem: expect.stringMatching(/nothing is stored at this position, yet the log goes on at position 6/),
    });
    expect(verification.checkedEvents).toBe(4);
  });

  it('detects a deleted last entry of a stream as a truncated stream', async () => {
    const { store, entries } = await ledger(ORDER);
    const log = entries.filter((e) => e.globalPosition !== 8); // c#1

    const verification = await verifyLedger(storeServing(store, log), { batchSize: 3 });

    expect(verification.ok).toBe(false);
    expect(verification.firstFault).toEqual({
      globalPosition: 4,
      eventId: null,
      streamId: 'c',
      streamRevision: 0,
      problem: expect.stringMatching(/stream head records revision 1/),
    });
    expect(verification.checkedEvents).toBe(7);
  });

  it('detects a stream head that no longer matches the log', async () => {
    const { store, entries } = await ledger(ORDER);

    const missing = await verifyLedger(storeServing(store, entries, { heads: { b: null } }), { batchSize: 3 });
    expect(missing.firstFault).toMatchObject({ streamId: 'b', streamRevision: 2, problem: expect.stringMatching(/no stream/) });

    const wrongHash = await verifyLedger(storeServing(store, entries, { heads: { a: { revision: at(entries, 6).streamRevision, hash: at(entries, 3).hash } } }));
    expect(wrongHash.firstFault).toMatchObject({ streamId: 'a', streamRevision: 2 });
  });

  it('detects a re-sealed last entry of a stream through the stream head', async () => {
    const { store, entries } = await ledger(ORDER);
    const log = structuredClone(entries);
    log[7] = reseal(at(log, 8), { note: 'forged' }); // c#1, the last entry of c

    const verification = await verifyLedger(storeServing(store, log), { batchSize: 3 });

    expect(verification.firstFault).toMatchObject({ streamId: 'c', streamRevision: 1, eventId: null, globalPosition: 8 });
  });

  it('detects two entries of one stream swapped in global order', async () => {
    const { store, entries } = await ledger(ORDER);
    const log = structuredClone(entries);
    const [third, sixth] = [at(log, 3), at(log, 6)]; // a#1 and a#2
    log[2] = { ...sixth, globalPosition: third.globalPosition };
    log[5] = { ...third, globalPosition: sixth.globalPosition };

    const verification = await verifyLedger(storeServing(store, log), { batchSize: 2 });

    expect(verification.firstFault).toMatchObject({
      globalPosition: 3,
      eventId: sixth.eventId,
      streamRevision: 2,
      problem: expect.stringMatching(/revision 2 found where revision 1 was expected/),
    });
  });

  it('detects an inserted copy of an entry', async () => {
    const { store, entries } = await ledger(ORDER);
    const log = structuredClone(entries);
    // A replayed copy of a#1 slipped in after it; the entries after it move up one position.
    log.splice(3, 0, structuredClone(at(log, 3)));
    log.forEach((entry, i) => {
      entry.globalPosition = (i + 1) as LedgerEntry['globalPosition'];
    });

    const verification = await verifyLedger(storeServing(store, log), { batchSize: 3 });

    expect(verification.firstFault).toMatchObject({
      globalPosition: 4,
      eventId: at(entries, 3).eventId,
      streamId: 'a',
      streamRevision: 1,
      problem: expect.stringMatching(/revision 1 found where revision 2 was expected/),
    });
    expect(verification.checkedEvents).toBe(3);
  });

  it('judges the stored bytes: decoded data may differ (a decrypting reader), but bytes naming another entry are caught', async () => {
    const { store, entries } = await ledger(ORDER);
    const decrypted = structuredClone(entries);
    at(decrypted, 4).data = { note: 'what a decrypting reader returns' }; // canonical and hash left intact
    expect((await verifyLedger(storeServing(store, decrypted), { batchSize: 2 })).ok).toBe(true);

    const misfiled = structuredClone(entries);
    at(misfiled, 4).eventId = at(misfiled, 5).eventId; // the bytes still name the original entry
    const verification = await verifyLedger(storeServing(store, misfiled), { batchSize: 2 });
    expect(verification.firstFault).toMatchObject({ globalPosition: 4, streamId: 'c', problem: expect.stringMatching(/name another entry/) });
  });

  it('detects stored bytes that hash correctly but are not canonical', async () => {
    const { store, entries } = await ledger(ORDER);
    const log = structuredClone(entries);
    const last = at(log, 8);
    const { eventId, streamId, streamRevision, type, schemaVersion, data, metadata } = last;
    const pretty = JSON.stringify({ eventId, streamId, streamRevision, type, schemaVersion, data, metadata }, null, 2);
    last.canonical = pretty;
    last.hash = chainHash(last.previousHash, pretty);

    const verification = await verifyLedger(storeServing(store, log, { heads: { c: { revision: last.streamRevision, hash: last.hash } } }), { batchSize: 3 });

    expect(verification.firstFault).toMatchObject({ globalPosition: 8, problem: expect.stringMatching(/not in canonical form/) });
  });

  it('checks the entries before an undecodable one, then reports it', async () => {
    const { store, entries } = await ledger(ORDER);

    const verification = await verifyLedger(storeServing(store, entries, { corruptAt: 5 }), { batchSize: 3 });

    expect(verification).toMatchObject({
      ok: false,
      checkedEvents: 4,
      checkedStreams: 3,
      firstFault: {
        globalPosition: 5,
        eventId: null,
        streamId: null,
        streamRevision: null,
        problem: 'its stored bytes are not JSON',
      },
    });
  });

  it('blames an earlier bad entry before an undecodable one in the same batch', async () => {
    const { store, entries } = await ledger(ORDER);
    const log = structuredClone(entries);
    at(log, 4).canonical = at(log, 4).canonical.replace('entry 4', 'entry 9');

    const verification = await verifyLedger(storeServing(store, log, { corruptAt: 6 }), { batchSize: 3 });

    expect(verification.firstFault).toMatchObject({ globalPosition: 4, eventId: at(entries, 4).eventId });
  });

  it('reports an undecodable first entry of a batch', async () => {
    const { store, entries } = await ledger(ORDER);

    const verification = await verifyLedger(storeServing(store, entries, { corruptAt: 4 }), { batchSize: 3 });

    expect(verification.firstFault).toMatchObject({ globalPosition: 4, eventId: null });
    expect(verification.checkedEvents).toBe(3);
  });

  it('lets other read errors propagate', async () => {
    const { store } = await ledger(ORDER);
    const failing: EventStore = {
      ...store,
      readAll: async () => {
        throw new Error('disk I/O error');
      },
    };

    await expect(verifyLedger(failing)).rejects.toThrow('disk I/O error');
  });
});

describe('verifyLedger against the signed tree heads the ledger keeps', () => {
  const clock = () => new Date('2025-02-01T10:00:00.000Z');

  /** 1 a#0 | 2 b#0 | 3 head of 2 | 4 a#1 | 5 b#1 | 6 head of 5 | 7 c#0 */
  async function withHeads(key = ephemeralSigningKey()) {
    const { store } = await ledger(['a', 'b']);
    await publishTreeHead(store, key, clock);
    await store.append('a', [event()], ANY);
    await store.append('b', [event()], ANY);
    await publishTreeHead(store, key, clock);
    await store.append('c', [event()], ANY);
    return { store, key, entries: await store.readAll(1, 100) };
  }

  it('checks every head: its signature under the given key, and the root of the log at its size', async () => {
    const { store, key } = await withHeads();

    expect(await verifyLedger(store, { treeHeadKey: key.publicKeyPem })).toMatchObject({ ok: true, checkedTreeHeads: 2, treeHeadSignaturesChecked: true, checkedEvents: 7 });
    expect(await verifyLedger(store)).toMatchObject({ ok: true, checkedTreeHeads: 2, treeHeadSignaturesChecked: false });
  });

  it('places a swap of entries of different streams between the last head that matches and the first that does not', async () => {
    const { store, key, entries } = await withHeads();
    const log = structuredClone(entries);
    // a#1 (4) and b#1 (5) change places: each stream's chain is intact, only the heads see it.
    log[3] = { ...entries[4]!, globalPosition: position(4) };
    log[4] = { ...entries[3]!, globalPosition: position(5) };

    const verification = await verifyLedger(storeServing(store, log), { treeHeadKey: key.publicKeyPem, batchSize: 3 });

    expect(verification.firstFault).toEqual({
      globalPosition: 3,
      lastGlobalPosition: 5,
      eventId: null,
      streamId: null,
      streamRevision: null,
      problem: expect.stringMatching(/the first 5 entries of the log do not hash to the root .* while the first 2 still hash/),
    });
    expect(verification.checkedTreeHeads).toBe(2);
  });

  it('names a head signed by another key, and one whose signature does not verify', async () => {
    const { store, entries } = await withHeads();
    const other = ephemeralSigningKey();
    expect((await verifyLedger(store, { treeHeadKey: other.publicKeyPem })).firstFault).toMatchObject({
      globalPosition: 3,
      streamId: TREE_HEAD_STREAM,
      problem: expect.stringMatching(new RegExp(`names signing key [0-9a-f]{64}, not this ledger's tree head key ${other.keyId}`)),
    });

    const { store: forgedHeads, key } = await withHeads();
    const log = structuredClone(await forgedHeads.readAll(1, 100));
    const head = log[5]!; // the head of size 5, re-sealed with another root
    const forged = reseal(head, { ...head.data, rootHash: 'ab'.repeat(32) });
    log[5] = forged;
    const verification = await verifyLedger(storeServing(forgedHeads, log, { heads: { [TREE_HEAD_STREAM]: { revision: forged.streamRevision, hash: forged.hash } } }), {
      treeHeadKey: key.publicKeyPem,
    });
    expect(verification.firstFault).toMatchObject({ globalPosition: 6, problem: expect.stringMatching(/signature does not verify/) });
    expect(entries).toHaveLength(7);
  });
});
