import { describe, expect, it } from 'vitest';
import { CHILDREN, childDirectory, laTag, type ChildDirectoryEntry } from '../../projections/child-directory.js';
import { position, revision, type JsonObject, type LedgerEntry } from '../../src/ledger/envelope.js';
import { memoryReadModels } from '../../src/read-models/memory-read-models.js';

const childId = '11111111-1111-4111-8111-111111111111';
const moveId = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaa01';
const planId = '44444444-4444-4444-8444-444444444401';
const officerOf = (la: string) => ({ id: `la-officer-${la}`, displayName: `Officer ${la}`, role: 'la_officer', organisation: la });

let sequence = 0;
function entry(type: string, data: JsonObject, organisation = '202'): LedgerEntry {
  sequence++;
  const occurredAt = '2025-09-01T09:00:00.000Z';
  return {
    eventId: `d0000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`,
    streamId: `child-${childId}`,
    streamRevision: revision(sequence),
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: officerOf(organisation), occurredAt, recordedAt: occurredAt, correlationId: 'c', causationId: 'c' },
    globalPosition: position(sequence),
    previousHash: '0'.repeat(64),
    hash: '0'.repeat(64),
    canonical: '{}',
  };
}

async function directoryAfter(...entries: LedgerEntry[]) {
  const readModels = memoryReadModels();
  await readModels.commit(childDirectory, entries);
  const reader = readModels.reader(childDirectory.name);
  const inLa = async (la: string) => (await reader.list<ChildDirectoryEntry>(CHILDREN, laTag(la))).map((c) => c.childId);
  return { child: await reader.get<ChildDirectoryEntry>(CHILDREN, childId), inLa };
}

const registered = entry('ChildRegistered', { childId, displayName: 'Child A', dateOfBirth: '2016-05-01', laCode: '202', settingUrn: '123456' });
const notified = entry('LaMoveNotified', { moveId, planId, toLaCode: '204', moveDate: '2025-09-26', learnedOn: '2025-08-29' });
const out = entry('PlanTransferredOut', { moveId, planId, toLaCode: '204' });
const taken = entry('PlanTransferredIn', { moveId, planId, fromLaCode: '202' }, '204');

describe('child directory: a move to another LA (reg 15(3))', () => {
  it('keeps the child in the old LA until the plan is taken in', async () => {
    const { child, inLa } = await directoryAfter(registered, notified, out);
    expect(child?.laCode).toBe('202');
    expect(await inLa('202')).toEqual([childId]);
    expect(await inLa('204')).toEqual([]);
  });

  it('moves the child\'s la: tag to the new LA at the transfer in, keeping its setting', async () => {
    const { child, inLa } = await directoryAfter(registered, notified, out, taken);
    expect(child).toEqual({ childId, laCode: '204', settingUrn: '123456' });
    expect(await inLa('204')).toEqual([childId]);
    expect(await inLa('202')).toEqual([]);
  });

  it('follows a correction of the move\'s receiving LA made before the transfer', async () => {
    const corrected = entry('EntryCorrected', {
      supersedesEventId: notified.eventId,
      reason: 'Wrong LA code',
      retracted: false,
      correctedData: { moveId, planId, toLaCode: '205', moveDate: '2025-09-26', learnedOn: '2025-08-29' },
    });
    const { child, inLa } = await directoryAfter(registered, notified, corrected, entry('PlanTransferredOut', { moveId, planId, toLaCode: '205' }), entry('PlanTransferredIn', { moveId, planId, fromLaCode: '202' }, '205'));
    expect(child?.laCode).toBe('205');
    expect(await inLa('205')).toEqual([childId]);
  });

  it('is version 4 of the projection (2: reg 15 moves; 3: erasure; 4: a receiving setting without a URN), so a stored directory is rebuilt', () => {
    expect(childDirectory.version).toBe(4);
  });
});

describe('child directory: an accepted handover', () => {
  const handoverId = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbb01';
  const issued = (toSetting: JsonObject) => entry('HandoverIssued', { handoverId, toSetting, cutAtRevision: 1, cutAtHash: 'a'.repeat(64), packHash: 'b'.repeat(64), openProvisionIds: [] });
  const accepted = entry('HandoverAccepted', { handoverId, signatory: { name: 'Tom Reid', role: 'SENCo' }, acceptedProvisionIds: [], disputedProvisions: [] });

  it('moves the child to the receiving setting', async () => {
    const { child } = await directoryAfter(registered, issued({ name: 'Fleet Hill School', urn: '100052' }), accepted);
    expect(child?.settingUrn).toBe('100052');
  });

  it('takes the child off the sending setting\'s roll even when the receiving setting has no URN', async () => {
    const { child } = await directoryAfter(registered, issued({ name: 'Home education' }), accepted);
    expect(child?.settingUrn).toBeNull();
  });
});
