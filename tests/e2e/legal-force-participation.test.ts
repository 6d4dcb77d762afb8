import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addParent, provisionLine, record, registerChild } from '../support/ledger-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('legal force, participation and the code in force, through the API', () => {
  let t: TestApp;
  let la: string;
  let senco: string;

  beforeAll(async () => {
    t = await startTestApp();
    la = await t.token('la_officer', '202');
    senco = await t.token('senco', '100001');
  });
  afterAll(() => t.close());

  it('a section F promise reads as a statutory duty on the LA, an IEP line as a school commitment without legal force', async () => {
    t.clock.set('2024-01-08T10:00:00Z');
    const { childId } = await registerChild(t, la);
    const request = await record(t, la, 'requestAssessment', childId, { requestedBy: 'parent_carer' });
    await record(t, la, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess' });
    const planId = (await record(t, la, 'issueDraftPlan', childId, { requestId: request.subjectId })).subjectId!;
    t.clock.set('2024-03-01T10:00:00Z');
    await record(t, la, 'issueFinalPlan', childId, { planId, namedSetting: { name: 'Hillside Primary School' } });
    const duty = (await record(t, la, 'promiseProvision', childId, provisionLine(planId))).subjectId;
    const { planId: _planId, ...iepLine } = provisionLine(planId, { section: 'SEN_SUPPORT', description: 'Daily precision teaching for spelling, 10 minutes, 1:1', deliveredBy: { organisation: 'Hillside Primary School', role: 'Teaching assistant' }, authority: { name: 'Priya Shah', role: 'SENCo' } });
    const commitment = (await record(t, senco, 'promiseProvision', childId, iepLine)).subjectId;

    const response = await t.gql<{ promises: { nodes: Array<{ provisionId: string; legalForce: { kind: string; force: string; dutyOn: string } }> }; promiseGroups: Array<{ kind: string; count: number }> }>(
      'query($id: ID!) { promises(filter: { childId: $id }) { nodes { provisionId legalForce { kind force dutyOn } } } promiseGroups(filter: { childId: $id }) { kind count } }',
      { id: childId },
      la,
    );
    const force = (id: string | null) => response.data.promises.nodes.find((p) => p.provisionId === id)!.legalForce;
    expect(force(duty)).toEqual({ kind: 'statutory_duty_la', force: 'must_secure', dutyOn: 'the local authority' });
    expect(force(commitment)).toMatchObject({ kind: 'school_commitment', force: 'best_endeavours' });
    expect(response.data.promiseGroups.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'school_commitment', count: 1 },
      { kind: 'statutory_duty_la', count: 1 },
    ]);
    const onlySchool = await t.gql<{ promises: { nodes: Array<{ provisionId: string }> } }>('query($id: ID!) { promises(filter: { childId: $id, legalForce: school_commitment }) { nodes { provisionId } } }', { id: childId }, la);
    expect(onlySchool.data.promises.nodes.map((p) => p.provisionId)).toEqual([commitment]);
  });

  it('a decision with no views recorded before it is flagged; the flag clears when views dated earlier are recorded, which shows as a late entry', async () => {
    t.clock.set('2024-01-08T10:00:00Z');
    const { childId } = await registerChild(t, la);
    const { token: parent } = await addParent(t, la, childId);
    const request = await record(t, parent, 'requestAssessment', childId, { requestedBy: 'parent_carer' });
    t.clock.set('2024-02-05T10:00:00Z');
    const refusal = await record(t, la, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'not_assess', reasons: 'Needs can be met from SEN support' });
    const query = `query($id: ID!) { participation(childId: $id, asOf: "2024-12-31") {
        summary { decisions withConcerns } findings { decisionType flags { code severity } views { recordedBefore evidence { recordedAfterDecision } } } } }`;
    type Report = { participation: { summary: { decisions: number; withConcerns: number }; findings: Array<{ decisionType: string; flags: Array<{ code: string; severity: string }>; views: { recordedBefore: boolean; evidence: Array<{ recordedAfterDecision: boolean }> } }> } };
    const codes = (r: Report) => r.participation.findings.find((f) => f.decisionType === 'DecisionNotToAssess')!.flags.map((f) => f.code);

    const before = (await t.gql<Report>(query, { id: childId }, la)).data;
    expect(codes(before)).toEqual(expect.arrayContaining(['views-not-recorded-before', 'not-notified']));

    t.clock.set('2024-03-18T10:00:00Z');
    await record(t, parent, 'recordViews', childId, { whose: 'parent_carer', how: 'written', givenBy: { name: 'Jo Parent', relationship: 'Mother' }, summary: 'Reading has stalled and anxiety at school is rising.' }, { occurredAt: '2024-01-20' });
    await record(t, la, 'recordDecisionNotified', childId, { decisionEventId: refusal.entries[0]!.eventId, notifiedTo: 'parent_carer', rightsExplained: { mediation: true, appeal: true } }, { occurredAt: '2024-02-06' });

    const after = (await t.gql<Report>(query, { id: childId }, la)).data;
    const finding = after.participation.findings.find((f) => f.decisionType === 'DecisionNotToAssess')!;
    expect(codes(after)).not.toContain('views-not-recorded-before');
    expect(codes(after)).not.toContain('not-notified');
    expect(finding.views).toEqual({ recordedBefore: true, evidence: [{ recordedAfterDecision: true }] });

    const trail = await t.gql<{ auditTrail: { entries: { nodes: Array<{ late: boolean; recordedLateByDays: number | null }> } } }>(
      'query($id: ID!) { auditTrail(childId: $id, filter: { types: ["ViewsRecorded"] }) { entries { nodes { late recordedLateByDays } } } }',
      { id: childId },
      la,
    );
    expect(trail.data.auditTrail.entries.nodes).toEqual([{ late: true, recordedLateByDays: 58 }]);
  });

  it('an imported 2012 statement transferred to an EHC plan in 2016 gives one continuous trail with the code in force on each entry', async () => {
    t.clock.set('2024-05-01T10:00:00Z');
    const { childId } = await registerChild(t, la, { dateOfBirth: '2006-10-02' }, { occurredAt: '2010-09-06' });
    await record(t, senco, 'recordSchoolActionPlus', childId, { iepSummary: 'IEP: phonics catch-up three times a week', externalSupport: 'Advisory teacher visits' }, { occurredAt: '2011-01-10' });
    const statementId = (await record(t, la, 'recordStatement', childId, { madeBy: '202', provisionSummary: '15 hours a week of teaching assistant support; SALT once a month' }, { occurredAt: '2012-06-01' })).subjectId;
    const planId = (await record(t, la, 'transferStatementToEhcPlan', childId, { statementId, namedSetting: { name: 'Fleet Hill School', urn: '100002' } }, { occurredAt: '2016-03-10' })).subjectId!;
    await record(t, la, 'recordAnnualReview', childId, { planId, decision: 'amend', summary: 'First review of the transferred plan' }, { occurredAt: '2017-03-01' });
    await record(t, la, 'amendPlan', childId, { planId, summary: 'Section F quantified', reason: 'Review of 1 March 2017' }, { occurredAt: '2017-04-20' });

    const trail = await t.gql<{ auditTrail: { entries: { nodes: Array<{ type: string; legalFramework: { framework: string } }> } } }>(
      'query($id: ID!) { auditTrail(childId: $id) { entries { nodes { type legalFramework { framework } } } } }',
      { id: childId },
      la,
    );
    expect(trail.data.auditTrail.entries.nodes.map((e) => [e.type, e.legalFramework.framework])).toEqual([
      ['ChildRegistered', 'sen_code_2001'],
      ['SchoolActionPlusRecorded', 'sen_code_2001'],
      ['StatementMade', 'sen_code_2001'],
      ['StatementTransferredToEhcPlan', 'transitional_2014_2018'],
      ['AnnualReviewHeld', 'send_code_2015'],
      ['PlanAmended', 'send_code_2015'],
    ]);
    const child = await t.gql<{ child: { plans: Array<{ planId: string; status: string; origin: { kind: string; statementId: string }; requestId: string | null; amendments: unknown[] }>; statements: Array<{ transferredToPlanId: string }> } }>(
      'query($id: ID!) { child(id: $id) { plans { planId status origin { kind statementId } requestId amendments { on } } statements { transferredToPlanId } } }',
      { id: childId },
      la,
    );
    expect(child.data.child.plans).toEqual([{ planId, status: 'final', origin: { kind: 'statement_transfer', statementId }, requestId: null, amendments: [{ on: '2017-04-20T00:00:00.000Z' }] }]);
    expect(child.data.child.statements).toEqual([{ transferredToPlanId: planId }]);
  });
});
