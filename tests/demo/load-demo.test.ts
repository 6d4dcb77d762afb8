import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoadDemo } from '../../src/cli/load-demo.js';
import { parseConfig } from '../../src/config/config.js';
import { foldChildRecord, toChildEvent } from '../../src/domain/child-record/decider.js';
import { childStreamId } from '../../src/domain/child-record/events.js';
import type { ChildRecord } from '../../src/domain/child-record/state.js';
import { exampleQueries } from '../../src/demo/example-queries.js';
import { loadDemo, type DemoLoad } from '../../src/demo/load-demo.js';
import { createSimulatedClock, type SimulatedClock } from '../../src/demo/simulated-clock.js';
import { verifyLedger } from '../../src/integrity/verify-ledger.js';
import type { LedgerEntry } from '../../src/ledger/envelope.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { EventStore } from '../../src/store/port.js';
import { startTestApp } from '../support/test-app.js';
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
    expect(recorded.at(-1)!.slice(0, 4)).toBe('2025');
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
    expect(planLines.map((p) => p.section).sort()).toEqual(['F', 'F', 'F', 'G']);
    for (const line of planLines) {
      expect(line.deliveredBy.qualification).toBeTruthy();
      expect(line.groupSize).toBeGreaterThanOrEqual(1);
      expect(line.promised.authority.name).toBe('Marcus Bell');
      expect(line.promised.authority.role).toMatch(/SEN panel/);
      expect(line.promised.actor.role).toBe('la_officer');
    }
    expect(planLines.filter((p) => p.section === 'F').every((p) => p.deliveries.sessions > 0)).toBe(true);
    const varied = planLines.filter((p) => p.variations.length > 0);
    expect(varied).toHaveLength(1);
    expect(varied[0]!.frequency).toEqual({ sessions: 1, per: 'fortnight' });
    expect(varied[0]!.variations[0]!.authority.name).toBe('Marcus Bell');

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
    expect(effective.entries[original.eventId]).toBeDefined();
    const salt = Object.values(effective.provisions).find((p) => p.provisionId === original.data['provisionId'])!;
    expect(salt.deliveries.sessions).toBe(7); // five weekly sessions, then two fortnightly
  });

  it('records the refused assessment and the appeal against it', async () => {
    const record = await fold(childMatching('refused'));
    const [request] = Object.values(record.assessmentRequests);
    expect(request!.decision).toMatchObject({ outcome: 'not_assess', reasons: expect.stringMatching(/appeal/i) });
    expect(request!.decision!.actor.role).toBe('la_officer');
    expect(record.appeals).toEqual([expect.objectContaining({ against: 'refusal_to_assess' })]);
    expect(Object.keys(record.plans)).toHaveLength(0);
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
    expect(record.entries[duplicate.eventId]).toBeUndefined();
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
    const served = await startTestApp({ store });
    try {
      const token = await served.token('la_officer', '202', 'Sam Okafor');
      const [child, trail, promises] = exampleQueries(loaded.children[0]!.childId);
      const childResult = await served.gql<{ child: { provisions: unknown[] } }>(child!.query, undefined, token);
      expect(childResult.errors).toBeUndefined();
      expect(childResult.data.child.provisions).toHaveLength(6);
      const trailResult = await served.gql<{ auditTrail: { entries: Array<{ late: boolean; supersededBy: string[] }> } }>(trail!.query, undefined, token);
      expect(trailResult.errors).toBeUndefined();
      expect(trailResult.data.auditTrail.entries.some((e) => e.late)).toBe(true);
      expect(trailResult.data.auditTrail.entries.some((e) => e.supersededBy.length > 0)).toBe(true);
      const promiseResult = await served.gql<{ promises: Array<{ section: string }> }>(promises!.query, undefined, token);
      expect(promiseResult.errors).toBeUndefined();
      expect(promiseResult.data.promises.map((p) => p.section).sort()).toEqual(['F', 'F', 'F', 'G', 'SEN_SUPPORT', 'SEN_SUPPORT']);
    } finally {
      await served.app.close(); // the demo store stays open for the other tests
    }
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
    const pack = handoverPackFrom(await store.readStream(`child-${childA}`), String(issued.data['handoverId']));
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
