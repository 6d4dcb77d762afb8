import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSyntheticLa, type SyntheticLaManifest } from '../../src/bench/synthetic-la.js';
import { memoryKeyStore } from '../../src/privacy/child-key-store.js';
import { encryptingStore } from '../../src/privacy/encrypting-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { startTestApp, TestClock, type TestApp } from '../support/test-app.js';

const FIGURE = '{ count eventIds childIds }';
const PROPORTION = `{ count ${FIGURE} outOf ${FIGURE} }`;
const SEN2 = `query($la: String!, $year: Int!) { sen2Return(laCode: $la, year: $year) {
  laCode year collectionYear referenceDate xml valid persons
  schemaErrors { message line } ruleFailures { ruleId message childId eventIds }
  rules { id checked why } notHeld { item }
  totals {
    requestsReceived ${FIGURE} decisionsMade ${FIGURE} decisionsWithin6Weeks ${PROPORTION} assessmentsCompleted ${FIGURE}
    plansIssued ${FIGURE} exceptionCases ${FIGURE} week20Flags ${FIGURE}
    plansWithin20WeeksIncludingExceptionCases ${PROPORTION} plansWithin20WeeksExcludingExceptionCases ${PROPORTION}
    activePlans ${FIGURE} plansCeased ${FIGURE} reviewsDue ${FIGURE} reviewsOnTime ${PROPORTION} phaseTransfersDue ${FIGURE} phaseTransfersAmendedByDeadline ${PROPORTION}
  } } }`;
const TIMELINESS = `query($la: String!, $year: Int!) { timeliness(laCode: $la, year: $year) {
  requestsReceived decisionsMade decisionsWithin6Weeks { count outOf } plansIssued exceptionCases
  plansWithin20WeeksIncludingExceptionCases { count outOf } plansWithin20WeeksExcludingExceptionCases { count outOf }
  reviewsDue reviewsOnTime { count outOf } phaseTransfersDue phaseTransfersAmendedByDeadline { count outOf } } }`;

interface Figure { count: number; eventIds: string[]; childIds: string[] }
interface Proportion { count: Figure; outOf: Figure }

describe('the SEN2 return of the synthetic LA', () => {
  let t: TestApp;
  let manifest: SyntheticLaManifest;
  let returnYear: number;
  let sen2: {
    laCode: string; year: number; collectionYear: number; referenceDate: string; xml: string; valid: boolean; persons: number;
    schemaErrors: unknown[]; ruleFailures: unknown[]; rules: Array<{ id: string; checked: boolean; why: string | null }>; notHeld: unknown[];
    totals: Record<string, Figure | Proportion>;
  };

  beforeAll(async () => {
    const clock = new TestClock();
    const keys = memoryKeyStore();
    const store = encryptingStore(createMemoryStore(clock.now), keys);
    ({ manifest } = await loadSyntheticLa(store, clock, { scale: 0.006, seed: 3 }));
    t = await startTestApp({ store, clock, keys });
    // Its reference date is the January after its last complete calendar year. Seed 3 at this scale issues plans in that year.
    returnYear = Number(manifest.to.slice(0, 4));
    const officer = await t.token('la_officer', manifest.laCode, 'Synthetic officer');
    const answer = await t.gql<{ sen2Return: typeof sen2 }>(SEN2, { la: manifest.laCode, year: returnYear }, officer);
    expect(answer.errors).toBeUndefined();
    sen2 = answer.data.sen2Return;
  }, 240_000);
  afterAll(() => t?.close());

  it('is the January census after its last complete year, covering that year', () => {
    expect(sen2).toMatchObject({ laCode: manifest.laCode, year: returnYear, collectionYear: returnYear - 1 });
    expect(sen2.referenceDate).toMatch(new RegExp(`^${returnYear}-01-(1[5-9]|2[01])$`));
    expect(new Date(`${sen2.referenceDate}T12:00:00Z`).getUTCDay()).toBe(4);
    expect(sen2.persons).toBeGreaterThan(10);
  });

  it('passes the schema and every rule the ledger checks, and says which rules it does not check', () => {
    expect(sen2.schemaErrors).toEqual([]);
    expect(sen2.ruleFailures).toEqual([]);
    expect(sen2.valid).toBe(true);
    expect(sen2.rules.filter((r) => r.checked).length).toBeGreaterThanOrEqual(15);
    expect(sen2.rules.filter((r) => !r.checked).every((r) => (r.why ?? '').length > 0)).toBe(true);
    expect(sen2.notHeld.length).toBeGreaterThan(0);
  });

  it('is XML whose persons, plans and header are the ones counted', () => {
    const parsed = new XMLParser({ isArray: (name) => ['Person', 'Requests', 'PlacementDetail', 'PlanDetail'].includes(name), parseTagValue: false }).parse(sen2.xml);
    const persons = parsed.Message.Persons.Person as Array<Record<string, unknown> & { Requests: Array<Record<string, unknown>> }>;
    expect(parsed.Message.Header.CollectionDetails).toEqual({ Collection: 'SEN2', Year: String(returnYear), ReferenceDate: sen2.referenceDate });
    expect(parsed.Message.Header.Source.LEA).toBe(manifest.laCode);
    expect(persons.length).toBe(sen2.persons);
    const requests = persons.flatMap((p) => p.Requests);
    const inYear = (date: unknown) => typeof date === 'string' && date.startsWith(`${returnYear - 1}-`);
    expect(requests.filter((r) => inYear(r['ReceivedDate'])).length).toBe((sen2.totals.requestsReceived as Figure).count);
    expect(requests.filter((r) => r['ActivePlans'] !== undefined).length).toBe((sen2.totals.activePlans as Figure).count);
    const newPlans = requests.filter((r) => inYear((r['Assessment'] as { NamedPlan?: { StartDate?: string } } | undefined)?.NamedPlan?.StartDate));
    expect(newPlans.length).toBe((sen2.totals.plansIssued as Figure).count);
    // No name is ever written: the ledger holds display names, and SEN2 asks for the legal name.
    expect(sen2.xml).not.toMatch(/<(Surname|Forename)>/);
  });

  it('agrees with timeliness for the same LA and year, figure by figure', async () => {
    const officer = await t.token('la_officer', manifest.laCode, 'Synthetic officer');
    const timeliness = (await t.gql<{ timeliness: Record<string, number | { count: number; outOf: number }> }>(TIMELINESS, { la: manifest.laCode, year: returnYear - 1 }, officer)).data.timeliness;
    const totals = sen2.totals;
    const figure = (name: string) => (totals[name] as Figure).count;
    const proportion = (name: string) => ({ count: (totals[name] as Proportion).count.count, outOf: (totals[name] as Proportion).outOf.count });
    expect(figure('requestsReceived')).toBe(timeliness['requestsReceived']);
    expect(figure('decisionsMade')).toBe(timeliness['decisionsMade']);
    expect(proportion('decisionsWithin6Weeks')).toEqual(timeliness['decisionsWithin6Weeks']);
    expect(figure('plansIssued')).toBe(timeliness['plansIssued']);
    expect(figure('exceptionCases')).toBe(timeliness['exceptionCases']);
    expect(proportion('plansWithin20WeeksIncludingExceptionCases')).toEqual(timeliness['plansWithin20WeeksIncludingExceptionCases']);
    expect(proportion('plansWithin20WeeksExcludingExceptionCases')).toEqual(timeliness['plansWithin20WeeksExcludingExceptionCases']);
    expect(figure('reviewsDue')).toBe(timeliness['reviewsDue']);
    expect(proportion('reviewsOnTime')).toEqual(timeliness['reviewsOnTime']);
    expect(figure('phaseTransfersDue')).toBe(timeliness['phaseTransfersDue']);
    expect(proportion('phaseTransfersAmendedByDeadline')).toEqual(timeliness['phaseTransfersAmendedByDeadline']);
    // Figures that are not nothing: the comparison says something.
    expect(figure('requestsReceived')).toBeGreaterThan(0);
    expect(figure('plansIssued')).toBeGreaterThan(0);
    expect(figure('reviewsDue')).toBeGreaterThan(0);
  });

  it('traces every figure to the entries that produced it, of the children it counts', async () => {
    for (const [name, value] of Object.entries(sen2.totals)) {
      for (const f of 'eventIds' in value ? [value as Figure] : [(value as Proportion).count, (value as Proportion).outOf]) {
        if (f.count > 0) expect(f.eventIds.length, name).toBeGreaterThanOrEqual(1);
        expect(f.childIds.length, name).toBeLessThanOrEqual(f.count);
      }
    }
    // Each request received is its own AssessmentRequested entry, of a child of the LA.
    const received = sen2.totals['requestsReceived'] as Figure;
    expect(received.eventIds.length).toBe(received.count);
    const childId = received.childIds[0]!;
    const entries = await t.store.readStream(`child-${childId}`);
    expect(entries.some((e) => received.eventIds.includes(e.eventId) && e.type === 'AssessmentRequested')).toBe(true);
  });

  it('is for an officer of that LA only: another LA, a school and a parent get nothing', async () => {
    for (const token of [
      await t.token('la_officer', '202'),
      await t.token('senco', '100052'),
      await t.token('parent_carer', 'family'),
    ]) {
      const answer = await t.gql<{ sen2Return: unknown }>(SEN2, { la: manifest.laCode, year: returnYear }, token);
      expect(answer.errors).toBeUndefined();
      expect(answer.data.sen2Return).toBeNull();
    }
  });

  it('notes every child it includes in the access log, as read for the return', async () => {
    const childIds = new Set((sen2.totals['activePlans'] as Figure).childIds);
    for (const childId of [...childIds].slice(0, 5)) {
      const logged = await t.accessLog.forChild(childId);
      expect(logged.some((e) => e.read.includes('sen2Return') && e.actor.organisation === manifest.laCode)).toBe(true);
    }
  });

  it('refuses a year before person-level SEN2, naming the field', async () => {
    const officer = await t.token('la_officer', manifest.laCode);
    const answer = await t.gql(SEN2, { la: manifest.laCode, year: 2019 }, officer);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT' });
    expect(JSON.stringify(answer.errors?.[0]?.extensions)).toContain('year');
  });
});
