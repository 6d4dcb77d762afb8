import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionLine, record, registerChild } from '../support/ledger-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const RECORDED = 'laCode streamRevision subjectId entries { type streamId hash }';

describe('Local Offer accountability through the API', () => {
  let t: TestApp;
  let la: string;
  let parent: string;
  let serviceId: string;
  let oldCommentId: string;

  async function localOffer(token: string, mutation: string, type: string, input: Record<string, unknown>, day: string) {
    t.clock.set(`${day}T10:00:00Z`);
    const response = await t.gql<{ r: { subjectId: string; entries: Array<{ streamId: string }> } }>(
      `mutation($input: ${type}!) { r: ${mutation}(laCode: "202", input: $input) { ${RECORDED} } }`,
      { input },
      token,
    );
    if (!response.data?.r) throw new Error(JSON.stringify(response.errors));
    return response.data.r;
  }

  beforeAll(async () => {
    t = await startTestApp();
    la = await t.token('la_officer', '202');
    parent = await t.token('parent_carer', 'family');
    const listed = await localOffer(la, 'listLocalOfferService', 'LocalOfferServiceInput', {
      name: 'Camden Speech and Language Therapy',
      provider: 'Camden NHS SALT service',
      description: 'Speech and language therapy for children and young people with EHC plans',
      eligibility: 'Children with an EHC plan naming SALT',
      ageRange: { from: 0, to: 19 },
      areasOfNeed: ['communication_and_interaction'],
      category: 'health',
    }, '2023-01-05');
    serviceId = listed.subjectId;
    expect(listed.entries[0]!.streamId).toBe('local-offer-202');

    oldCommentId = (await localOffer(parent, 'commentOnLocalOffer', 'LocalOfferCommentInput', { about: serviceId, topic: 'gaps', summary: 'Waiting lists for SALT are over a year', channel: 'direct' }, '2023-02-01')).subjectId;

    t.clock.set('2023-03-01T09:00:00Z');
    const { childId } = await registerChild(t, la);
    const request = await record(t, la, 'requestAssessment', childId, { requestedBy: 'parent_carer' });
    await record(t, la, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess' });
    const draft = await record(t, la, 'issueDraftPlan', childId, { requestId: request.subjectId });
    t.clock.set('2023-04-01T09:00:00Z');
    await record(t, la, 'issueFinalPlan', childId, { planId: draft.subjectId, namedSetting: { name: 'Hillside Primary School' } });
    await record(t, la, 'promiseProvision', childId, provisionLine(draft.subjectId!, { startDate: '2023-04-03', localOfferServiceId: serviceId }));
    t.clock.set('2024-06-30T09:00:00Z');
  });
  afterAll(() => t.close());

  it('reports a service promised in plans with no delivery in the period, and an unanswered comment older than a year', async () => {
    const response = await t.gql<{ localOfferAccountability: {
      promisedButNeverEvidenced: { nodes: Array<{ serviceId: string; promises: { value: number | null; suppressed: boolean } }> };
      unchecked: { nodes: Array<{ serviceId: string; reason: string }> };
      comments: { nodes: Array<{ commentId: string; status: string; daysWaiting: number }> };
      reg56: { met: boolean; answeredWithinAYear: { met: boolean; unansweredCommentIds: string[] } };
    } }>(
      `{ localOfferAccountability(laCode: "202", from: "2023-04-01", to: "2024-03-31") {
          promisedButNeverEvidenced { nodes { serviceId promises { value suppressed } } } unchecked { nodes { serviceId reason } }
          comments { nodes { commentId status daysWaiting } } reg56 { met answeredWithinAYear { met unansweredCommentIds } } } }`,
      {},
      la,
    );
    const report = response.data.localOfferAccountability;
    // The LA's officer relates to the child whose line it is: the count of one is theirs to see.
    expect(report.promisedButNeverEvidenced.nodes).toEqual([{ serviceId, promises: { value: 1, suppressed: false } }]);
    expect(report.unchecked.nodes).toEqual([{ serviceId, reason: 'never_checked' }]);
    expect(report.comments.nodes).toEqual([{ commentId: oldCommentId, status: 'awaiting', daysWaiting: 515 }]);
    expect(report.reg56.met).toBe(false);
    expect(report.reg56.answeredWithinAYear).toEqual({ met: false, unansweredCommentIds: [oldCommentId] });
  });

  it('only the LA lists services on its own offer', async () => {
    const otherLa = await t.token('la_officer', '204');
    const response = await t.gql(
      'mutation($input: LocalOfferServiceInput!) { listLocalOfferService(laCode: "202", input: $input) { laCode } }',
      { input: { name: 'Portage home visiting', provider: 'Brent Portage', description: 'Home visiting for pre-school children', eligibility: 'Under 5s', ageRange: { from: 0, to: 5 }, areasOfNeed: ['cognition_and_learning'], category: 'education' } },
      otherLa,
    );
    expect(response.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
