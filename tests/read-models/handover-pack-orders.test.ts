import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEntry } from '../../src/ledger/envelope.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { pdfText } from '../support/pdf-text.js';
import { tempDir } from '../support/temp-dir.js';
import { startTestApp, TestClock, type TestApp } from '../support/test-app.js';

/**
 * A handover recorded in format 2, before packs carried the tribunal's orders and the golden thread's flags: the
 * fixture is the demo's log (every stream, in global order, so the cut keeps its global position) up to Child A's
 * handover from Kentish Vale to Fleet Hill on 21 July 2025, as the code of December 2026 sealed it (format 2, commit
 * 2465450), canonical bytes and hashes. Imported byte for byte, it must
 * still verify; the pack is shown in format 3.
 */
interface Fixture {
  childId: string;
  handoverId: string;
  packHash: string;
  entries: Array<{ globalPosition: number; canonical: string; previousHash: string; hash: string }>;
}
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/handover-pack-format-2.json'), 'utf8')) as Fixture;

interface Pack {
  format: number; packHash: string; matchesRecordedHash: boolean | null; recordedPackHash: string | null; recordedFormat: number | null; cutAt: { on: string };
}
const PACK = `query($id: ID!, $h: ID) { handoverPack(childId: $id, handoverId: $h) { format packHash matchesRecordedHash recordedPackHash recordedFormat cutAt { on } } }`;

describe('a handover pack recorded in format 2', () => {
  const dir = tempDir('send-ledger-pack-format-2-');
  let t: TestApp;
  let receiving: string;
  const entries = fixture.entries.map((e) => openEntry(e.canonical, e.globalPosition, e.previousHash, e.hash));

  beforeAll(async () => {
    const clock = new TestClock(new Date('2025-08-01T09:00:00.000Z'));
    const store = openSqliteStore(join(dir.path, 'ledger.sqlite'), clock.now);
    await store.importSealed(entries);
    t = await startTestApp({ store, clock });
    receiving = await t.token('senco', '100052', 'Rachel Kim');
  });
  afterAll(async () => {
    await t.close();
    dir.remove();
  });

  it('still verifies: the recorded hash is that of the cut rebuilt in format 2, and the pack is shown in format 3', async () => {
    const issued = entries.find((e) => e.type === 'HandoverIssued' && e.data['handoverId'] === fixture.handoverId)!;
    expect(issued.data['packHash']).toBe(fixture.packHash);
    const { data, errors } = await t.gql<{ handoverPack: Pack }>(PACK, { id: fixture.childId, h: fixture.handoverId }, receiving);
    expect(errors).toBeUndefined();
    expect(data.handoverPack).toMatchObject({ format: 3, matchesRecordedHash: true, recordedFormat: 2, recordedPackHash: fixture.packHash, cutAt: { on: '2025-07-21' } });
    // Format 3 carries two more fields, so its bytes, and its hash, differ from the recorded one.
    expect(data.handoverPack.packHash).not.toBe(fixture.packHash);
  });

  it('says so on paper, with the orders and flags of format 3 (none for Child A, who has no appeal)', async () => {
    const pdf = await t.app.inject({ method: 'GET', url: `/children/${fixture.childId}/handover-pack.pdf?handoverId=${fixture.handoverId}`, headers: { authorization: `Bearer ${receiving}` } });
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload).join(' ');
    expect(text).toContain('The handover recorded the hash of its pack in format 2');
    expect(text).toContain('Tribunal orders still to be complied with (0)');
    expect(text).not.toContain('does NOT match');
  });
});
