import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../../src/privacy/child-key-store.js';
import { encryptingStore } from '../../src/privacy/encrypting-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { EventStore } from '../../src/store/port.js';
import { mutate, record, registerChild } from '../support/ledger-client.js';
import { TestClock, startTestApp, type TestApp } from '../support/test-app.js';

interface Identifier { scheme: string; value: string | null; withheld: { reason: string } | null }
interface Leaving { leavingId: string; leftOn: string; commonTransferFileSent: { sha256: string } | null }

/**
 * National identifiers (checked by their check characters, stored encrypted, withheld by decision) and a pupil
 * leaving a school's roll, through the API on an encrypting store whose raw bytes the test can read.
 */
describe('identifiers and a pupil leaving the roll, through the API', () => {
  let t: TestApp;
  let raw: EventStore;
  let la: string;
  let hillside: string;
  let fleetHill: string;
  let childId: string;

  const childFields = 'identifiers { scheme value withheld { reason } } leavings { leavingId leftOn commonTransferFileSent { sha256 } }';
  async function child(token: string) {
    const response = await t.gql<{ child: { identifiers: Identifier[]; leavings: Leaving[] } | null }>(`{ child(id: "${childId}") { ${childFields} } }`, undefined, token);
    return { child: response.data?.child ?? null, errors: response.errors };
  }

  beforeAll(async () => {
    const clock = new TestClock();
    clock.set('2025-06-02T09:00:00Z');
    raw = createMemoryStore(clock.now);
    t = await startTestApp({ clock, store: encryptingStore(raw, memoryKeyStore()) });
    la = await t.token('la_officer', '202', 'Sam Okafor');
    hillside = await t.token('senco', '100001', 'Priya Senco');
    fleetHill = await t.token('senco', '100002', 'Dev Senco');
    childId = (await registerChild(t, la, { dateOfBirth: '2014-01-20' }, { occurredAt: '2018-09-03' })).childId;
  });
  afterAll(() => t?.close());

  it('records a UPN written with spaces in lower case as the checked form, and never stores it in the clear', async () => {
    await record(t, hillside, 'recordIdentifier', childId, { scheme: 'upn', value: 'c202 1234 25001' });
    const { child: view } = await child(la);
    expect(view!.identifiers).toEqual([{ scheme: 'upn', value: 'C202123425001', withheld: null }]);
    const stored = (await raw.readStream(`child-${childId}`)).map((entry) => entry.canonical).join('\n');
    expect(stored).not.toContain('C202123425001');
    expect(stored).not.toContain('c202 1234 25001');
  });

  it('refuses a UPN whose check letter does not match, naming the field and the letter, and records nothing', async () => {
    const before = await t.store.headPosition();
    const outcome = await mutate(t, la, 'recordIdentifier', childId, { scheme: 'upn', value: 'D202123425001' });
    expect(outcome.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'input.value' });
    expect(outcome.errors?.[0]?.message).toMatch(/begins with C/);
    const nhs = await mutate(t, la, 'recordIdentifier', childId, { scheme: 'nhs_number', value: '943 476 5918' });
    expect(nhs.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'input.value' });
    expect(await t.store.headPosition()).toBe(before);
  });

  it('keeps a decision not to disclose an identifier until it is lifted, refusing it twice or lifting what is not withheld', async () => {
    await record(t, la, 'withholdIdentifier', childId, { scheme: 'upn', reason: 'Adopted: the previous UPN is not to be passed on' });
    expect((await child(la)).child!.identifiers[0]).toMatchObject({ value: 'C202123425001', withheld: { reason: 'Adopted: the previous UPN is not to be passed on' } });
    const twice = await mutate(t, la, 'withholdIdentifier', childId, { scheme: 'upn', reason: 'Again' });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'input.scheme' });
    const notWithheld = await mutate(t, la, 'liftIdentifierWithholding', childId, { scheme: 'uln', reason: 'Never withheld' });
    expect(notWithheld.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'input.scheme' });
    await record(t, la, 'liftIdentifierWithholding', childId, { scheme: 'upn', reason: 'Advice changed' });
    expect((await child(la)).child!.identifiers[0]!.withheld).toBeNull();
  });

  it('lets a school record only its own pupils leaving, and keeps the school that was left able to send the files until it has', async () => {
    t.clock.set('2025-09-10T09:00:00Z');
    const other = await mutate(t, hillside, 'recordPupilLeftRoll', childId, { setting: { name: 'Fleet Hill School', urn: '100002' }, leftOn: '2025-07-18' }, { occurredAt: '2025-07-18' });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'input.setting.urn' });
    const future = await mutate(t, hillside, 'recordPupilLeftRoll', childId, { setting: { name: 'Hillside Primary School', urn: '100001' }, leftOn: '2025-07-25' }, { occurredAt: '2025-07-18' });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'input.leftOn' });

    const leaving = await record(t, hillside, 'recordPupilLeftRoll', childId, { setting: { name: 'Hillside Primary School', urn: '100001' }, leftOn: '2025-07-18', destination: { name: 'Fleet Hill School', urn: '100002' } }, { occurredAt: '2025-07-18' });
    // The receiving school signs for the handover: the child is on its roll, no longer on Hillside's.
    const handover = await record(t, hillside, 'issueHandover', childId, { toSetting: { name: 'Fleet Hill School', urn: '100002' } });
    await record(t, fleetHill, 'acceptHandover', childId, { handoverId: handover.subjectId, signatory: { name: 'Dev Senco', role: 'SENCO' }, acceptedProvisionIds: [] });

    // Hillside still owes the Common Transfer File and the SEN file: it reads the record and records sending them.
    expect((await child(hillside)).child).not.toBeNull();
    const early = await mutate(t, hillside, 'recordCommonTransferFileSent', childId, { leavingId: leaving.subjectId, sha256: 'a'.repeat(64) }, { occurredAt: '2025-07-17' });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'options.occurredAt' });
    await record(t, hillside, 'recordCommonTransferFileSent', childId, { leavingId: leaving.subjectId, to: { name: 'Fleet Hill School', urn: '100002' }, sha256: 'a'.repeat(64) }, { occurredAt: '2025-07-21' });
    const again = await mutate(t, hillside, 'recordCommonTransferFileSent', childId, { leavingId: leaving.subjectId, sha256: 'b'.repeat(64) });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'input.leavingId' });
    expect((await child(la)).child!.leavings).toEqual([{ leavingId: leaving.subjectId, leftOn: '2025-07-18', commonTransferFileSent: { sha256: 'a'.repeat(64) } }]);
    const sendFile = await record(t, hillside, 'recordSendFileTransferred', childId, { to: { name: 'Fleet Hill School', urn: '100002' }, contents: 'EHC plan, annual reviews, EP report' }, { occurredAt: '2025-07-21' });

    // Both files sent: Hillside's duty, and so its standing, has ended. It records nothing more, as for a child it never knew.
    const late = await mutate(t, hillside, 'recordSendFileTransferred', childId, { to: { name: 'Fleet Hill School', urn: '100002' }, contents: 'More' });
    expect(late.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');

    // The receiving school records what it received.
    await record(t, fleetHill, 'recordSendFileReceived', childId, { transferId: sendFile.subjectId, receivedBy: { name: 'Dev Senco', role: 'SENCO' } }, { occurredAt: '2025-09-02' });
    const twice = await mutate(t, fleetHill, 'recordSendFileReceived', childId, { transferId: sendFile.subjectId, receivedBy: { name: 'Dev Senco', role: 'SENCO' } });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'input.transferId' });
    // Hillside reads the record as it stood when its part ended (as any setting a child has left does): not the receipt.
    const seenByHillside = await t.gql<{ child: { sendFileTransfers: Array<{ received: unknown }> } }>(`{ child(id: "${childId}") { sendFileTransfers { received { on } } } }`, undefined, hillside);
    expect(seenByHillside.data.child.sendFileTransfers).toEqual([{ received: null }]);
    const seenByLa = await t.gql<{ child: { sendFileTransfers: Array<{ received: unknown }> } }>(`{ child(id: "${childId}") { sendFileTransfers { received { on } } } }`, undefined, la);
    expect(seenByLa.data.child.sendFileTransfers).toEqual([{ received: { on: '2025-09-02T00:00:00.000Z' } }]);
  });

  it('offers API clients no way to mark an entry as imported', async () => {
    const outcome = await mutate(t, la, 'recordIdentifier', childId, { scheme: 'nhs_number', value: '9434765919' }, { importedFrom: { source: 'x.csv', sha256: 'a'.repeat(64), row: 2 } });
    expect(outcome.result).toBeNull();
    expect(outcome.errors?.[0]?.message).toMatch(/importedFrom/);
  });
});
