import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAuditTrail } from '../../projections/audit-trail.js';
import { eraseChildRecord, type ErasureOptions } from '../../src/application/erase-child-record.js';
import { recordChildEntry } from '../../src/application/record-child-entry.js';
import { foldChildRecord, toChildEvent } from '../../src/domain/child-record/decider.js';
import { childStreamId } from '../../src/domain/child-record/events.js';
import { retentionRule } from '../../src/domain/child-record/rules/retention-rules.js';
import { NotFound, RuleViolation } from '../../src/domain/errors.js';
import { verifyLedger } from '../../src/integrity/verify-ledger.js';
import type { Actor } from '../../src/ledger/envelope.js';
import type { ChildKeyStore } from '../../src/privacy/child-key-store.js';
import { encryptingStore } from '../../src/privacy/encrypting-store.js';
import { openSqliteKeyStore } from '../../src/privacy/sqlite-key-store.js';
import type { EventStore } from '../../src/store/port.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite-store.js';
import { tempDir } from '../support/temp-dir.js';
import { manualClock, type ManualClock } from '../store/store-contract.js';

const laOfficer: Actor = { id: 'la-1', displayName: 'Casey Caseworker', role: 'la_officer', organisation: '202' };
const tribunal: Actor = { id: 'tribunal-1', displayName: 'Tribunal clerk', role: 'tribunal', organisation: 'HMCTS' };
const senco: Actor = { id: 'senco-1', displayName: 'Sam Senco', role: 'senco', organisation: '100001' };
const youngPerson: Actor = { id: randomUUID(), displayName: 'Alex', role: 'young_person', organisation: 'self' };

interface Ledger {
  clock: ManualClock;
  inner: SqliteEventStore;
  keys: ChildKeyStore;
  store: EventStore;
  ledgerFile: string;
  keysFile: string;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The real SQLite ledger and key file, with the clock at 1 June 2047: a child born on 1 May 2016 is 31. */
function openLedger(now = '2047-06-01T10:00:00.000Z'): Ledger {
  const dir = tempDir();
  const clock = manualClock(now);
  const ledgerFile = path.join(dir.path, 'ledger.sqlite');
  const keysFile = path.join(dir.path, 'keys.sqlite');
  const inner = openSqliteStore(ledgerFile, clock);
  const keys = openSqliteKeyStore(keysFile);
  cleanups.push(async () => {
    await inner.close();
    await keys.close();
    dir.remove();
  });
  return { clock, inner, keys, store: encryptingStore(inner, keys), ledgerFile, keysFile };
}

const bytesOf = (file: string) => Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
const options = () => ({ correlationId: randomUUID(), causationId: randomUUID() });
const erasure = (overrides: Partial<ErasureOptions> = {}): ErasureOptions => ({
  ...options(),
  reason: 'retention_period_ended',
  retentionYearsAfterBirth: 31,
  ...overrides,
});

/**
 * A child with a name and a need that appear nowhere else, so the files can be searched for them. Both were
 * recorded while the child was at school (a child is registered within the 0-25 age range), long before the
 * clock's 2047.
 */
async function childWith(ledger: Ledger, marker: string): Promise<string> {
  const childId = randomUUID();
  const deps = { store: ledger.store, clock: ledger.clock };
  await recordChildEntry(deps, childId, laOfficer, 'ChildRegistered', { childId, displayName: `Child ${marker}`, dateOfBirth: '2016-05-01', laCode: '202', settingUrn: '100001' }, { ...options(), occurredAt: '2021-09-06' });
  await recordChildEntry(deps, childId, senco, 'NeedsIdentified', { needId: randomUUID(), area: 'cognition_and_learning', rank: 'primary', description: `Reading ${marker}` }, { ...options(), occurredAt: '2022-01-10' });
  return childId;
}

async function refusal(promise: Promise<unknown>): Promise<RuleViolation> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(RuleViolation);
  return error as RuleViolation;
}

const foldOf = async (store: EventStore, childId: string) => foldChildRecord((await store.readStream(childStreamId(childId))).map(toChildEvent));

describe('eraseChildRecord', () => {
  it('records the erasure, destroys the key, and leaves a verifiable ledger with other children untouched', async () => {
    const ledger = openLedger();
    const deps = { store: ledger.store, clock: ledger.clock };
    const erased = await childWith(ledger, 'ZZQA-ERASED');
    const kept = await childWith(ledger, 'ZZQB-KEPT');
    const { key } = await ledger.keys.keyFor(erased);
    // The stored canonical bytes hold ciphertext: neither child's details are anywhere in the ledger file or its log.
    expect(bytesOf(ledger.ledgerFile).includes(Buffer.from('ZZQ'))).toBe(false);
    expect(bytesOf(ledger.keysFile).includes(key)).toBe(true);
    const keptBefore = await ledger.store.readStream(childStreamId(kept));

    const result = await eraseChildRecord(deps, ledger.keys, erased, laOfficer, erasure());

    expect(result.alreadyRecorded).toBe(false);
    expect(result.erasure).toMatchObject({ type: 'ChildRecordErased', streamRevision: 2, data: { reason: 'retention_period_ended', retentionRule: retentionRule(31) } });
    const entries = await ledger.store.readStream(childStreamId(erased));
    expect(entries.map((e) => [e.type, e.data])).toEqual([
      ['ChildRegistered', { $erased: true }],
      ['NeedsIdentified', { $erased: true }],
      ['ChildRecordErased', { reason: 'retention_period_ended', retentionRule: 'date of birth + 31 years', keyId: expect.any(String) }],
    ]);
    expect(entries[2]!.data.keyId).toBe((await ledger.inner.readStream(childStreamId(erased)))[0]!.data.keyId);
    expect(await ledger.keys.isDestroyed(erased)).toBe(true);
    expect(bytesOf(ledger.keysFile).includes(key)).toBe(false);
    expect(await verifyLedger(ledger.inner)).toMatchObject({ ok: true, checkedEvents: 5, checkedStreams: 2, firstFault: null });
    expect(await ledger.store.readStream(childStreamId(kept))).toEqual(keptBefore);
    expect(keptBefore[0]!.data.displayName).toBe('Child ZZQB-KEPT');
  });

  it('leaves child(id) answering with a record that says it was erased, and the audit trail readable', async () => {
    const ledger = openLedger();
    const childId = await childWith(ledger, 'ZZQC');
    await eraseChildRecord({ store: ledger.store, clock: ledger.clock }, ledger.keys, childId, laOfficer, erasure());

    const record = await foldOf(ledger.store, childId);
    const trail = buildAuditTrail(await ledger.store.readStream(childStreamId(childId)), 14);

    expect(record.erased).toMatchObject({ reason: 'retention_period_ended', actor: laOfficer, on: '2047-06-01T10:00:00.000Z' });
    expect(record.profile).toBeNull();
    expect(trail.map((e) => e.summary)).toEqual([
      "ChildRegistered entry: its content was erased with the child's record",
      "NeedsIdentified entry: its content was erased with the child's record",
      "Child's record erased at the end of its retention period (date of birth + 31 years)",
    ]);
  });

  it('lets nothing more be recorded about an erased child', async () => {
    const ledger = openLedger();
    const deps = { store: ledger.store, clock: ledger.clock };
    const childId = await childWith(ledger, 'ZZQD');
    await eraseChildRecord(deps, ledger.keys, childId, laOfficer, erasure());

    const refused = await refusal(
      recordChildEntry(deps, childId, laOfficer, 'NeedsIdentified', { needId: randomUUID(), area: 'sensory_and_physical', rank: 'secondary', description: 'Hearing' }, options()),
    );
    expect(refused.rule).toBe('record-erased');
    // For the school the erased child is simply not there any more.
    await expect(
      recordChildEntry(deps, childId, senco, 'NeedsIdentified', { needId: randomUUID(), area: 'sensory_and_physical', rank: 'secondary', description: 'Hearing' }, options()),
    ).rejects.toThrow(/child was not found/);
    const again = await refusal(recordChildEntry(deps, childId, laOfficer, 'ChildRegistered', { childId, displayName: 'Again', dateOfBirth: '2016-05-01', laCode: '202' }, options()));
    expect(again.rule).toBe('record-erased');
    expect(await ledger.store.readStream(childStreamId(childId))).toHaveLength(3);
  });

  it('is refused while a legal hold is open, keeping the key, and goes ahead once the hold is lifted', async () => {
    const ledger = openLedger();
    const deps = { store: ledger.store, clock: ledger.clock };
    const childId = await childWith(ledger, 'ZZQE');
    const holdId = randomUUID();
    // The tribunal reads and holds the record through the consent of the rights holder, by now the young person.
    await recordChildEntry(deps, childId, laOfficer, 'YoungPersonRecorded', { personId: youngPerson.id, displayName: 'Alex' }, options());
    await recordChildEntry(deps, childId, youngPerson, 'ConsentGranted', { grantId: randomUUID(), to: { organisation: 'HMCTS', role: 'tribunal' }, scope: ['record'], expiresOn: '2048-01-01', purpose: 'Appeal' }, options());
    await recordChildEntry(deps, childId, tribunal, 'LegalHoldPlaced', { holdId, reason: 'Appeal to the tribunal pending', placedBy: { name: 'Judge', role: 'Tribunal judge' } }, options());

    const refused = await refusal(eraseChildRecord(deps, ledger.keys, childId, laOfficer, erasure()));
    expect(refused.rule).toBe('legal-hold-open');
    expect(await ledger.keys.isDestroyed(childId)).toBe(false);
    expect((await ledger.store.readStream(childStreamId(childId)))[0]!.data.displayName).toBe('Child ZZQE');

    await recordChildEntry(deps, childId, laOfficer, 'LegalHoldLifted', { holdId, reason: 'Appeal decided' }, options());
    await eraseChildRecord(deps, ledger.keys, childId, laOfficer, erasure());

    const entries = await ledger.store.readStream(childStreamId(childId));
    expect(entries.map((e) => e.type)).toEqual(['ChildRegistered', 'NeedsIdentified', 'YoungPersonRecorded', 'ConsentGranted', 'LegalHoldPlaced', 'LegalHoldLifted', 'ChildRecordErased']);
    // The holds were stored in the clear: they still say who held the record and why.
    expect(entries[4]!.data).toMatchObject({ holdId, reason: 'Appeal to the tribunal pending' });
    expect(await ledger.keys.isDestroyed(childId)).toBe(true);
  });

  it('is refused before the retention date unless the reason is "other" and says why', async () => {
    const ledger = openLedger('2030-01-10T10:00:00.000Z');
    const deps = { store: ledger.store, clock: ledger.clock };
    const childId = await childWith(ledger, 'ZZQF');

    expect((await refusal(eraseChildRecord(deps, ledger.keys, childId, laOfficer, erasure()))).rule).toBe('retention-period-not-ended');
    expect((await refusal(eraseChildRecord(deps, ledger.keys, childId, laOfficer, erasure({ reason: 'other' })))).rule).toBe('erasure-reason-missing');
    expect(await ledger.keys.isDestroyed(childId)).toBe(false);

    const result = await eraseChildRecord(deps, ledger.keys, childId, laOfficer, erasure({ reason: 'other', detail: 'Record opened for the wrong child' }));

    expect(result.erasure.data).toMatchObject({ reason: 'other', detail: 'Record opened for the wrong child' });
    expect(await ledger.keys.isDestroyed(childId)).toBe(true);
  });

  it('only the child\'s LA may erase', async () => {
    const ledger = openLedger();
    const childId = await childWith(ledger, 'ZZQG');
    await expect(eraseChildRecord({ store: ledger.store, clock: ledger.clock }, ledger.keys, childId, senco, erasure())).rejects.toThrow(/local authority/);
    await expect(eraseChildRecord({ store: ledger.store, clock: ledger.clock }, ledger.keys, randomUUID(), laOfficer, erasure())).rejects.toBeInstanceOf(NotFound);
    expect(await ledger.keys.isDestroyed(childId)).toBe(false);
  });

  it('is idempotent: after a crash between recording and destroying, a re-run destroys the key and records nothing more', async () => {
    const ledger = openLedger();
    const deps = { store: ledger.store, clock: ledger.clock };
    const childId = await childWith(ledger, 'ZZQH');
    // The first half only, as a crash before the key's destruction would leave it.
    const { keyId } = await ledger.keys.keyFor(childId);
    await recordChildEntry(deps, childId, laOfficer, 'ChildRecordErased', { reason: 'retention_period_ended', retentionRule: retentionRule(31), keyId }, options());
    expect((await ledger.store.readStream(childStreamId(childId)))[0]!.data.displayName).toBe('Child ZZQH');

    const rerun = await eraseChildRecord(deps, ledger.keys, childId, laOfficer, erasure());
    const again = await eraseChildRecord(deps, ledger.keys, childId, laOfficer, erasure());

    expect(rerun.alreadyRecorded).toBe(true);
    expect(again.alreadyRecorded).toBe(true);
    expect(again.erasure.eventId).toBe(rerun.erasure.eventId);
    expect(await ledger.keys.isDestroyed(childId)).toBe(true);
    const entries = await ledger.store.readStream(childStreamId(childId));
    expect(entries.filter((e) => e.type === 'ChildRecordErased')).toHaveLength(1);
    expect(entries[0]!.data).toEqual({ $erased: true });
  });
});
