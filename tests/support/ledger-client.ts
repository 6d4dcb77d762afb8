import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app.js';

export const RECORDED_FIELDS = `childId streamRevision deduplicated subjectId
  entries { eventId type streamId streamRevision globalPosition hash previousHash data occurredAt recordedAt
            idempotencyKey correlationId causationId actor { id displayName role organisation } }`;

/** Input type of each mutation, as schema.graphql names it. */
const INPUT_TYPES: Record<string, string> = {
  recordParentCarer: 'ParentCarerInput', recordYoungPerson: 'YoungPersonInput', recordProfessionalInvolvement: 'ProfessionalInvolvementInput',
  endProfessionalInvolvement: 'InvolvementEndInput', grantConsent: 'ConsentInput', revokeConsent: 'ConsentRevocationInput', identifyNeeds: 'NeedsInput', planSenSupportCycle: 'SenSupportCycleInput',
  reviewSenSupportCycle: 'SenSupportReviewInput', requestAssessment: 'AssessmentRequestInput', decideAssessment: 'AssessmentDecisionInput',
  requestAdvice: 'AdviceRequestInput', recordAdviceReceived: 'AdviceReceivedInput', decideNotToIssue: 'NotToIssueInput',
  issueDraftPlan: 'DraftPlanInput', issueFinalPlan: 'FinalPlanInput', amendPlan: 'PlanAmendmentInput', ceasePlan: 'PlanCessationInput',
  promiseProvision: 'ProvisionInput', varyProvision: 'ProvisionVariationInput', withdrawProvision: 'ProvisionWithdrawalInput',
  recordDelivery: 'DeliveryInput', reportShortfall: 'ShortfallInput', recordAnnualReview: 'AnnualReviewInput',
  requestProvisionConfirmation: 'ProvisionConfirmationRequestInput', confirmProvisionInPlace: 'ProvisionConfirmationInput', assignCaseworker: 'CaseworkerAssignmentInput',
  namePhaseTransferPlacement: 'PhaseTransferInput', signOff: 'SignOffInput', registerAppeal: 'AppealInput', correctEntry: 'CorrectionInput',
  makeTransitionPlan: 'TransitionPlanInput', recordTransitionActionDone: 'TransitionActionDoneInput', acceptHandover: 'HandoverAcceptanceInput',
  invokeException: 'ExceptionInput', endException: 'ExceptionEndInput', recordMediationCertificate: 'MediationCertificateInput',
  notifyReviewDecision: 'ReviewDecisionInput', notifyLaMove: 'LaMoveInput', transferPlanOut: 'PlanTransferOutInput',
  transferPlanIn: 'PlanTransferInInput', notifyNewLaDecision: 'NewLaDecisionInput',
  recordViews: 'ViewsInput', sendMeetingInvitation: 'MeetingInvitationInput', recordDecisionNotified: 'DecisionNotifiedInput',
  recordCapacityAssessment: 'CapacityAssessmentInput', recordStatement: 'StatementInput', recordSchoolAction: 'SchoolActionInput',
  recordSchoolActionPlus: 'SchoolActionPlusInput', transferStatementToEhcPlan: 'StatementTransferInput',
  placeLegalHold: 'LegalHoldInput',
  requestMediation: 'MediationRequestInput', respondToAppeal: 'AppealResponseInput', recordTribunalDirections: 'TribunalDirectionsInput', listHearing: 'HearingInput',
  recordTribunalDecision: 'TribunalDecisionInput', recordTribunalOrder: 'TribunalOrderInput', recordAppealNotOpposed: 'AppealNotOpposedInput',
  reverseDecision: 'DecisionReversalInput', withdrawAppeal: 'AppealWithdrawalInput', recordTribunalRecommendation: 'TribunalRecommendationInput',
  answerRecommendation: 'RecommendationAnswerInput', setOutcome: 'OutcomeInput', proposePlanAmendment: 'ProposedChangeInput',
  answerPlanAmendment: 'ProposedChangeAnswerInput', withdrawPlanAmendment: 'ProposedChangeWithdrawalInput', issueWorkingDocument: 'WorkingDocumentInput',
  recordIdentifier: 'IdentifierInput', withholdIdentifier: 'IdentifierWithholdingInput', liftIdentifierWithholding: 'IdentifierWithholdingInput',
  recordPupilLeftRoll: 'PupilLeftRollInput', recordCommonTransferFileSent: 'CommonTransferFileSentInput', recordCommonTransferFileReceived: 'CommonTransferFileReceivedInput',
  recordSendFileTransferred: 'SendFileTransferInput', recordSendFileReceived: 'SendFileReceiptInput', liftLegalHold: 'LegalHoldLiftInput', issueHandover: 'HandoverInput', eraseChildRecord: 'ErasureInput',
};

export interface RecordedResult {
  childId: string;
  streamRevision: number;
  deduplicated: boolean;
  subjectId: string | null;
  entries: Array<{
    eventId: string; type: string; streamId: string; streamRevision: number; globalPosition: number; hash: string; previousHash: string;
    data: Record<string, unknown>; occurredAt: string; recordedAt: string; idempotencyKey: string | null;
    correlationId: string; causationId: string; actor: { id: string; displayName: string; role: string; organisation: string };
  }>;
}

export interface MutationOutcome {
  statusCode: number;
  result: RecordedResult | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Send one child-record mutation; returns the Recorded payload or the errors. */
export async function mutate(t: TestApp, token: string, mutation: string, childId: string, input: Record<string, unknown>, options?: Record<string, unknown>): Promise<MutationOutcome> {
  const type = INPUT_TYPES[mutation];
  if (!type) throw new Error(`unknown mutation ${mutation}`);
  const response = await t.gql<{ r: RecordedResult | null }>(
    `mutation($childId: ID!, $input: ${type}!, $options: EntryOptions) { r: ${mutation}(childId: $childId, input: $input, options: $options) { ${RECORDED_FIELDS} } }`,
    { childId, input, options },
    token,
  );
  return { statusCode: response.statusCode, result: response.data?.r ?? null, ...(response.errors ? { errors: response.errors } : {}) };
}

/** Like mutate, but fails the test with the server's error if the mutation was refused. */
export async function record(t: TestApp, token: string, mutation: string, childId: string, input: Record<string, unknown>, options?: Record<string, unknown>): Promise<RecordedResult> {
  const outcome = await mutate(t, token, mutation, childId, input, options);
  if (!outcome.result) throw new Error(`${mutation} refused: ${JSON.stringify(outcome.errors)}`);
  return outcome.result;
}

export async function registerChild(t: TestApp, token: string, input: Record<string, unknown> = {}, options?: Record<string, unknown>): Promise<RecordedResult> {
  const response = await t.gql<{ r: RecordedResult | null }>(
    `mutation($input: RegisterChildInput!, $options: EntryOptions) { r: registerChild(input: $input, options: $options) { ${RECORDED_FIELDS} } }`,
    { input: { displayName: 'Child A (pseudonym)', dateOfBirth: '2013-05-14', laCode: '202', settingUrn: '100001', settingName: 'Hillside Primary School', ...input }, options },
    token,
  );
  if (!response.data?.r) throw new Error(`registerChild refused: ${JSON.stringify(response.errors)}`);
  return response.data.r;
}

export const provisionLine = (planId: string, overrides: Record<string, unknown> = {}) => ({
  section: 'F',
  planId,
  description: 'Speech and language therapy: individual sessions targeting expressive language',
  deliveredBy: { organisation: 'Camden NHS SALT service', role: 'Speech and language therapist', qualification: 'HCPC registered' },
  frequency: { sessions: 1, per: 'week' },
  minutesPerSession: 45,
  groupSize: 1,
  startDate: '2024-03-04',
  authority: { name: 'R. Mensah', role: 'SEN panel chair', reference: 'Panel 2024-02-27' },
  ...overrides,
});

/** Record a parent with parental responsibility (by the LA or the setting) and sign in as them: their token's subject is the personId. */
export async function addParent(t: TestApp, recorder: string, childId: string, name = 'Jo Parent'): Promise<{ token: string; personId: string; recorded: RecordedResult }> {
  const personId = randomUUID();
  const recorded = await record(t, recorder, 'recordParentCarer', childId, { personId, displayName: name, relationship: 'Mother', parentalResponsibility: true });
  return { token: await t.token('parent_carer', 'family', name, personId), personId, recorded };
}
