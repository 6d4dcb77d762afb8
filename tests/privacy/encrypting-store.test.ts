import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/integrity/verify-ledger.js';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import { chainHash } from '../../src/ledger/event-hash.js';
import type { EventBody } from '../../src/ledger/envelope.js';
import { KeyDestroyed, type ChildKeyStore } from '../../src/privacy/child-key-store.js';
import { encryptingStore } from '../../src/privacy/encrypting-store.js';
import { unsealedChildPayload } from '../../src/privacy/sealed-child-payloads.js';
import { openSqliteKeyStore } from '../../src/privacy/sqlite-key-store.js';
import { CorruptEntry } from '../../src/store/errors.js';
import { NO_STREAM, type EventStore } from '../../src/store/port.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite-store.js';
import { tempDir } from '../support/temp-dir.js';
import { proposed } from '../store/store-contract.js';
import { SqliteForger } from '../integrity/ledger-forgery.js';

const MARKER = 'Dyslexia screening ZZQX-PLAINTEXT';

interface Fixture {
  dir: string;
  file: string;
  inner: SqliteEventStore;
  keys: ChildKeyStore;
  store: EventStore;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function openFixture(): Fixture {
  const dir = tempDir();
  const file = path.join(dir.path, 'ledger.sqlite');
  const inner = openSqliteStore(file);
  const keys = openSqliteKeyStore(path.join(dir.path, 'keys.sqlite'));
  cleanups.push(async () => {
    await inner.close();
    await keys.close();
    dir.remove();
  });
  return { dir: dir.path, file, inner, keys, store: encryptingStore(inner, keys) };
}

/** Every byte SQLite may hold the data in: the main file and its write-ahead log. */
const fileBytes = (file: string) => Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));

const dropTriggers = (store: SqliteEventStore) =>
  store.database.exec('DROP TRIGGER ledger_events_no_update; DROP TRIGGER ledger_events_no_delete;');

describe('encrypting store', () => {
  it('stores a child entry\'s data as AES-256-GCM ciphertext: the plaintext is in no byte of the SQLite file', async () => {
    const { file, inner, store } = openFixture();
    const childId = randomUUID();
    const event = proposed({ data: { description: MARKER, hours: 2 } });

    const [appended] = (await store.append(`child-${childId}`, [event], NO_STREAM)).entries;

    expect(appended!.data).toEqual(event.data);
    expect((await store.readStream(`child-${childId}`))[0]!.data).toEqual(event.data);
    expect((await store.readAll(1, 10))[0]!.data).toEqual(event.data);
    const [stored] = await inner.readStream(`child-${childId}`);
    expect(stored!.data).toEqual({
      $enc: 'aes-256-gcm',
      keyId: expect.any(String),
      keyDerivation: 'hkdf-sha256/entry-key/1',
      keyCommitment: expect.stringMatching(/^[0-9a-f]{64}$/),
      iv: expect.any(String),
      ct: expect.any(String),
      tag: expect.any(String),
    });
    expect(Buffer.from(stored!.data.iv as string, 'base64')).toHaveLength(12);
    expect(stored!.canonical).not.toContain('ZZQX');
    expect(appended!.canonical).toBe(stored!.canonical);
    expect(appended!.hash).toBe(stored!.hash);

    expect(fileBytes(file).includes(Buffer.from('ZZQX'))).toBe(false);
    await inner.close();
    expect(fileBytes(file).includes(Buffer.from('ZZQX'))).toBe(false);
  });

  it('uses a fresh IV for every entry, so equal data gives different ciphertext', async () => {
    const { inner, store } = openFixture();
    await store.append('child-1', [proposed({ data: { same: MARKER } }), proposed({ data: { same: MARKER } })], NO_STREAM);

    const [a, b] = await inner.readStream('child-1');

    expect(a!.data.iv).not.toBe(b!.data.iv);
    expect(a!.data.ct).not.toBe(b!.data.ct);
    expect(a!.data.keyId).toBe(b!.data.keyId);
  });

  it('leaves other streams, and the entry types that must outlive erasure, in the clear', async () => {
    const { inner, store } = openFixture();
    await store.append('local-offer-202', [proposed({ data: { service: MARKER } })], NO_STREAM);
    await store.append('child-1', [proposed({ type: 'LegalHoldPlaced', data: { reason: MARKER } })], NO_STREAM);

    const stored = await inner.readAll(1, 10);

    expect(stored.map((e) => e.data)).toEqual([{ service: MARKER }, { reason: MARKER }]);
  });

  it('reads a child\'s entries as erased, type kept, once the key is destroyed; stored bytes and hashes do not change', async () => {
    const { inner, keys, store } = openFixture();
    await store.append('child-a', [proposed({ type: 'ChildRegistered', data: { name: MARKER } }), proposed({ type: 'LegalHoldLifted', data: { reason: 'Appeal decided' } })], NO_STREAM);
    await store.append('child-b', [proposed({ type: 'ChildRegistered', data: { name: 'Other child' } })], NO_STREAM);
    const before = await inner.readAll(1, 10);

    await keys.destroy('a');

    const after = await store.readStream('child-a');
    expect(after.map((e) => [e.type, e.data])).toEqual([
      ['ChildRegistered', { $erased: true }],
      ['LegalHoldLifted', { reason: 'Appeal decided' }],
    ]);
    expect(after.map((e) => [e.canonical, e.hash, e.previousHash])).toEqual(before.slice(0, 2).map((e) => [e.canonical, e.hash, e.previousHash]));
    expect((await store.readStream('child-b'))[0]!.data).toEqual({ name: 'Other child' });
    expect(await inner.readAll(1, 10)).toEqual(before);
    expect(await verifyLedger(inner)).toMatchObject({ ok: true, checkedEvents: 3, checkedStreams: 2, firstFault: null });
    await expect(store.append('child-a', [proposed()], 1)).rejects.toBeInstanceOf(KeyDestroyed);
  });

  it('detects a changed ciphertext twice: GCM fails the read, and verifyLedger finds the hash mismatch', async () => {
    const { inner, store } = openFixture();
    await store.append('child-a', [proposed({ data: { description: MARKER } })], NO_STREAM);
    const { entries } = await store.append('child-a', [proposed({ data: { description: 'Second entry' } })], 0);
    const target = (await inner.readAll(2, 1))[0]!;
    const ct = Buffer.from(target.data.ct as string, 'base64');
    ct[0] = ct[0]! ^ 0x01;
    const forged = target.canonical.replace(target.data.ct as string, ct.toString('base64'));
    dropTriggers(inner);
    inner.database.prepare('UPDATE ledger_events SET body = ? WHERE global_position = 2').run(forged);

    await expect(store.readStream('child-a')).rejects.toBeInstanceOf(CorruptEntry);
    await expect(store.readAll(2, 1)).rejects.toThrow(/global position 2 .*fails authentication/);
    const verification = await verifyLedger(inner);
    expect(verification.ok).toBe(false);
    expect(verification.firstFault).toMatchObject({ globalPosition: 2, eventId: entries[0]!.eventId, problem: expect.stringMatching(/do not match its hash/) });
  });

  it('refuses a ciphertext moved to another entry, even re-hashed: the event and stream ids are authenticated', async () => {
    const { inner, store } = openFixture();
    await store.append('child-a', [proposed({ data: { description: MARKER } }), proposed({ data: { description: 'Decoy' } })], NO_STREAM);
    const [first, second] = await inner.readStream('child-a');
    const body = JSON.parse(second!.canonical) as EventBody;
    const moved = canonicalJson({ ...body, data: first!.data });
    dropTriggers(inner);
    inner.database.prepare('UPDATE ledger_events SET body = ?, hash = ? WHERE global_position = 2').run(moved, chainHash(second!.previousHash, moved));
    inner.database.prepare('UPDATE ledger_streams SET hash = ? WHERE stream_id = ?').run(chainHash(second!.previousHash, moved), 'child-a');

    await expect(store.readStream('child-a')).rejects.toBeInstanceOf(CorruptEntry);
  });

  it('hands subscribers the plain data, and reports to onError an entry that fails authentication', async () => {
    const { inner, store } = openFixture();
    const { entries } = await store.append('child-a', [proposed({ data: { description: MARKER } })], NO_STREAM);
    const received: unknown[] = [];
    const clean = store.subscribe({ fromPosition: 1, onEntries: (batch) => void received.push(...batch.map((e) => e.data)) });
    try {
      await expect.poll(() => received).toEqual([entries[0]!.data]);
    } finally {
      await clean.stop();
    }

    dropTriggers(inner);
    inner.database.prepare("UPDATE ledger_events SET body = replace(body, '\"tag\":\"', '\"tag\":\"AA') WHERE global_position = 1").run();
    const errors: unknown[] = [];
    const tampered = store.subscribe({ fromPosition: 1, onEntries: () => {}, onError: (error) => errors.push(error) });
    await expect.poll(() => errors).toEqual([expect.any(CorruptEntry)]);
    await tampered.stop();
  });

  it('refuses an unencrypted payload on a child stream, chained and filed as a forger would, and verification names it', async () => {
    const { file, inner, store } = openFixture();
    await store.append('child-a', [proposed({ data: { description: MARKER } })], NO_STREAM);
    await store.append('child-a', [proposed({ type: 'LegalHoldPlaced', data: { reason: 'Appeal pending' } })], 0);
    const forger = new SqliteForger(file);
    const forged = forger.forgeNext('child-a', { type: 'NeedsIdentified', data: { description: 'Written without the key' }, globalPosition: 3, moveHead: true });
    forger.close();

    await expect(store.readStream('child-a')).rejects.toThrow(/global position 3 .*event .*cannot be read: its data is not encrypted/);
    await expect(store.readStream('child-a', { toRevision: 1 })).resolves.toHaveLength(2);
    const verification = await verifyLedger(store);
    expect(verification.firstFault).toMatchObject({ globalPosition: 3, eventId: forged.eventId, streamId: 'child-a', problem: expect.stringMatching(/not encrypted/) });
    // The store read raw has no key to judge by: the rule is given to it (as backups and restores are checked).
    expect((await verifyLedger(inner)).ok).toBe(true);
    expect((await verifyLedger(inner, { storedEntryRule: unsealedChildPayload })).firstFault).toMatchObject({ eventId: forged.eventId });
  });

  it('refuses a payload sealed under a key this ledger does not hold when the child was never erased, rather than read it as erased', async () => {
    const { inner, store } = openFixture();
    await store.append('child-a', [proposed({ data: { description: MARKER } })], NO_STREAM);
    const [stored] = await inner.readAll(1, 1);
    const body = JSON.parse(stored!.canonical) as EventBody;
    const rekeyed = canonicalJson({ ...body, data: { ...body.data, keyId: randomUUID() } });
    dropTriggers(inner);
    inner.database.prepare('UPDATE ledger_events SET body = ?, hash = ? WHERE global_position = 1').run(rekeyed, chainHash(stored!.previousHash, rekeyed));
    inner.database.prepare('UPDATE ledger_streams SET hash = ? WHERE stream_id = ?').run(chainHash(stored!.previousHash, rekeyed), 'child-a');

    await expect(store.readStream('child-a')).rejects.toThrow(/sealed under a key this ledger does not hold, though the child's record was never erased/);
  });
});
