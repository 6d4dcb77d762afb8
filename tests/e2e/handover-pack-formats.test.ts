import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordChildEntry } from '../../src/application/record-child-entry.js';
import { openEntry } from '../../src/ledger/envelope.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { pdfText } from '../support/pdf-text.js';
import { tempDir } from '../support/temp-dir.js';
import { startTestApp, TestClock, type TestApp } from '../support/test-app.js';

/**
 * A handover recorded before packs had a format: the fixture is a SEN support child's ledger as the code of
 * December 2026 sealed it (canonical bytes and hashes), its HandoverIssued carrying the hash of a format-1 pack
 * (open promises were then every line not withdrawn, ended or not). Imported byte for byte, it must still verify.
 */
interface Fixture {
  childId: string;
  handoverId: string;
  provisions: { open: string; ended: string; withdrawn: string; later: string };
  entries: Array<{ globalPosition: number; canonical: string; previousHash: string; hash: string }>;
}
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/handover-pack-format-1.json'), 'utf8')) as Fixture;

interface Pack {
  format: number; packHash: string; matchesRecordedHash: boolean | null; recordedPackHash: string | null; recordedFormat: number | null;
  cutAt: { on: string }; openPromises: Array<{ provisionId: string; status: string }>; endedPromises: Array<{ provisionId: string; status: string }>;
}
const PACK = `query($id: ID!, $h: ID) { handoverPack(childId: $id, handoverId: $h) {
  format packHash matchesRecordedHash recordedPackHash recordedFormat cutAt { on }
  openPromises { provisionId status } endedPromises { provisionId status } } }`;

describe('handover packs recorded in an earlier format', () => {
  const dir = tempDir('send-ledger-pack-format-');
  let t: TestApp;
  let receiving: string;
  const entries = fixture.entries.map((e) => openEntry(e.canonical, e.globalPosition, e.previousHash, e.hash));
  const issued = entries.find((e) => e.type === 'HandoverIssued')!;

  beforeAll(async () => {
    const clock = new TestClock(new Date('2024-09-02T09:00:00.000Z'));
    const store = openSqliteStore(join(dir.path, 'ledger.sqlite'), clock.now);
    await store.importSealed(entries);
    t = await startTestApp({ store, clock });
    receiving = await t.token('senco', '100002', 'Tom Reid');
  });
  afterAll(async () => {
    await t.close();
    dir.remove();
  });

  it('still verify: the recorded hash is that of the cut rebuilt in format 1, and the pack is shown by today\'s rules', async () => {
    const { data, errors } = await t.gql<{ handoverPack: Pack }>(PACK, { id: fixture.childId, h: fixture.handoverId }, receiving);
    expect(errors).toBeUndefined();
    const pack = data.handoverPack;
    expect(pack).toMatchObject({ format: 3, matchesRecordedHash: true, recordedFormat: 1, recordedPackHash: issued.data['packHash'], cutAt: { on: '2024-07-10' } });
    expect(pack.packHash).not.toBe(issued.data['packHash']);
    // Format 1 handed over the Talk Boost group although it had ended in March; today's pack lists it apart.
    expect(issued.data['openProvisionIds']).toContain(fixture.provisions.ended);
    expect(Object.fromEntries(pack.openPromises.map((p) => [p.provisionId, p.status]))).toEqual({ [fixture.provisions.open]: 'active', [fixture.provisions.later]: 'not_started' });
    expect(Object.fromEntries(pack.endedPromises.map((p) => [p.provisionId, p.status]))).toEqual({ [fixture.provisions.ended]: 'ended', [fixture.provisions.withdrawn]: 'withdrawn' });
  });

  it('say so on paper', async () => {
    const pdf = await t.app.inject({ method: 'GET', url: `/children/${fixture.childId}/handover-pack.pdf?handoverId=${fixture.handoverId}`, headers: { authorization: `Bearer ${receiving}` } });
    const text = pdfText(pdf.rawPayload).join('');
    expect(text).toContain('The handover recorded the hash of its pack in format 1');
    expect(text).not.toContain('does NOT match');
  });

  it('a recorded hash that no format reproduces is reported as not matching', async () => {
    // The setting the child is on roll at now hands over again, recording a hash that is no pack's.
    const fleetHill = { id: 'senco:100002:Tom Reid', displayName: 'Tom Reid', role: 'senco', organisation: '100002' };
    const head = (await t.store.readStream(`child-${fixture.childId}`)).at(-1)!;
    t.clock.set('2024-09-03T10:00:00.000Z');
    const recorded = await recordChildEntry({ store: t.store, clock: t.clock.now }, fixture.childId, fleetHill, 'HandoverIssued', {
      handoverId: '7d0c4c4e-2f1a-4a5b-8c9d-0e1f2a3b4c5d',
      toSetting: { name: 'Hillside Primary School', urn: '100001' },
      cutAtRevision: head.streamRevision,
      cutAtHash: head.hash,
      packHash: '0'.repeat(64),
      openProvisionIds: [fixture.provisions.open, fixture.provisions.later].sort(),
    }, { correlationId: 'test', causationId: 'test' });
    expect(recorded.entries).toHaveLength(1);
    const { data } = await t.gql<{ handoverPack: Pack }>(PACK, { id: fixture.childId, h: '7d0c4c4e-2f1a-4a5b-8c9d-0e1f2a3b4c5d' }, receiving);
    expect(data.handoverPack).toMatchObject({ matchesRecordedHash: false, recordedFormat: null, recordedPackHash: '0'.repeat(64) });
  });
});
