import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutate, provisionLine, record, registerChild, RECORDED_FIELDS, type RecordedResult } from '../support/ledger-client.js';
import { pdfPages } from '../support/pdf-pages.js';
import { pdfText } from '../support/pdf-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A child with an EHC plan moves from Hillside Primary (100001) to Fleet Hill (100002): section I is amended to
 * name Fleet Hill, the primary hands over, the secondary accepts all but the primary's own SEN support. Every
 * view of the record must then say the same thing about where the child is and how each promise stands.
 */
const HILLSIDE = { name: 'Hillside Primary School', urn: '100001' };
const FLEET_HILL = { name: 'Fleet Hill School', urn: '100002' };
const DAY_MS = 86_400_000;
/** Calendar days from `from` to `to`, both counted. */
const daysCounted = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;

interface Part { setting: { name: string | null; urn: string | null }; basis: string; from: string; to: string; sessionsExpected: number; sessionsDelivered: number }
interface Promise_ {
  provisionId: string; status: string; stopped: { on: string; because: string } | null; setting: { urn: string | null } | null;
  delivery: { sessionsDelivered: number; sessionsExpectedSoFar: number; settingParts: Part[] };
}
const PROMISE_FIELDS = 'provisionId status stopped { on because } setting { urn } delivery { sessionsDelivered sessionsExpectedSoFar settingParts { setting { name urn } basis from to sessionsExpected sessionsDelivered } }';

describe('the record agrees with itself after a child moves school', () => {
  let t: TestApp;
  let la: string;
  let primary: string;
  let secondary: string;
  let childId: string;
  let planId: string;
  let handover: RecordedResult;
  const line: Record<'therapy' | 'programme' | 'summer' | 'club' | 'mentoring' | 'phonics', string> = {} as never;

  beforeAll(async () => {
    t = await startTestApp();
    la = await t.token('la_officer', '202', 'Sam Okafor');
    primary = await t.token('senco', HILLSIDE.urn, 'Priya Shah');
    secondary = await t.token('senco', FLEET_HILL.urn, 'Tom Reid');

    t.clock.set('2023-01-09T10:00:00Z');
    childId = (await registerChild(t, primary, { settingUrn: HILLSIDE.urn, settingName: HILLSIDE.name })).childId;
    const request = await record(t, la, 'requestAssessment', childId, { requestedBy: 'parent_carer' });
    await record(t, la, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess' });
    planId = (await record(t, la, 'issueDraftPlan', childId, { requestId: request.subjectId })).subjectId!;
    t.clock.set('2023-03-01T10:00:00Z');
    await record(t, la, 'issueFinalPlan', childId, { planId, namedSetting: HILLSIDE });
    const f = (description: string, overrides: Record<string, unknown> = {}) =>
      record(t, la, 'promiseProvision', childId, provisionLine(planId, { description, startDate: '2023-03-06', ...overrides })).then((r) => r.subjectId!);
    line.therapy = await f('Speech and language therapy, individual, 45 minutes weekly');
    line.programme = await f('Language programme one to one, 20 minutes three times a week', {
      deliveredBy: { organisation: HILLSIDE.name, role: 'Teaching assistant', qualification: 'Elklan Level 3' }, frequency: { sessions: 3, per: 'week' }, minutesPerSession: 20,
    });
    line.summer = await f('Reading catch-up in a group of three, twice a week for the summer term', { frequency: { sessions: 2, per: 'week' }, groupSize: 3, endDate: '2023-07-21' });
    line.club = await f('Lunchtime social communication group, weekly', { groupSize: 6 });
    line.mentoring = await f('Transition mentoring at the secondary, weekly', { startDate: '2025-09-03', deliveredBy: { organisation: FLEET_HILL.name, role: 'Learning mentor' } });
    line.phonics = (await record(t, primary, 'promiseProvision', childId, {
      section: 'SEN_SUPPORT', description: 'Phonics catch-up group, 15 minutes three times a week',
      deliveredBy: { organisation: HILLSIDE.name, role: 'Teaching assistant' }, frequency: { sessions: 3, per: 'week' }, minutesPerSession: 15, groupSize: 4,
      startDate: '2023-03-06', authority: { name: 'Priya Shah', role: 'SENCo, Hillside Primary School' },
    })).subjectId!;
    t.clock.set('2023-05-26T15:00:00Z');
    await record(t, primary, 'recordDelivery', childId, { provisionId: line.therapy, sessions: 10, minutes: 450, deliveredBy: { name: 'Ana Cruz', role: 'Speech and language therapist' } });
    await record(t, primary, 'recordDelivery', childId, { provisionId: line.programme, sessions: 30, minutes: 600, deliveredBy: { name: 'Lena Brooks', role: 'Teaching assistant' } });
    t.clock.set('2023-10-02T10:00:00Z');
    await record(t, la, 'withdrawProvision', childId, { provisionId: line.club, reason: 'Replaced by structured play at lunchtime', authority: { name: 'R. Mensah', role: 'SEN panel chair' } });

    t.clock.set('2025-02-10T10:00:00Z');
    await record(t, la, 'amendPlan', childId, { planId, summary: 'Section I amended for the move to secondary school', reason: 'Phase transfer (Regs 18)', namedSetting: FLEET_HILL });
    t.clock.set('2025-07-10T10:00:00Z');
    handover = (await t.gql<{ r: RecordedResult }>(
      `mutation($id: ID!, $input: HandoverInput!) { r: issueHandover(childId: $id, input: $input) { ${RECORDED_FIELDS} } }`,
      { id: childId, input: { toSetting: FLEET_HILL } }, primary,
    )).data.r;
    t.clock.set('2025-07-14T10:00:00Z');
    await record(t, secondary, 'acceptHandover', childId, {
      handoverId: handover.subjectId, signatory: { name: 'Tom Reid', role: 'SENCo' },
      acceptedProvisionIds: [line.therapy, line.programme, line.mentoring],
      disputedProvisions: [{ provisionId: line.phonics, reason: 'We run our own phonics programme' }],
    });
    t.clock.set('2025-10-01T10:00:00Z');
  });
  afterAll(() => t.close());

  describe('an accepted handover moves the child to the receiving setting for every query and list', () => {
    it('child: on roll at the receiving setting since the acceptance, registered at the sending one', async () => {
      const { data } = await t.gql<{ child: Record<string, unknown> }>(
        'query($id: ID!) { child(id: $id) { settingUrn settingName onRollSince { on } registeredSetting { name urn } settingHistory { urn from handoverId } } }', { id: childId }, la);
      expect(data.child).toEqual({
        settingUrn: FLEET_HILL.urn,
        settingName: FLEET_HILL.name,
        onRollSince: { on: '2025-07-14T10:00:00.000Z' },
        registeredSetting: HILLSIDE,
        settingHistory: [{ urn: HILLSIDE.urn, from: '2023-01-09', handoverId: null }, { urn: FLEET_HILL.urn, from: '2025-07-14', handoverId: handover.subjectId }],
      });
    });

    it('setting-wide lists (deadlines, participation, promises and promise groups by organisation) find the child at the receiving setting only', async () => {
      const deadlines = (urn: string) => t.gql<{ deadlines: { nodes: Array<{ childId: string }> } }>('query($urn: String) { deadlines(settingUrn: $urn) { nodes { childId } } }', { urn }, la);
      expect((await deadlines(FLEET_HILL.urn)).data.deadlines.nodes.some((c) => c.childId === childId)).toBe(true);
      expect((await deadlines(HILLSIDE.urn)).data.deadlines.nodes.some((c) => c.childId === childId)).toBe(false);
      const participation = (urn: string) => t.gql<{ participation: { children: number } }>('query($urn: String) { participation(settingUrn: $urn) { children } }', { urn }, la);
      expect((await participation(FLEET_HILL.urn)).data.participation.children).toBe(1);
      expect((await participation(HILLSIDE.urn)).data.participation.children).toBe(0);

      // The lines the receiving setting took on are its to answer for, whoever delivers them (the SALT service here).
      for (const token of [la, secondary]) {
        const promises = await t.gql<{ promises: { nodes: Promise_[] } }>(`query($org: String) { promises(filter: { organisation: $org }) { nodes { ${PROMISE_FIELDS} } } }`, { org: FLEET_HILL.urn }, token);
        expect(promises.errors).toBeUndefined();
        expect(promises.data.promises.nodes.map((p) => p.provisionId).sort()).toEqual([line.therapy, line.programme, line.mentoring].sort());
        expect(promises.data.promises.nodes.every((p) => p.setting?.urn === FLEET_HILL.urn)).toBe(true);
        const groups = await t.gql<{ promiseGroups: Array<{ promises: { nodes: Array<{ provisionId: string }> } }> }>(
          'query($org: String) { promiseGroups(filter: { organisation: $org }) { promises { nodes { provisionId } } } }', { org: FLEET_HILL.urn }, token);
        expect(groups.data.promiseGroups.flatMap((g) => g.promises.nodes.map((p) => p.provisionId)).sort()).toEqual([line.therapy, line.programme, line.mentoring].sort());
      }
      // The sending school's relationship ended with the handover: its lists no longer name the child.
      const former = await t.gql<{ promises: { nodes: Promise_[] } }>(`query($org: String) { promises(filter: { organisation: $org }) { nodes { ${PROMISE_FIELDS} } } }`, { org: HILLSIDE.urn }, primary);
      expect(former.data.promises.nodes).toEqual([]);
    });
  });

  describe('an amendment naming a new setting in section I changes the plan\'s named setting', () => {
    it('in the child record, the audit trail and the handover pack, and on paper', async () => {
      const { data } = await t.gql<{ child: { plans: Array<{ namedSetting: unknown; amendments: Array<{ namedSetting: unknown }> }> } }>(
        'query($id: ID!) { child(id: $id) { plans { namedSetting { name urn } amendments { namedSetting { name urn } } } } }', { id: childId }, la);
      expect(data.child.plans).toEqual([{ namedSetting: FLEET_HILL, amendments: [{ namedSetting: FLEET_HILL }] }]);
      const trail = await t.gql<{ auditTrail: { entries: { nodes: Array<{ summary: string }> } } }>(
        'query($id: ID!) { auditTrail(childId: $id, filter: { types: ["PlanAmended"] }) { entries { nodes { summary } } } }', { id: childId }, la);
      expect(trail.data.auditTrail.entries.nodes[0]!.summary).toBe('EHC plan amended, section I now naming Fleet Hill School: Phase transfer (Regs 18)');
      const pack = await t.gql<{ handoverPack: { currentPlan: { namedSetting: unknown } } }>(
        'query($id: ID!, $h: ID) { handoverPack(childId: $id, handoverId: $h) { currentPlan { namedSetting { name urn } } } }', { id: childId, h: handover.subjectId }, secondary);
      expect(pack.data.handoverPack.currentPlan.namedSetting).toEqual(FLEET_HILL);
      const pdf = await t.app.inject({ method: 'GET', url: `/children/${childId}/handover-pack.pdf?handoverId=${handover.subjectId}`, headers: { authorization: `Bearer ${secondary}` } });
      expect(pdfText(pdf.rawPayload).join('')).toContain('Section I names Fleet Hill School (URN 100002)');
    });

    it('an amendment that names no setting leaves section I as it was; a setting that is not one is refused, naming the field', async () => {
      t.clock.set('2025-10-01T11:00:00Z');
      await record(t, la, 'amendPlan', childId, { planId, summary: 'Section E outcomes for Year 7', reason: 'Interim review' });
      const { data } = await t.gql<{ child: { plans: Array<{ namedSetting: unknown }> } }>('query($id: ID!) { child(id: $id) { plans { namedSetting { name urn } } } }', { id: childId }, la);
      expect(data.child.plans[0]!.namedSetting).toEqual(FLEET_HILL);
      const refused = await mutate(t, la, 'amendPlan', childId, { planId, summary: 'x', reason: 'y', namedSetting: { name: 'Fleet Hill School', urn: 'FH-1' } });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'input.namedSetting.urn' });
    });
  });

  describe('a provision line has one status and one figure in every view', () => {
    const expectedStatus = () => ({
      [line.therapy]: 'active', [line.programme]: 'active', [line.mentoring]: 'active',
      [line.summer]: 'ended', [line.club]: 'withdrawn', [line.phonics]: 'not_taken_on',
    });

    it('child, promises, promiseGroups and handoverPack agree on each line\'s status and sessions expected so far', async () => {
      const child = await t.gql<{ child: { provisions: Array<{ provisionId: string; status: string; sessionsExpectedSoFar: number }> } }>(
        'query($id: ID!) { child(id: $id) { provisions { provisionId status sessionsExpectedSoFar } } }', { id: childId }, la);
      const promises = await t.gql<{ promises: { nodes: Promise_[] } }>(`query($id: ID!) { promises(filter: { childId: $id }) { nodes { ${PROMISE_FIELDS} } } }`, { id: childId }, la);
      const groups = await t.gql<{ promiseGroups: Array<{ promises: { nodes: Promise_[] } }> }>(`query($id: ID!) { promiseGroups(filter: { childId: $id }) { promises { nodes { ${PROMISE_FIELDS} } } } }`, { id: childId }, la);
      const pack = await t.gql<{ handoverPack: { openPromises: Promise_[]; endedPromises: Promise_[] } }>(
        `query($id: ID!) { handoverPack(childId: $id) { openPromises { ${PROMISE_FIELDS} } endedPromises { ${PROMISE_FIELDS} } } }`, { id: childId }, secondary);
      const views = {
        child: child.data.child.provisions.map((p) => [p.provisionId, p.status, p.sessionsExpectedSoFar]),
        promises: promises.data.promises.nodes.map((p) => [p.provisionId, p.status, p.delivery.sessionsExpectedSoFar]),
        promiseGroups: groups.data.promiseGroups.flatMap((g) => g.promises.nodes).map((p) => [p.provisionId, p.status, p.delivery.sessionsExpectedSoFar]),
        handoverPack: [...pack.data.handoverPack.openPromises, ...pack.data.handoverPack.endedPromises].map((p) => [p.provisionId, p.status, p.delivery.sessionsExpectedSoFar]),
      };
      for (const [view, rows] of Object.entries(views)) {
        expect(Object.fromEntries(rows.map(([id, status]) => [id, status])), view).toEqual(expectedStatus());
        expect(new Map(rows.map(([id, , expected]) => [id, expected])), view).toEqual(new Map(views.promises.map(([id, , expected]) => [id, expected])));
      }
      expect(pack.data.handoverPack.endedPromises.map((p) => p.provisionId).sort()).toEqual([line.summer, line.club, line.phonics].sort());
    });

    it('both PDFs print the same standing for each line', async () => {
      const pack = await t.app.inject({ method: 'GET', url: `/children/${childId}/handover-pack.pdf`, headers: { authorization: `Bearer ${secondary}` } });
      const bundle = await t.app.inject({ method: 'POST', url: `/children/${childId}/evidence-bundle`, headers: { authorization: `Bearer ${la}`, 'content-type': 'application/json' }, payload: { purpose: 'First-tier Tribunal appeal' } });
      expect(bundle.statusCode).toBe(200);
      const hearingBundle = Buffer.from((bundle.json() as { documents: { tribunalBundlePdf: string } }).documents.tribunalBundlePdf, 'base64');
      const handover = pdfText(pack.rawPayload).join('');
      expect(handover).toContain('Reading catch-up in a group of three, twice a week for the summer term. Ended on 2023-07-21');
      expect(handover).toContain('Lunchtime social communication group, weekly. Withdrawn on 2023-10-02');
      expect(handover).toContain('Phonics catch-up group, 15 minutes three times a week. Owed until 2025-07-13: the school\'s own commitment, not taken on');
      expect(handover).not.toMatch(/Ended on 2023-07-21[^.]*Owed now/);
      // The hearing bundle says the same of each line, in the words and dates a tribunal reads.
      const tribunal = pdfPages(hearingBundle).join(' ').replace(/\s+/g, ' ');
      expect(tribunal).toMatch(/Reading catch-up in a group of three, twice a week for the summer term\.?.{0,400}?Ended on 21 July 2023/);
      expect(tribunal).toMatch(/Lunchtime social communication group, weekly\.?.{0,400}?Withdrawn on 2 October 2023/);
      
      expect(tribunal).toMatch(/Phonics catch-up group, 15 minutes three times a week\.?.{0,400}?Ended on 13 July 2025: the new school did not take it on/);
      expect(tribunal).not.toMatch(/Ended on 21 July 2023[^.]*Owed on/);
    });
  });

  describe('the handover pack: open promises are the lines open at the cut, ended lines apart', () => {
    it('lists what was owed on the handover\'s day, agrees with the recorded entry, and matches its recorded hash', async () => {
      const entry = handover.entries[0]!;
      const { data } = await t.gql<{ handoverPack: { format: number; matchesRecordedHash: boolean; recordedFormat: number; cutAt: { on: string }; openPromises: Promise_[]; endedPromises: Promise_[] } }>(
        `query($id: ID!, $h: ID) { handoverPack(childId: $id, handoverId: $h) { format matchesRecordedHash recordedFormat cutAt { on }
          openPromises { ${PROMISE_FIELDS} } endedPromises { ${PROMISE_FIELDS} } } }`, { id: childId, h: handover.subjectId }, secondary);
      const pack = data.handoverPack;
      expect(pack).toMatchObject({ format: 3, matchesRecordedHash: true, recordedFormat: 3, cutAt: { on: '2025-07-10' } });
      const open = [line.therapy, line.programme, line.phonics, line.mentoring].sort();
      expect(pack.openPromises.map((p) => p.provisionId).sort()).toEqual(open);
      expect([...(entry.data['openProvisionIds'] as string[])].sort()).toEqual(open);
      expect(Object.fromEntries(pack.openPromises.map((p) => [p.provisionId, p.status]))[line.mentoring]).toBe('not_started');
      expect(pack.endedPromises.map((p) => [p.provisionId, p.status]).sort()).toEqual([[line.summer, 'ended'], [line.club, 'withdrawn']].sort());
    });
  });

  describe('sessions expected so far stop where the line stopped, and each setting counts its own part', () => {
    let byId: Map<string, Promise_>;
    beforeAll(async () => {
      const promises = await t.gql<{ promises: { nodes: Promise_[] } }>(`query($id: ID!) { promises(filter: { childId: $id }) { nodes { ${PROMISE_FIELDS} } } }`, { id: childId }, la);
      byId = new Map(promises.data.promises.nodes.map((p) => [p.provisionId, p]));
    });

    it('at the line\'s end date and at its withdrawal', () => {
      expect(byId.get(line.summer)).toMatchObject({ stopped: { on: '2023-07-21', because: 'ended' }, delivery: { sessionsExpectedSoFar: Math.floor((daysCounted('2023-03-06', '2023-07-21') * 2) / 7) } });
      expect(byId.get(line.club)).toMatchObject({ stopped: { on: '2023-10-02', because: 'withdrawn' }, delivery: { sessionsExpectedSoFar: Math.floor(daysCounted('2023-03-06', '2023-10-02') / 7) } });
    });

    it('the sending school\'s part ends at the accepted handover; a line the receiving setting took on continues as its part', () => {
      const programme = byId.get(line.programme)!;
      expect(programme.delivery.settingParts).toEqual([
        { setting: HILLSIDE, basis: 'on_roll', from: '2023-03-06', to: '2025-07-13', sessionsExpected: Math.floor((daysCounted('2023-03-06', '2025-07-13') * 3) / 7), sessionsDelivered: 30 },
        { setting: FLEET_HILL, basis: 'accepted_at_handover', from: '2025-07-14', to: '2025-10-01', sessionsExpected: Math.floor((daysCounted('2025-07-14', '2025-10-01') * 3) / 7), sessionsDelivered: 0 },
      ]);
      expect(programme.delivery.sessionsExpectedSoFar).toBe(programme.delivery.settingParts[0]!.sessionsExpected + programme.delivery.settingParts[1]!.sessionsExpected);
    });

    it('the sending school\'s own SEN support stops at the handover when the receiving setting does not take it on', () => {
      const phonics = byId.get(line.phonics)!;
      expect(phonics).toMatchObject({ status: 'not_taken_on', stopped: { on: '2025-07-13', because: 'not_taken_on' } });
      expect(phonics.delivery.settingParts.map((p) => [p.setting.urn, p.to])).toEqual([[HILLSIDE.urn, '2025-07-13']]);
      expect(phonics.delivery.sessionsExpectedSoFar).toBe(Math.floor((daysCounted('2023-03-06', '2025-07-13') * 3) / 7));
    });

    it('at the plan\'s cessation', async () => {
      const other = (await registerChild(t, la, { settingUrn: HILLSIDE.urn, settingName: HILLSIDE.name })).childId;
      t.clock.set('2025-10-01T12:00:00Z');
      const request = await record(t, la, 'requestAssessment', other, { requestedBy: 'school' }, { occurredAt: '2024-01-08' });
      await record(t, la, 'decideAssessment', other, { requestId: request.subjectId, decision: 'assess' }, { occurredAt: '2024-02-01' });
      const plan = (await record(t, la, 'issueDraftPlan', other, { requestId: request.subjectId }, { occurredAt: '2024-03-01' })).subjectId!;
      await record(t, la, 'issueFinalPlan', other, { planId: plan, namedSetting: HILLSIDE }, { occurredAt: '2024-04-02' });
      const provisionId = (await record(t, la, 'promiseProvision', other, provisionLine(plan, { startDate: '2024-04-08' }), { occurredAt: '2024-04-02' })).subjectId!;
      await record(t, la, 'ceasePlan', other, { planId: plan, reason: 'needs_met' }, { occurredAt: '2025-04-07' });
      const { data } = await t.gql<{ promises: { nodes: Promise_[] } }>(`query($id: ID!) { promises(filter: { childId: $id }) { nodes { ${PROMISE_FIELDS} } } }`, { id: other }, la);
      expect(data.promises.nodes.find((p) => p.provisionId === provisionId)).toMatchObject({
        status: 'plan_ceased', stopped: { on: '2025-04-07', because: 'plan_ceased' }, delivery: { sessionsExpectedSoFar: Math.floor(daysCounted('2024-04-08', '2025-04-07') / 7) },
      });
    });
  });
});
