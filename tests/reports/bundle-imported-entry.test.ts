import { describe, expect, it } from 'vitest';
import { recordChildEntry } from '../../src/application/record-child-entry.js';
import { cast } from '../../src/demo/cast.js';
import { createSimulatedClock } from '../../src/demo/simulated-clock.js';
import type { BundleManifest } from '../../src/integrity/evidence/bundle.js';
import type { LedgerEntry } from '../../src/ledger/envelope.js';
import { tribunalBundleContent, TRIBUNAL_BUNDLE_RENDERER } from '../../src/reports/tribunal-bundle/index.js';
import { createMemoryStore } from '../../src/store/memory-store.js';

const manifestFor = (entries: readonly LedgerEntry[]): BundleManifest => ({
  exportId: '7a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d',
  childId: entries[0]!.streamId.slice('child-'.length),
  purpose: 'Appeal to the First-tier Tribunal',
  compiledAt: '2026-12-07T10:00:00.000Z',
  compiledBy: { id: cast.advocate.id, displayName: cast.advocate.displayName, role: 'advocate', organisation: cast.advocate.organisation },
  appeal: null,
  version: 1,
  previousVersion: null,
  changes: [],
  streamLength: entries.length,
  throughRevision: entries.length - 1,
  omitted: [],
  undisclosed: [],
  lateThresholdDays: 14,
  renderer: TRIBUNAL_BUNDLE_RENDERER,
  witnessPolicy: null,
});

describe("the bundle's chronology of an imported record", () => {
  it('says an entry the caseload import brought in was imported, from which file and row, not that it was recorded late', async () => {
    const clock = createSimulatedClock();
    clock.set('2026-12-07T09:00:00.000Z');
    const store = createMemoryStore(clock.now);
    const childId = '3f1e2d3c-4b5a-4697-8877-665544332211';
    const la = cast.caseworker;
    const importedFrom = { source: 'caseload-2026.csv', sha256: 'd'.repeat(64), row: 7 };
    const options = (occurredAt: string, withSource: boolean) => ({ correlationId: 't', causationId: 't', occurredAt, ...(withSource ? { importedFrom } : {}) });
    await recordChildEntry({ store, clock: clock.now }, childId, la, 'ChildRegistered', { childId, displayName: 'Child I (pseudonym)', dateOfBirth: '2015-02-01', laCode: '202' }, options('2019-09-02', true));
    // The same kind of claim typed in by hand years after the event: recorded late.
    await recordChildEntry({ store, clock: clock.now }, childId, la, 'AssessmentRequested', { requestId: '4f1e2d3c-4b5a-4697-8877-665544332211', requestedBy: 'parent_carer' }, options('2020-01-06', false));
    const entries = await store.readStream(`child-${childId}`);
    const content = tribunalBundleContent({ manifest: manifestFor(entries), entries, treeHead: null, cosignatures: [] });
    const blocks = content.sections.flatMap((section) => section.blocks).filter((block) => block.kind === 'entry');
    const registered = blocks.find((block) => block.heading.includes('2 September 2019'))!;
    const requested = blocks.find((block) => block.heading.includes('6 January 2020'))!;
    expect(registered.lines).toContain('Imported from caseload-2026.csv, row 7, on 7 December 2026: brought in from the local authority\'s earlier records.');
    expect(registered.lines.join(' ')).not.toMatch(/Recorded late/);
    expect(requested.lines.join(' ')).toMatch(/Recorded late: \d+ days after the date it claims\./);
  });
});
