import { expect } from 'vitest';
import type { GqlResponse, TestApp } from '../support/test-app.js';

/** GraphQL documents and small helpers shared by the API tests (not a test file itself). */

const RECORDED = `childId streamRevision deduplicated subjectId
  entries { eventId type data actor { id displayName role organisation } occurredAt recordedAt }`;

export const REGISTER_CHILD = `mutation Register($input: RegisterChildInput!, $options: EntryOptions) {
  registerChild(input: $input, options: $options) { ${RECORDED} }
}`;

export const REQUEST_ASSESSMENT = `mutation RequestAssessment($childId: ID!, $input: AssessmentRequestInput!, $options: EntryOptions) {
  requestAssessment(childId: $childId, input: $input, options: $options) { ${RECORDED} }
}`;

export const DECIDE_ASSESSMENT = `mutation Decide($childId: ID!, $input: AssessmentDecisionInput!, $options: EntryOptions) {
  decideAssessment(childId: $childId, input: $input, options: $options) { ${RECORDED} }
}`;

export const ISSUE_DRAFT_PLAN = `mutation Draft($childId: ID!, $input: DraftPlanInput!, $options: EntryOptions) {
  issueDraftPlan(childId: $childId, input: $input, options: $options) { ${RECORDED} }
}`;

export const ISSUE_FINAL_PLAN = `mutation Final($childId: ID!, $input: FinalPlanInput!, $options: EntryOptions) {
  issueFinalPlan(childId: $childId, input: $input, options: $options) { ${RECORDED} }
}`;

export const PROMISE_PROVISION = `mutation Promise($childId: ID!, $input: ProvisionInput!, $options: EntryOptions) {
  promiseProvision(childId: $childId, input: $input, options: $options) { ${RECORDED} }
}`;

export const ME = '{ me { id displayName role organisation } }';

export interface RecordedView {
  childId: string;
  streamRevision: number;
  deduplicated: boolean;
  subjectId: string | null;
  entries: Array<{
    eventId: string;
    type: string;
    data: Record<string, unknown>;
    actor: { id: string; displayName: string; role: string; organisation: string };
    occurredAt: string;
    recordedAt: string;
  }>;
}

export const childInput = (overrides: Record<string, unknown> = {}) => ({
  displayName: 'Ada Test-Child',
  dateOfBirth: '2016-05-04',
  laCode: '202',
  // On roll at the school whose SENCo the tests sign in as, so both the LA and the school relate to the child.
  settingUrn: '100001',
  ...overrides,
});

export const senSupportProvision = (overrides: Record<string, unknown> = {}) => ({
  section: 'SEN_SUPPORT',
  description: 'Small-group speech and language sessions',
  deliveredBy: { organisation: 'Hillside Primary School', role: 'Teaching assistant' },
  frequency: { sessions: 2, per: 'week' },
  minutesPerSession: 30,
  startDate: '2024-09-02',
  authority: { name: 'Priya Senco', role: 'SENCO' },
  ...overrides,
});

/** The single error of a response, asserting there is exactly one. */
export function onlyError<T>(response: GqlResponse<T>) {
  expect(response.errors, JSON.stringify(response)).toHaveLength(1);
  return response.errors![0]!;
}

/** The data of a response that must have succeeded. */
export function dataOf<T>(response: GqlResponse<T>): T {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  expect(response.statusCode).toBe(200);
  return response.data;
}

export async function registerChild(t: TestApp, token: string, input: Record<string, unknown> = childInput()): Promise<string> {
  const response = await t.gql<{ registerChild: RecordedView }>(REGISTER_CHILD, { input }, token);
  return dataOf(response).registerChild.childId;
}

/** Registers a child, requests an assessment and records the LA's decision to assess; returns the ids. */
export async function childWithDecisionToAssess(t: TestApp, laToken: string): Promise<{ childId: string; requestId: string }> {
  const childId = await registerChild(t, laToken);
  const requested = dataOf(
    await t.gql<{ requestAssessment: RecordedView }>(REQUEST_ASSESSMENT, { childId, input: { requestedBy: 'parent_carer' } }, laToken),
  );
  const requestId = requested.requestAssessment.subjectId!;
  dataOf(await t.gql(DECIDE_ASSESSMENT, { childId, input: { requestId, decision: 'assess' } }, laToken));
  return { childId, requestId };
}
