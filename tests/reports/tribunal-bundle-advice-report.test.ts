import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { childWithDecisionToAssess, dataOf, onlyError, type RecordedView } from '../api/api-fixtures.js';

/** The expert report an advice entry describes: what the tribunal bundle's page and age limits judge. */

const RECORDED = 'childId streamRevision subjectId entries { type data }';
const REQUEST_ADVICE = `mutation Ask($childId: ID!, $input: AdviceRequestInput!) { requestAdvice(childId: $childId, input: $input) { ${RECORDED} } }`;
const ADVICE_RECEIVED = `mutation Received($childId: ID!, $input: AdviceReceivedInput!) { recordAdviceReceived(childId: $childId, input: $input) { ${RECORDED} } }`;

const report = {
  title: 'Educational psychology advice for the EHC needs assessment',
  author: { name: 'Dr Nadia Farouk', role: 'Educational psychologist' },
  writtenOn: '2024-11-29',
  pages: 18,
  summaryPages: 3,
};

let t: TestApp;
let la: string;

beforeAll(async () => {
  t = await startTestApp();
  la = await t.token('la_officer', '202');
});
afterAll(async () => {
  await t?.close();
});

async function askForAdvice(): Promise<{ childId: string; adviceRequestId: string }> {
  const { childId, requestId } = await childWithDecisionToAssess(t, la);
  const asked = dataOf(await t.gql<{ requestAdvice: RecordedView }>(REQUEST_ADVICE, {
    childId,
    input: { requestId, adviceType: 'psychological', from: { organisation: 'Camden Educational Psychology Service', role: 'Educational psychologist' } },
  }, la));
  return { childId, adviceRequestId: asked.requestAdvice.subjectId! };
}

describe('advice received with its written report, through the API', () => {
  it('records the report as described, and still records advice without one', async () => {
    const { childId, adviceRequestId } = await askForAdvice();
    const received = dataOf(await t.gql<{ recordAdviceReceived: RecordedView }>(ADVICE_RECEIVED, { childId, input: { adviceRequestId, summary: 'Needs direct language therapy.', report } }, la));
    expect(received.recordAdviceReceived.entries[0]).toMatchObject({ type: 'AdviceReceived', data: { adviceRequestId, summary: 'Needs direct language therapy.', report } });

    const other = await askForAdvice();
    const plain = dataOf(await t.gql<{ recordAdviceReceived: RecordedView }>(ADVICE_RECEIVED, { childId: other.childId, input: { adviceRequestId: other.adviceRequestId, summary: 'Advice without a report.' } }, la));
    expect(plain.recordAdviceReceived.entries[0]!.data).not.toHaveProperty('report');
  });

  it('refuses a report with no pages, naming the field', async () => {
    const { childId, adviceRequestId } = await askForAdvice();
    const error = onlyError(await t.gql(ADVICE_RECEIVED, { childId, input: { adviceRequestId, summary: 'Advice.', report: { ...report, pages: 0 } } }, la));
    expect(error.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'input.report.pages' });
  });
});
