import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoadDemo } from '../../src/cli/load-demo.js';
import { parseConfig } from '../../src/config/config.js';
import { foldChildRecord, toChildEvent } from '../../src/domain/child-record/decider.js';
import { childStreamId } from '../../src/domain/child-record/events.js';
import { entryInForce, type ChildRecord } from '../../src/domain/child-record/state.js';
import { SAMPLE_ENDS, exampleQueries } from '../../src/demo/example-queries.js';
import { loadDemo, type DemoLoad } from '../../src/demo/load-demo.js';
import { createSimulatedClock, type SimulatedClock } from '../../src/demo/simulated-clock.js';
import { verifyLedger } from '../../src/integrity/verify-ledger.js';
import type { LedgerEntry } from '../../src/ledger/envelope.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { EventStore } from '../../src/store/port.js';
import { startTestApp, TestClock } from '../support/test-app.js';
import { handoverPackFrom } from '../../src/api/graphql/handover-resolvers.js';

const DAY_MS = 86_400_000;

let store: EventStore;
let clock: SimulatedClock;
let loaded: DemoLoad;
let all: LedgerEntry[];

const stream = (childId: string) => store.readStream(childStreamId(childId));
const fold = async (childId: string): Promise<ChildRecord> => foldChildRecord((await stream(childId)).map(toChildEvent));
const childMatching = (text: string) => {
  const child = loaded.children.find((c) => c.description.includes(text));
  if (!child) throw new Error(`no demo child described with "${text}"`);
  return child.childId;
};

beforeAll(async () => {
  clock = createSimulatedClock();
  store = createMemoryStore(clock.now);
  loaded = await loadDemo(store, clock);
  all = await store.readAll(1, 10_000);
});

describe('the demo loader', () => {
  it('writes several children through the write path into a ledger that verifies', async () => {
    expect(loaded.children.length).toBeGreaterThanOrEqual(4);
    expect(loaded.entries).toBe(all.length);
    expect(loaded.entries).toBeGreaterThan(80);
    const report = await verifyLedger(store);
    // One stream per child, and the LA's Local Offer.
    expect(report).toMatchObject({ ok: true, checkedEvents: all.length, checkedStreams: loaded.children.length + 1 });
    expect(new Set(loaded.children.map((c) => c.childId)).size).toBe(loaded.children.length);
    for (const { childId, description } of loaded.children) {
      expect(childId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(description).toMatch(/^Child [A-Z] \(pseudonym\)/);
    }
  });

  it('puts an idempotency key demo-<child>-<step> on every entry', () => {
    for (const entry of all) expect(entry.metadata.idempotencyKey).toMatch(/^demo-(child-[a-z]|local-offer-202)-[a-z0-9-]+$/);
    expect(new Set(all.map((e) => `${e.streamId}/${e.metadata.idempotencyKey}`)).size).toBe(all.length);
  });

  it('simulates recorded time: it moves forward through the log, never precedes what it records, and spans years', () => {
    const recorded = all.map((e) => e.metadata.recordedAt);
    expect([...recorded].sort()).toEqual(recorded);
    for (const entry of all) expect(Date.parse(entry.metadata.recordedAt)).toBeGreaterThanOrEqual(Date.parse(entry.metadata.occurredAt));
    expect(recorded[0]!.slice(0, 4)).toBe('2022');
    expect(recorded.at(-1)!.slice(0, 4)).toBe('2026');
    const lag = (e: LedgerEntry) => Date.parse(e.metadata.recordedAt) - Date.parse(e.metadata.occurredAt);
    const late = all.filter((e) => lag(e) > 14 * DAY_MS);
    expect(late.length).toBeGreaterThanOrEqual(3);
    // Most entries are recorded within two days of happening.
    expect(all.filter((e) => lag(e) <= 2 * DAY_MS).length / all.length).toBeGreaterThan(0.85);
  });

  it('uses pseudonyms, LA 202 and six-digit URNs', async () => {
    for (const { childId } of loaded.children) {
      const record = await fold(childId);
      expect(record.profile).toMatchObject({ laCode: '202', displayName: expect.stringMatching(/^Child [A-Z] \(pseudonym\)$/) });
      expect(record.profile!.settingUrn).toMatch(/^\d{6}$/);
      for (const carer of record.parentCarers) expect(carer.displayName).toMatch(/\(pseudonym\)$/);
    }
  });

  it('takes the first child through the whole statutory journey', async () => {
    const record = await fold(loaded.children[0]!.childId);
    expect(record.needs.map((n) => n.rank).sort()).toEqual(['primary', 'secondary']);
    expect(Object.keys(record.senSupportCycles)).toHaveLength(2);
    expect(Object.values(record.adviceRequests).map((a) => [a.adviceType, Boolean(a.received)]).sort()).toEqual([
      ['medical', true],
      ['psychological', true],
    ]);

    const plans = Object.values(record.plans);
    expect(plans).toHaveLength(1);
    const plan = plans[0]!;
    expect(plan.status).toBe('final');
    const daysFromDraft = (Date.parse(plan.finalIssued!.on) - Date.parse(plan.draftIssued.on)) / DAY_MS;
    expect(daysFromDraft).toBeGreaterThanOrEqual(15);
    expect(plan.finalIssued!.namedSetting.urn).toMatch(/^\d{6}$/);
    expect(plan.amendments.length).toBeGreaterThanOrEqual(1);
    expect(plan.reviews.map((r) => r.decision)).toContain('amend');

    const planLines = Object.values(record.provisions).filter((p) => p.planId === plan.planId);
    // Three section F lines and one G from 2023; at the phase transfer a Key Stage 3 programme at the secondary.
    expect(planLines.map((p) => p.section).sort()).toEqual(['F', 'F', 'F', 'F', 'G']);
    for (const line of planLines) {
      expect(line.deliveredBy.qualification).toBeTruthy();
      expect(line.groupSize).toBeGreaterThanOrEqual(1);
      expect(line.promised.authority.name).toBe('Marcus Bell');
      expect(line.promised.authority.role).toMatch(/SEN panel/);
      expect(line.promised.actor.role).toBe('la_officer');
    }
    expect(planLines.filter((p) => p.section === 'F').every((p) => p.deliveries.sessions > 0)).toBe(true);
    const varied = planLines.filter((p) => p.variations.length > 0);
    // Therapy became fortnightly at the 2024 review; the Key Stage 2 programme was given an end at the phase transfer.
    expect(varied.map((p) => p.frequency.per).sort()).toEqual(['fortnight', 'week']);
    expect(varied.find((p) => p.frequency.per === 'week')!.endDate).toBe('2025-07-18');
    for (const line of varied) expect(line.variations[0]!.authority.name).toBe('Marcus Bell');
    expect(plan.namedSetting).toEqual({ name: 'Fleet Hill School', urn: '100052' });

    const senSupport = Object.values(record.provisions).filter((p) => p.section === 'SEN_SUPPORT');
    expect(senSupport).toHaveLength(2);
    for (const line of senSupport) {
      expect(line.promised.actor.role).toBe('senco');
      expect(line.deliveries.sessions).toBeGreaterThan(0);
    }

    expect(record.phaseTransfers).toEqual([
      expect.objectContaining({ transfer: 'primary_to_secondary', planId: plan.planId, settingUrn: expect.stringMatching(/^\d{6}$/) }),
    ]);
    expect(record.phaseTransfers[0]!.named.actor.role).toBe('la_officer');

    const signOff = (subject: string) => record.signOffs.filter((s) => s.subject === subject);
    expect(signOff('plan')[0]!.actor.role).toBe('la_officer');
    expect(signOff('section').map((s) => s.section)).toContain('F');
    expect(signOff('review')[0]).toMatchObject({ actor: { role: 'headteacher' }, signatory: { role: expect.stringMatching(/^Headteacher/) } });
    expect(signOff('handover')[0]).toMatchObject({ actor: { role: 'senco' }, subjectId: record.phaseTransfers[0]!.named.eventId });

    const entries = await stream(loaded.children[0]!.childId);
    expect(entries.some((e) => e.type === 'ShortfallReported')).toBe(true);
  });

  it("applies the first child's date correction in the fold, and keeps the original in the trail", async () => {
    const entries = await stream(loaded.children[0]!.childId);
    const correction = entries.find((e) => e.type === 'EntryCorrected')!;
    const original = entries.find((e) => e.eventId === correction.data['supersedesEventId'])!;
    expect(original.type).toBe('ProvisionDelivered');
    expect(original.metadata.occurredAt.slice(0, 10)).toBe('2023-03-17');
    expect(correction.data).toMatchObject({ correctedOccurredAt: '2023-03-16T13:30:00.000Z', reason: expect.any(String) });

    const effective = foldChildRecord(entries.map(toChildEvent));
    expect(entryInForce(effective, original.eventId)).toBeDefined();
    const salt = Object.values(effective.provisions).find((p) => p.provisionId === original.data['provisionId'])!;
    const logged = entries.filter((e) => e.type === 'ProvisionDelivered' && e.data['provisionId'] === salt.provisionId);
    // Counted once, on the corrected day.
    expect(salt.deliveries.sessions).toBe(logged.reduce((sum, e) => sum + Number(e.data['sessions']), 0));
    expect(salt.deliveryLog.find((d) => d.eventId === original.eventId)?.on).toBe('2023-03-16');
  });

  it('records the refused assessment, the appeal against it, and the refusal set aside when the LA did not oppose it', async () => {
    const record = await fold(childMatching('refused'));
    const [request] = Object.values(record.assessmentRequests);
    // The refusal is kept beside the request, set aside by the LA's concession (reg 45); the decision now standing is to assess.
    expect(request!.setAside).toEqual([
      expect.objectContaining({ refusal: 'refusal_to_assess', was: expect.objectContaining({ reasons: expect.stringMatching(/appeal/i) }), by: expect.objectContaining({ how: 'not_opposed' }) }),
    ]);
    expect(request!.setAside[0]!.was.actor.role).toBe('la_officer');
    expect(request!.decision).toMatchObject({ outcome: 'assess', on: expect.stringMatching(/^2024-05-29/) });
    expect(record.appeals).toEqual([
      expect.objectContaining({ against: 'refusal_to_assess', outcomes: [expect.objectContaining({ how: 'not_opposed', kind: 'assess' })] }),
      expect.objectContaining({ against: 'plan_contents', tribunalReference: 'EH202/25/00417', sections: ['F', 'I'] }),
    ]);
    // The plan made on the revived request, issued late, and amended twice before the hearing.
    const [plan] = Object.values(record.plans);
    expect(plan).toMatchObject({ status: 'final', requestId: request!.requestId, finalIssued: { on: expect.stringMatching(/^2024-09-20/) } });
    expect(plan!.amendments).toHaveLength(2);
    expect(record.appeals[1]!.workingDocuments.map((w) => [w.version, w.issuedBy])).toEqual([[1, 'local_authority'], [2, 'parent_carer']]);
  });

  it('ceases the third child\'s plan (needs met) after a review decided to cease', async () => {
    const record = await fold(childMatching('ceased'));
    const [plan] = Object.values(record.plans);
    expect(plan!.status).toBe('ceased');
    expect(plan!.ceased).toMatchObject({ reason: 'needs_met', actor: { role: 'la_officer' } });
    expect(plan!.reviews.at(-1)!.decision).toBe('cease');
    expect(plan!.reviews.at(-1)!.on < plan!.ceased!.on).toBe(true);
  });

  it('retracts the SEN-support-only child\'s duplicate delivery: it stays in the trail but no longer counts', async () => {
    const childId = childMatching('SEN support only');
    const entries = await stream(childId);
    const retraction = entries.find((e) => e.type === 'EntryCorrected')!;
    expect(retraction.data['retracted']).toBe(true);
    const duplicate = entries.find((e) => e.eventId === retraction.data['supersedesEventId'])!;
    expect(duplicate.type).toBe('ProvisionDelivered');

    const record = foldChildRecord(entries.map(toChildEvent));
    expect(Object.keys(record.plans)).toHaveLength(0);
    expect(Object.keys(record.assessmentRequests)).toHaveLength(0);
    expect(entryInForce(record, duplicate.eventId)).toBeUndefined();
    const line = record.provisions[String(duplicate.data['provisionId'])]!;
    const recordedSessions = entries
      .filter((e) => e.type === 'ProvisionDelivered' && e.data['provisionId'] === line.provisionId)
      .reduce((sum, e) => sum + Number(e.data['sessions']), 0);
    expect(line.deliveries.sessions).toBe(recordedSessions - Number(duplicate.data['sessions']));
  });

  it('appends nothing when loaded again into the same store (idempotency keys)', async () => {
    const before = await store.headPosition();
    const again = await loadDemo(store, clock);
    expect(again.entries).toBe(0);
    expect(again.children).toEqual(loaded.children);
    expect(await store.headPosition()).toBe(before);
  });

  it('gives example queries that run against the API without errors', async () => {
    // A day after the sample ends, as someone trying it would be.
    const served = await startTestApp({ store, clock: new TestClock(new Date('2026-01-05T09:00:00.000Z')) });
    try {
      const token = await served.token('la_officer', '202', 'Sam Okafor');
      const [child, trail, promises] = exampleQueries(loaded.children[0]!.childId);
      const childResult = await served.gql<{ child: { provisions: unknown[] } }>(child!.query, undefined, token);
      expect(childResult.errors).toBeUndefined();
      expect(childResult.data.child.provisions).toHaveLength(7);
      const trailResult = await served.gql<{ auditTrail: { entries: { nodes: Array<{ late: boolean; supersededBy: string[] }> } } }>(trail!.query, undefined, token);
      expect(trailResult.errors).toBeUndefined();
      expect(trailResult.data.auditTrail.entries.nodes.some((e) => e.late)).toBe(true);
      expect(trailResult.data.auditTrail.entries.nodes.some((e) => e.supersededBy.length > 0)).toBe(true);
      const promiseResult = await served.gql<{ promises: { nodes: Array<{ section: string }> } }>(promises!.query, undefined, token);
      expect(promiseResult.errors).toBeUndefined();
      expect(promiseResult.data.promises.nodes.map((p) => p.section).sort()).toEqual(['F', 'F', 'F', 'F', 'G', 'SEN_SUPPORT', 'SEN_SUPPORT']);
    } finally {
      await served.app.close(); // the demo store stays open for the other tests
    }
  });
});

interface Part { setting: { name: string }; basis: string; from: string; to: string; sessionsExpected: number; sessionsDelivered: number }
interface Line {
  provisionId: string; section: string; status: string; stopped: { on: string; because: string } | null; terms: { description: string; deliveredBy: { organisation: string } };
  delivery: { sessionsDelivered: number; sessionsExpectedSoFar: number; settingParts: Part[] };
}

describe('the demo child who moved school (child A) reads true', () => {
  let lines: Line[];
  let child: { settingName: string; registeredSetting: { name: string }; plans: Array<{ namedSetting: { name: string } }>; provisions: Array<{ provisionId: string; status: string; sessionsExpectedSoFar: number }> };

  beforeAll(async () => {
    const served = await startTestApp({ store });
    try {
      const token = await served.token('la_officer', '202', 'Sam Okafor');
      const childId = loaded.children[0]!.childId;
      const promises = await served.gql<{ promises: { nodes: Line[] } }>(
        `query($id: ID!, $asOf: DateTime) { promises(filter: { childId: $id, asOf: $asOf }) { nodes {
          provisionId section status stopped { on because } terms { description deliveredBy { organisation } }
          delivery { sessionsDelivered sessionsExpectedSoFar settingParts { setting { name } basis from to sessionsExpected sessionsDelivered } } } } }`,
        { id: childId, asOf: SAMPLE_ENDS }, token);
      expect(promises.errors).toBeUndefined();
      lines = promises.data.promises.nodes;
      const record = await served.gql<{ child: typeof child }>(
        'query($id: ID!, $asOf: DateTime) { child(id: $id, asOf: $asOf) { settingName registeredSetting { name } plans { namedSetting { name } } provisions { provisionId status sessionsExpectedSoFar } } }',
        { id: childId, asOf: SAMPLE_ENDS }, token);
      expect(record.errors).toBeUndefined();
      child = record.data.child;
    } finally {
      await served.app.close();
    }
  });
  const line = (start: string, organisation?: string) =>
    lines.find((l) => l.terms.description.startsWith(start) && (organisation === undefined || l.terms.deliveredBy.organisation === organisation))!;

  it('is on roll at Fleet Hill, registered at Kentish Vale, and its plan names Fleet Hill in section I', () => {
    expect(child.settingName).toBe('Fleet Hill School');
    expect(child.registeredSetting.name).toBe('Kentish Vale Primary School');
    expect(child.plans.map((p) => p.namedSetting.name)).toEqual(['Fleet Hill School']);
  });

  it('stops the Kentish Vale programme at its end: a figure for its own years, not one running on after the move', () => {
    const ks2 = line('Language programme', 'Kentish Vale Primary School');
    expect(ks2.status).toBe('ended');
    expect(ks2.stopped).toEqual({ on: '2025-07-18', because: 'ended' });
    expect(ks2.delivery.settingParts.map((p) => [p.setting.name, p.from, p.to])).toEqual([['Kentish Vale Primary School', '2023-02-27', '2025-07-18']]);
    // Three a week from 27 February 2023 to 18 July 2025, calendar-based: 374; the TA's logs record 278.
    expect(ks2.delivery).toMatchObject({ sessionsDelivered: 278, sessionsExpectedSoFar: 374 });
  });

  it('splits a line that continued at Fleet Hill into each school\'s part, and keeps the disputed one owed there', () => {
    const therapy = line('Direct speech and language therapy');
    expect(therapy.delivery.settingParts.map((p) => [p.setting.name, p.basis, p.from, p.to])).toEqual([
      ['Kentish Vale Primary School', 'on_roll', '2023-02-27', '2025-09-02'],
      ['Fleet Hill School', 'accepted_at_handover', '2025-09-03', '2025-12-22'],
    ]);
    const literacy = line('Specialist literacy teaching');
    expect(literacy.status).toBe('active');
    expect(literacy.delivery.settingParts.at(-1)).toMatchObject({ setting: { name: 'Fleet Hill School' }, basis: 'disputed_at_handover', sessionsDelivered: 0 });
    expect(literacy.delivery.settingParts.at(-1)!.sessionsExpected).toBeGreaterThan(25);
  });

  it('gives every line a figure that adds up and reads as the story the sample tells: most provision delivered, the gaps reported', () => {
    expect(lines).toHaveLength(7);
    for (const l of lines) {
      const parts = l.delivery.settingParts;
      expect(parts.reduce((sum, p) => sum + p.sessionsExpected, 0)).toBe(l.delivery.sessionsExpectedSoFar);
      expect(parts.reduce((sum, p) => sum + p.sessionsDelivered, 0)).toBe(l.delivery.sessionsDelivered);
      expect(l.delivery.sessionsDelivered / l.delivery.sessionsExpectedSoFar, `${l.terms.description}: ${l.delivery.sessionsDelivered} of ${l.delivery.sessionsExpectedSoFar}`).toBeGreaterThan(0.6);
      // The child record reads each line the same way.
      expect(child.provisions.find((p) => p.provisionId === l.provisionId)).toMatchObject({ status: l.status, sessionsExpectedSoFar: l.delivery.sessionsExpectedSoFar });
    }
  });

  it('handed over only what was still owed on the day of the handover; ended lines are in the pack apart', async () => {
    const entries = await stream(loaded.children[0]!.childId);
    const issued = entries.find((e) => e.type === 'HandoverIssued')!;
    const pack = handoverPackFrom(entries, clock.now(), String(issued.data['handoverId']))!;
    expect(pack.matchesRecordedHash).toBe(true);
    expect(pack.cutAt.on).toBe('2025-07-21');
    expect(pack.openPromises.map((p) => p.provisionId).sort()).toEqual([...(issued.data['openProvisionIds'] as string[])].sort());
    expect(pack.openPromises.map((p) => p.status).sort()).toEqual(['active', 'active', 'active', 'not_started']);
    expect(pack.endedPromises.map((p) => `${p.section} ${p.status}`).sort()).toEqual(['F ended', 'SEN_SUPPORT ended', 'SEN_SUPPORT ended']);
  });
});

describe('npm run demo', () => {
  let dir: string;
  const lines: string[] = [];
  const problems: string[] = [];
  const output = { out: (line: string) => lines.push(line), err: (line: string) => problems.push(line) };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'send-ledger-demo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads into an empty data directory and says that recorded times are simulated', async () => {
    const config = parseConfig({ SEND_LEDGER_DATA_DIR: dir, NODE_ENV: 'test' });
    expect(await runLoadDemo(config, output)).toBe(0);
    const printed = lines.join('\n');
    expect(problems).toEqual([]);
    expect(printed).toMatch(/4 children, \d+ entries; hash chains verified/);
    expect(printed).toMatch(/SIMULATED/);
    expect(printed).toContain('npm run token -- --role la_officer --org 202 --name');
    for (const query of ['child(id:', 'auditTrail(childId:', 'promises(filter:']) expect(printed).toContain(query);
  });

  it('refuses a data directory whose ledger already holds entries', async () => {
    const config = parseConfig({ SEND_LEDGER_DATA_DIR: dir, NODE_ENV: 'test' });
    problems.length = 0;
    expect(await runLoadDemo(config, output)).toBe(1);
    expect(problems.join('\n')).toMatch(/already holds \d+ entries; use an empty SEND_LEDGER_DATA_DIR/);
  });

  it('hands child A over to the secondary through the real path: the recorded pack hash matches, one promise disputed', async () => {
    const childA = loaded.children[0]!.childId;
    const entries = await store.readStream(`child-${childA}`);
    const issued = entries.find((e) => e.type === 'HandoverIssued')!;
    const accepted = entries.find((e) => e.type === 'HandoverAccepted')!;
    const pack = handoverPackFrom(await store.readStream(`child-${childA}`), clock.now(), String(issued.data['handoverId']));
    expect(pack?.matchesRecordedHash).toBe(true);
    expect((accepted.data['disputedProvisions'] as unknown[]).length).toBe(1);
    expect([...(accepted.data['acceptedProvisionIds'] as string[]), ...(accepted.data['disputedProvisions'] as Array<{ provisionId: string }>).map((d) => d.provisionId)].sort())
      .toEqual([...(issued.data['openProvisionIds'] as string[])].sort());
  });

  it('loads LA 202\'s Local Offer, with one comment still unanswered', async () => {
    const offer = await store.readStream('local-offer-202');
    expect(offer.filter((e) => e.type === 'LocalOfferServiceListed')).toHaveLength(4);
    const comments = offer.filter((e) => e.type === 'LocalOfferCommentReceived').map((e) => e.data['commentId']);
    const answered = offer.filter((e) => e.type === 'LocalOfferResponsePublished').flatMap((e) => e.data['commentIds'] as string[]);
    expect(comments.filter((id) => !answered.includes(id as string))).toHaveLength(1);
  });
});
