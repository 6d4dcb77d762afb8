import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHILDREN, laTag, type ChildDirectoryEntry } from '../../projections/child-directory.js';
import { PROVISIONS } from '../../projections/promise-register.js';
import { authoriseRecording } from '../../src/domain/access/write-permissions.js';
import type { ChildCommand } from '../../src/domain/child-record/commands.js';
import { childRecordDecider, foldChildRecord, toChildEvent } from '../../src/domain/child-record/decider.js';
import { CHILD_EVENT_SCHEMAS, type ChildEvent, type ChildEventType } from '../../src/domain/child-record/events.js';
import { createSimulatedClock } from '../../src/demo/simulated-clock.js';
import { verifyLedger } from '../../src/integrity/verify-ledger.js';
import type { LedgerEntry } from '../../src/ledger/envelope.js';
import { memoryKeyStore } from '../../src/privacy/child-key-store.js';
import { encryptingStore } from '../../src/privacy/encrypting-store.js';
import { memoryReadModels } from '../../src/read-models/memory-read-models.js';
import { PROJECTIONS } from '../../src/read-models/projections.js';
import { rebuildProjection } from '../../src/read-models/rebuild.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { EventStore } from '../../src/store/port.js';
import type { PlannedAppend } from '../../src/bench/la/journal.js';
import { END_OF_DECADE, NOT_TO_ISSUE, REFUSE_TO_ASSESS } from '../../src/bench/la/model.js';
import { SHOWCASE, loadSyntheticLa, syntheticLa, type SyntheticLaManifest, type SyntheticLaOptions } from '../../src/bench/synthetic-la.js';

/** Run the generator alone (nothing appended): its appends and its manifest. */
function generate(options: SyntheticLaOptions): { appends: PlannedAppend[]; manifest: SyntheticLaManifest } {
  const generator = syntheticLa(options);
  const appends: PlannedAppend[] = [];
  for (;;) {
    const next = generator.next();
    if (next.done) return { appends, manifest: next.value };
    appends.push(next.value);
  }
}

const essence = (append: PlannedAppend) => {
  const [event] = append.events;
  return JSON.stringify([append.streamId, append.expected, append.recordedAt, event!.eventId, event!.type, event!.data, event!.metadata]);
};
const fingerprint = (appends: readonly PlannedAppend[]) => createHash('sha256').update(appends.map(essence).join('\n')).digest('hex');
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('the synthetic LA, loaded through the store port', () => {
  let inner: EventStore;
  let store: EventStore;
  let manifest: SyntheticLaManifest;

  beforeAll(async () => {
    const clock = createSimulatedClock();
    inner = createMemoryStore(clock.now);
    // As the server keeps it: children's payloads encrypted before they are hashed.
    store = encryptingStore(inner, memoryKeyStore());
    ({ manifest } = await loadSyntheticLa(store, clock, { scale: 0.003, seed: 42 }));
  }, 120_000);

  it('appends entries whose hash chains verify', async () => {
    expect(manifest.appends).toBeGreaterThan(3_000);
    const report = await verifyLedger(inner);
    expect(report).toMatchObject({ ok: true, checkedEvents: manifest.appends, firstFault: null });
    expect(report.checkedStreams).toBe(manifest.childStreams + 1); // and the Local Offer's stream
  });

  it('holds the two showcase children at their fixed sizes', async () => {
    expect((await store.readStream(`child-${manifest.showcase.small!.childId}`)).length).toBe(SHOWCASE.small);
    expect((await store.readStream(`child-${manifest.showcase.large!.childId}`)).length).toBe(SHOWCASE.large);
  });

  it('is folded by every read model, and the child directory and promise register find its children and promises', async () => {
    const readModels = memoryReadModels();
    for (const projection of PROJECTIONS) {
      const result = await rebuildProjection(store, readModels, projection);
      expect(result.done).toBe(manifest.appends);
    }
    const children = await readModels.reader('child-directory').list<ChildDirectoryEntry>(CHILDREN, laTag(manifest.laCode));
    // Every registered child, less those whose plan moved to another LA (their record is that LA's now).
    expect(children.length).toBe(manifest.stats.registrations - manifest.stats.moves);
    const provisions = await readModels.reader('promise-register').list(PROVISIONS);
    expect(provisions.length).toBe(manifest.stats.provisionLines);
  });

  it('passes the write path\'s checks entry by entry: schema, write permission, decider', async () => {
    const heads = await inner.streamHeads();
    const childStreams = heads.filter((h) => h.streamId.startsWith('child-'));
    expect(childStreams.length).toBe(manifest.childStreams);
    for (const { streamId } of childStreams) {
      const entries: LedgerEntry[] = await store.readStream(streamId);
      const recorded: ChildEvent[] = [];
      let state = childRecordDecider.initialState();
      for (const entry of entries) {
        const type = entry.type as ChildEventType;
        expect(CHILD_EVENT_SCHEMAS[type].safeParse(entry.data).success, `${streamId} #${entry.streamRevision} ${type} data`).toBe(true);
        const command = { record: type, data: entry.data, actor: entry.metadata.actor, occurredAt: entry.metadata.occurredAt } as ChildCommand;
        expect(() => authoriseRecording(state, command.actor, type, command.data as never, new Date(entry.metadata.recordedAt)), `${streamId} #${entry.streamRevision} ${type}`).not.toThrow();
        let decided;
        try {
          decided = childRecordDecider.decide(command, state);
        } catch (error) {
          throw new Error(`${streamId} #${entry.streamRevision} ${type} refused on replay: ${String(error)}`);
        }
        expect(decided.map((e) => e.type)).toEqual([type]);
        recorded.push(toChildEvent(entry));
        state = type === 'EntryCorrected' ? foldChildRecord(recorded) : childRecordDecider.evolve(state, toChildEvent(entry));
      }
    }
  }, 120_000);
});

describe('the synthetic LA generator', () => {
  it('is deterministic: the same seed and scale give the same entries; another seed does not', () => {
    const a = generate({ scale: 0.002, seed: 42 });
    const b = generate({ scale: 0.002, seed: 42 });
    expect(fingerprint(b.appends)).toBe(fingerprint(a.appends));
    expect(b.manifest.stats).toEqual(a.manifest.stats);
    expect(fingerprint(generate({ scale: 0.002, seed: 7 }).appends)).not.toBe(fingerprint(a.appends));
  }, 60_000);

  it('writes the showcase children identically at every scale', () => {
    const small = generate({ scale: 0.002, seed: 42 });
    const larger = generate({ scale: 0.004, seed: 42 });
    for (const key of ['small', 'large'] as const) {
      const streamId = `child-${small.manifest.showcase[key]!.childId}`;
      expect(larger.manifest.showcase[key]!.childId).toBe(small.manifest.showcase[key]!.childId);
      const own = (appends: PlannedAppend[]) => appends.filter((append) => append.streamId === streamId).map(essence);
      expect(own(small.appends)).toHaveLength(SHOWCASE[key]);
      expect(own(larger.appends)).toEqual(own(small.appends));
    }
  }, 60_000);

  it('follows the reference statistics within broad bands (scale 0.02)', () => {
    const { appends, manifest } = generate({ scale: 0.02, seed: 42 });
    const s = manifest.stats;
    const requests = sum(s.requestsByYear);
    const finals = sum(s.finalPlansByYear);
    const last = manifest.population.at(-1)!;
    // About 2 million entries for one average LA over ten years.
    expect(appends.length / manifest.scale).toBeGreaterThan(1_500_000);
    expect(appends.length / manifest.scale).toBeLessThan(3_000_000);
    // Requests grow towards ~1,000 a year; about 30% refused, ~9% of assessments not issued, ~63% become plans.
    expect(s.requestsByYear[last.academicYear]! / manifest.scale).toBeGreaterThan(0.6 * END_OF_DECADE.requests);
    expect(s.requestsByYear[last.academicYear]! / manifest.scale).toBeLessThan(1.6 * END_OF_DECADE.requests);
    expect(s.refusedToAssess / (s.refusedToAssess + s.assessed)).toBeGreaterThan(REFUSE_TO_ASSESS - 0.1);
    expect(s.refusedToAssess / (s.refusedToAssess + s.assessed)).toBeLessThan(REFUSE_TO_ASSESS + 0.1);
    expect(s.notToIssue / s.assessed).toBeLessThan(NOT_TO_ISSUE + 0.08);
    expect(finals / requests).toBeGreaterThan(0.5);
    expect(finals / requests).toBeLessThan(0.8);
    // Final plans within 20 weeks: about half (58.7% in 2019 to 46.4% in 2024).
    expect(sum(s.timelyByYear) / finals).toBeGreaterThan(0.35);
    expect(sum(s.timelyByYear) / finals).toBeLessThan(0.7);
    // Populations at the end of the decade near the reference (4,200 plans, 8,700 on SEN support per LA).
    expect(last.senSupport / manifest.scale).toBeGreaterThan(0.7 * END_OF_DECADE.senSupport);
    expect(last.senSupport / manifest.scale).toBeLessThan(1.3 * END_OF_DECADE.senSupport);
    expect(last.plans / manifest.scale).toBeGreaterThan(0.5 * END_OF_DECADE.activePlans);
    expect(last.plans / manifest.scale).toBeLessThan(1.5 * END_OF_DECADE.activePlans);
    // Reviews mostly on time, mostly maintained; some shortfalls, appeals, transfers and moves.
    expect(s.reviewsOnTime / s.reviews).toBeGreaterThan(0.6);
    expect(s.reviewDecisions.maintain).toBeGreaterThan(s.reviewDecisions.amend);
    expect(s.reviewDecisions.amend).toBeGreaterThan(s.reviewDecisions.cease);
    expect(s.shortfalls / s.deliveries).toBeGreaterThan(0.01);
    expect(s.shortfalls / s.deliveries).toBeLessThan(0.2);
    expect(sum(s.appeals)).toBeGreaterThan(0);
    expect(s.phaseTransfers).toBeGreaterThan(0);
    expect(s.statementsTransferred).toBeGreaterThan(0);
    expect(manifest.activeProvision.length).toBeGreaterThan(0);
  }, 120_000);
});
