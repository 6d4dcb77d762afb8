import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutate, provisionLine, record, registerChild, RECORDED_FIELDS, type RecordedResult } from '../support/ledger-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PACK = `query($id: ID!, $handoverId: ID) { handoverPack(childId: $id, handoverId: $handoverId) {
  packHash matchesRecordedHash pdfPath cutAt { streamRevision hash }
  child { settingUrn } currentPlan { status namedSetting { name } }
  openPromises { provisionId terms { description } specificAndQuantified }
  upcomingDeadlines { ruleId dueDate state }
  transitions { transition actions { description doneOn } }
  openDisputes { kind reference detail } } }`;

interface Pack {
  packHash: string; matchesRecordedHash: boolean | null; pdfPath: string; cutAt: { streamRevision: number; hash: string };
  openPromises: Array<{ provisionId: string; specificAndQuantified: boolean }>;
  upcomingDeadlines: Array<{ ruleId: string; dueDate: string; state: string }>;
  transitions: Array<{ actions: Array<{ doneOn: string | null }> }>;
  openDisputes: Array<{ kind: string; reference: string; detail: string }>;
}

describe('phase transfer: the primary hands over, the secondary accepts all but one promise', () => {
  let t: TestApp;
  let la: string;
  let primary: string;
  let secondary: string;
  let childId: string;
  const lines: string[] = [];
  let issued: RecordedResult;

  beforeAll(async () => {
    t = await startTestApp();
    la = await t.token('la_officer', '202', 'Sam Okafor');
    primary = await t.token('senco', '100001', 'Priya Shah');
    secondary = await t.token('senco', '100002', 'Tom Reid');

    t.clock.set('2023-01-09T10:00:00Z');
    childId = (await registerChild(t, la)).childId;
    const request = await record(t, la, 'requestAssessment', childId, { requestedBy: 'parent_carer' });
    await record(t, la, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess' });
    const draft = await record(t, la, 'issueDraftPlan', childId, { requestId: request.subjectId });
    t.clock.set('2023-03-01T10:00:00Z');
    await record(t, la, 'issueFinalPlan', childId, { planId: draft.subjectId, namedSetting: { name: 'Hillside Primary School', urn: '100001' } });
    for (const description of ['Speech and language therapy, individual', 'Occupational therapy programme', 'Access to a TA as required']) {
      lines.push((await record(t, la, 'promiseProvision', childId, provisionLine(draft.subjectId!, { description, startDate: '2023-03-06' }))).subjectId!);
    }
    t.clock.set('2024-11-20T10:00:00Z');
    await record(t, la, 'namePhaseTransferPlacement', childId, { planId: draft.subjectId, transfer: 'primary_to_secondary', settingName: 'Fleet Hill School', settingUrn: '100002', startsOn: '2025-09-03' });
    const transition = await record(t, primary, 'makeTransitionPlan', childId, {
      transition: 'primary_to_secondary',
      fromSetting: { name: 'Hillside Primary School', urn: '100001' },
      toSetting: { name: 'Fleet Hill School', urn: '100002' },
      actions: [
        { description: 'Visit Fleet Hill with the SENCo', owner: { name: 'Priya Shah', role: 'SENCo' }, dueOn: '2025-06-30' },
        { description: 'Share therapy reports', owner: { name: 'Priya Shah', role: 'SENCo' }, dueOn: '2025-07-15' },
      ],
    });
    const actionId = (transition.entries[0]!.data['actions'] as Array<{ actionId: string }>)[0]!.actionId;
    t.clock.set('2025-06-20T10:00:00Z');
    await record(t, primary, 'recordTransitionActionDone', childId, { transitionId: transition.subjectId, actionId });
    t.clock.set('2025-07-10T10:00:00Z');
    const response = await t.gql<{ r: RecordedResult }>(
      `mutation($id: ID!, $input: HandoverInput!) { r: issueHandover(childId: $id, input: $input) { ${RECORDED_FIELDS} } }`,
      { id: childId, input: { transitionId: transition.subjectId, toSetting: { name: 'Fleet Hill School', urn: '100002' } } },
      primary,
    );
    issued = response.data.r;
  });
  afterAll(() => t.close());

  it('records the handover with every open promise and the hash of the pack it cut', async () => {
    const entry = issued.entries[0]!;
    expect(entry.type).toBe('HandoverIssued');
    expect([...(entry.data['openProvisionIds'] as string[])].sort()).toEqual([...lines].sort());
    const pack = (await t.gql<{ handoverPack: Pack }>(PACK, { id: childId, handoverId: issued.subjectId }, secondary)).data.handoverPack;
    expect(pack.matchesRecordedHash).toBe(true);
    expect(pack.packHash).toBe(entry.data['packHash']);
    expect(pack.cutAt).toEqual({ streamRevision: entry.data['cutAtRevision'], hash: entry.data['cutAtHash'] });
    expect(pack.openPromises.map((p) => p.provisionId).sort()).toEqual([...lines].sort());
    expect(pack.openPromises.filter((p) => !p.specificAndQuantified)).toHaveLength(1);
    expect(pack.transitions[0]!.actions.map((a) => a.doneOn !== null)).toEqual([true, false]);
    // Reviewed and amended by 15 February of the transfer year (Regs 18): nothing was amended.
    expect(pack.upcomingDeadlines).toContainEqual({ ruleId: 'phase-transfer', dueDate: '2025-02-15', state: 'missed' });
  });

  it('only the receiving setting signs, and it must answer every promise handed over', async () => {
    // A setting the handover was not issued to has no relationship with the child: it is not found.
    const stranger = await t.token('senco', '100003');
    const wrongSetting = await mutate(t, stranger, 'acceptHandover', childId, { handoverId: issued.subjectId, signatory: { name: 'X', role: 'SENCo' }, acceptedProvisionIds: lines });
    expect(wrongSetting.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    // The sending school relates to the child but does not sign for the receiving one.
    const sender = await mutate(t, primary, 'acceptHandover', childId, { handoverId: issued.subjectId, signatory: { name: 'X', role: 'SENCo' }, acceptedProvisionIds: lines });
    expect(sender.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const partial = await mutate(t, secondary, 'acceptHandover', childId, { handoverId: issued.subjectId, signatory: { name: 'Tom Reid', role: 'SENCo' }, acceptedProvisionIds: lines.slice(0, 2) });
    expect(partial.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', rule: 'handover-answer-every-promise' });
  });

  it('the secondary accepts two promises and disputes one; the pack and the audit trail show it', async () => {
    t.clock.set('2025-07-14T10:00:00Z');
    const accepted = await record(t, secondary, 'acceptHandover', childId, {
      handoverId: issued.subjectId,
      signatory: { name: 'Tom Reid', role: 'SENCo' },
      acceptedProvisionIds: lines.slice(0, 2),
      disputedProvisions: [{ provisionId: lines[2], reason: 'Not specific: we cannot staff open-ended TA access' }],
    });
    expect(accepted.entries[0]!.actor.organisation).toBe('100002');

    const now = (await t.gql<{ handoverPack: Pack }>(PACK, { id: childId }, secondary)).data.handoverPack;
    expect(now.openDisputes).toEqual([{ kind: 'handover_dispute', reference: lines[2], detail: 'Fleet Hill School: Not specific: we cannot staff open-ended TA access' }]);
    // The pack as handed over is unchanged by what came after, and still matches its recorded hash.
    const asIssued = (await t.gql<{ handoverPack: Pack }>(PACK, { id: childId, handoverId: issued.subjectId }, secondary)).data.handoverPack;
    expect(asIssued.matchesRecordedHash).toBe(true);

    const trail = await t.gql<{ auditTrail: { entries: { nodes: Array<{ type: string; summary: string; actor: { organisation: string } }> } } }>(
      'query($id: ID!) { auditTrail(childId: $id, filter: { types: ["HandoverIssued", "HandoverAccepted"] }) { entries { nodes { type summary actor { organisation } } } } }',
      { id: childId },
      la,
    );
    expect(trail.data.auditTrail.entries.nodes).toEqual([
      { type: 'HandoverIssued', summary: 'Handover issued to Fleet Hill School with 3 open promise(s), cut at revision 10', actor: { organisation: '100001' } },
      { type: 'HandoverAccepted', summary: 'Handover signed for by Tom Reid, SENCo: 2 promise(s) accepted, 1 disputed', actor: { organisation: '100002' } },
    ]);
  });

  it('after the handover the child is on roll at the secondary for setting-wide deadlines', async () => {
    const query = 'query($urn: String) { deadlines(settingUrn: $urn, asOf: "2025-07-14") { nodes { childId ruleId } } }';
    const atSecondary = await t.gql<{ deadlines: { nodes: Array<{ childId: string }> } }>(query, { urn: '100002' }, la);
    const atPrimary = await t.gql<{ deadlines: { nodes: Array<{ childId: string }> } }>(query, { urn: '100001' }, la);
    expect(atSecondary.data.deadlines.nodes.some((c) => c.childId === childId)).toBe(true);
    expect(atPrimary.data.deadlines.nodes.some((c) => c.childId === childId)).toBe(false);
  });

  it('serves the pack as a PDF to a signed-in caller only', async () => {
    const pdf = await t.app.inject({ method: 'GET', url: `/children/${childId}/handover-pack.pdf?handoverId=${issued.subjectId}`, headers: { authorization: `Bearer ${secondary}` } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(2000);
    const anonymous = await t.app.inject({ method: 'GET', url: `/children/${childId}/handover-pack.pdf` });
    expect(anonymous.statusCode).toBe(401);
    const unknown = await t.app.inject({ method: 'GET', url: '/children/6f1c1a55-0000-4000-8000-000000000000/handover-pack.pdf', headers: { authorization: `Bearer ${secondary}` } });
    expect(unknown.statusCode).toBe(404);
  });
});
