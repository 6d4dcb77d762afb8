import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addParent, provisionLine, record, registerChild, type RecordedResult } from '../support/ledger-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The end-to-end story: register, request, decide, draft, final with three provision lines,
 * vary one, deliver, sign off; then the audit trail, the record as it was, and the promise register.
 */
describe('an EHC plan from request to sign-off, through the API', () => {
  let t: TestApp;
  let la: string;
  let senco: string;
  let parent: string;
  let parentId: string;
  let childId: string;
  let planId: string;
  const provisionIds: string[] = [];
  let beforeVariation: string;
  const steps: RecordedResult[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    la = await t.token('la_officer', '202', 'Sam Okafor');
    senco = await t.token('senco', '100001', 'Priya Shah');

    t.clock.set('2024-01-10T10:00:00Z');
    const registered = await registerChild(t, la);
    childId = registered.childId;
    steps.push(registered);
    const mother = await addParent(t, la, childId);
    parent = mother.token;
    parentId = mother.personId;
    steps.push(mother.recorded);
    const request = await record(t, parent, 'requestAssessment', childId, { requestedBy: 'parent_carer' });
    steps.push(request);
    t.clock.set('2024-02-12T10:00:00Z');
    steps.push(await record(t, la, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess', reasons: 'Evidence of needs beyond SEN support' }));
    t.clock.set('2024-02-14T10:00:00Z');
    const draft = await record(t, la, 'issueDraftPlan', childId, { requestId: request.subjectId });
    planId = draft.subjectId!;
    steps.push(draft);
    t.clock.set('2024-03-01T10:00:00Z');
    steps.push(await record(t, la, 'issueFinalPlan', childId, { planId, namedSetting: { name: 'Hillside Primary School', urn: '100001' } }));
    for (const overrides of [
      {},
      { description: 'Teaching assistant support in class for literacy', deliveredBy: { organisation: 'Hillside Primary School', role: 'Teaching assistant', qualification: 'Level 3' }, frequency: { sessions: 5, per: 'week' }, minutesPerSession: 30, groupSize: 4 },
      { description: 'Occupational therapy programme for fine motor skills', deliveredBy: { organisation: 'Camden NHS OT service', role: 'Occupational therapist' }, frequency: { sessions: 1, per: 'fortnight' }, minutesPerSession: 60 },
    ]) {
      const promised = await record(t, la, 'promiseProvision', childId, provisionLine(planId, overrides));
      provisionIds.push(promised.subjectId!);
      steps.push(promised);
    }
    t.clock.set('2024-04-02T10:00:00Z');
    beforeVariation = t.clock.now().toISOString();
    t.clock.set('2024-04-03T10:00:00Z');
    steps.push(
      await record(t, la, 'varyProvision', childId, {
        provisionId: provisionIds[0],
        changes: { frequency: { sessions: 2, per: 'week' } },
        reason: 'Review of progress: twice weekly needed',
        authority: { name: 'R. Mensah', role: 'SEN panel chair' },
      }),
    );
    steps.push(await record(t, senco, 'recordDelivery', childId, { provisionId: provisionIds[0], sessions: 1, minutes: 45, deliveredBy: { name: 'A. Therapist', role: 'Speech and language therapist' } }, { occurredAt: '2024-04-03' }));
    // Recorded a month after it happened: the trail must flag it.
    t.clock.set('2024-05-10T10:00:00Z');
    steps.push(await record(t, senco, 'recordDelivery', childId, { provisionId: provisionIds[1], sessions: 5, minutes: 150, deliveredBy: { name: 'B. Assistant', role: 'Teaching assistant' } }, { occurredAt: '2024-04-05' }));
    steps.push(await record(t, la, 'signOff', childId, { subject: 'plan', subjectId: planId, signatory: { name: 'Sam Okafor', role: 'SEN caseworker' } }));
  });
  afterAll(() => t.close());

  it('records each step as a hash-chained entry attributed to the token holder', () => {
    const entries = steps.flatMap((s) => s.entries);
    expect(entries.map((e) => e.streamRevision)).toEqual(entries.map((_, i) => i));
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.previousHash).toBe(entries[i - 1]!.hash);
    expect(entries[0]!.previousHash).toBe('0'.repeat(64));
    expect(entries[2]!.actor).toEqual({ id: parentId, displayName: 'Jo Parent', role: 'parent_carer', organisation: 'family' });
    expect(entries.find((e) => e.type === 'ProvisionDelivered')!.actor.role).toBe('senco');
  });

  it('auditTrail shows every step with actors, claimed and recorded times, and flags the late entry', async () => {
    const response = await t.gql<{ auditTrail: { headHash: string; entries: { nodes: Array<Record<string, unknown> & { actor: { role: string } }> } } }>(
      `query($id: ID!) { auditTrail(childId: $id) { headHash streamRevision lateThresholdDays
          entries { nodes { streamRevision type summary actor { id role organisation } occurredAt recordedAt late recordedLateByDays hash previousHash } } } }`,
      { id: childId },
      la,
    );
    const trail = response.data.auditTrail;
    expect(trail.entries.nodes.map((e) => e.type)).toEqual([
      'ChildRegistered', 'ParentCarerRecorded', 'AssessmentRequested', 'DecisionToAssess', 'DraftPlanIssued', 'FinalPlanIssued',
      'ProvisionPromised', 'ProvisionPromised', 'ProvisionPromised', 'ProvisionVaried', 'ProvisionDelivered', 'ProvisionDelivered', 'SignedOff',
    ]);
    expect(trail.entries.nodes.map((e) => e.actor.role)).toEqual([
      'la_officer', 'la_officer', 'parent_carer', 'la_officer', 'la_officer', 'la_officer', 'la_officer', 'la_officer', 'la_officer', 'la_officer', 'senco', 'senco', 'la_officer',
    ]);
    const late = trail.entries.nodes.filter((e) => e.late);
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ type: 'ProvisionDelivered', occurredAt: '2024-04-05T00:00:00.000Z', recordedAt: '2024-05-10T10:00:00.000Z', recordedLateByDays: 35 });
    expect(trail.headHash).toBe(steps.at(-1)!.entries[0]!.hash);
    expect(trail.entries.nodes[5]!.summary).toBe('Final EHC plan issued naming Hillside Primary School');
  });

  it('child(asOf) before the variation shows the original promise; now shows the varied one', async () => {
    const query = `query($id: ID!, $asOf: DateTime) { child(id: $id, asOf: $asOf) {
        streamRevision plans { planId status }
        provisions { provisionId status terms { frequency { sessions per } } variations { eventId } sessionsDelivered } } }`;
    const then = await t.gql<{ child: { streamRevision: number; provisions: Array<{ provisionId: string; terms: { frequency: { sessions: number } }; variations: unknown[]; sessionsDelivered: number }>; plans: Array<{ status: string }> } }>(query, { id: childId, asOf: beforeVariation }, la);
    const now = await t.gql<typeof then.data>(query, { id: childId }, la);
    const line = (data: typeof then.data) => data.child.provisions.find((p) => p.provisionId === provisionIds[0])!;
    expect(then.data.child.streamRevision).toBe(8);
    expect(line(then.data).terms.frequency.sessions).toBe(1);
    expect(line(then.data).variations).toHaveLength(0);
    expect(line(now.data).terms.frequency.sessions).toBe(2);
    expect(line(now.data).variations).toHaveLength(1);
    expect(line(now.data).sessionsDelivered).toBe(1);
    expect(now.data.child.plans).toEqual([{ planId, status: 'final' }]);
  });

  it('child(asOf) before registration was recorded finds nothing', async () => {
    const response = await t.gql<{ child: unknown }>('query($id: ID!) { child(id: $id, asOf: "2024-01-09T00:00:00Z") { id } }', { id: childId }, la);
    expect(response.data.child).toBeNull();
  });

  it('promises says who promised each line, when, on whose authority, and its history', async () => {
    const response = await t.gql<{ promises: { nodes: Array<{
      provisionId: string; status: string; promisedBy: { id: string; role: string }; promisedAt: string; authority: { name: string; role: string };
      terms: { frequency: { sessions: number } }; history: Array<{ kind: string; actor: { role: string }; reason: string | null; terms: { frequency: { sessions: number } } }>;
      delivery: { sessionsDelivered: number; sessionsExpectedSoFar: number };
    }> } }>(
      `query($id: ID!) { promises(filter: { childId: $id }) { nodes {
          provisionId status promisedBy { id role } promisedAt authority { name role } terms { frequency { sessions } }
          history { kind actor { role } reason terms { frequency { sessions } } }
          delivery { sessionsDelivered sessionsExpectedSoFar } } } }`,
      { id: childId },
      la,
    );
    const promises = response.data.promises.nodes;
    expect(promises.map((p) => p.provisionId).sort()).toEqual([...provisionIds].sort());
    for (const promise of promises) {
      expect(promise.promisedBy).toEqual({ id: 'la_officer:202:Sam Okafor', role: 'la_officer' });
      expect(promise.promisedAt).toBe('2024-03-01T10:00:00.000Z');
      expect(promise.authority).toEqual({ name: 'R. Mensah', role: 'SEN panel chair' });
      expect(promise.status).toBe('active');
    }
    const varied = promises.find((p) => p.provisionId === provisionIds[0])!;
    expect(varied.history.map((h) => [h.kind, h.terms.frequency.sessions, h.reason])).toEqual([
      ['promised', 1, null],
      ['varied', 2, 'Review of progress: twice weekly needed'],
    ]);
    expect(varied.delivery.sessionsDelivered).toBe(1);
    // 1 a week for 4 Mar-2 Apr (30 days), 2 a week for 3 Apr-10 May (38 days): 30/7 + 2 x 38/7 = 15.1.
    expect(varied.delivery.sessionsExpectedSoFar).toBe(15);
  });

  it('promises(asOf) before the variation shows one version of that promise', async () => {
    const response = await t.gql<{ promises: { nodes: Array<{ provisionId: string; history: unknown[]; terms: { frequency: { sessions: number } } }> } }>(
      'query($id: ID!, $asOf: DateTime) { promises(filter: { childId: $id, asOf: $asOf }) { nodes { provisionId history { kind } terms { frequency { sessions } } } } }',
      { id: childId, asOf: beforeVariation },
      la,
    );
    const line = response.data.promises.nodes.find((p) => p.provisionId === provisionIds[0])!;
    expect(line.history).toHaveLength(1);
    expect(line.terms.frequency.sessions).toBe(1);
  });

  it('promises filters by organisation and section', async () => {
    const byOrg = await t.gql<{ promises: { nodes: Array<{ provisionId: string }> } }>('{ promises(filter: { organisation: "Camden NHS OT service" }) { nodes { provisionId } } }', {}, la);
    expect(byOrg.data.promises.nodes.map((p) => p.provisionId)).toEqual([provisionIds[2]]);
    const senSupport = await t.gql<{ promises: { nodes: unknown[] } }>('{ promises(filter: { section: SEN_SUPPORT }) { nodes { provisionId } } }', {}, la);
    expect(senSupport.data.promises.nodes).toEqual([]);
  });
});
