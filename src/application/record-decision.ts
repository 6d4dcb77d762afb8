import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CHILD_EVENT_SCHEMAS, type ChildEventType } from '../domain/child-record/events.js';
import { uuidFromName } from '../ledger/deterministic-id.js';
import type { Actor, ImportSource, LedgerEntry } from '../ledger/envelope.js';
import { BadInput, badInputFrom } from './bad-input.js';
import { recordChildEntry, type LedgerDependencies } from './record-child-entry.js';

type Input = Record<string, unknown>;

interface MutationSpec {
  /** The entry this mutation asks to record (a function when the input decides, e.g. assess or not). */
  record: ChildEventType | ((input: Input) => ChildEventType);
  /** An id field the server generates when the caller leaves it out. */
  newId?: string;
  /** The server always generates the new id: choosing it would tell a caller whether that record exists. */
  serverChosenId?: true;
  /** The input field naming what the mutation acts on, returned as `subjectId`. */
  subject?: string;
  /** Input fields that choose the entry type rather than belong in its data. */
  omit?: string[];
  /** Generate ids nested in the input (e.g. each action of a transition plan). */
  prepare?: (input: Input) => Input;
}

/** One row per decision the API accepts; each maps onto one entry type of the child record. */
export const DECISIONS: Record<string, MutationSpec> = {
  registerChild: { record: 'ChildRegistered', newId: 'childId', serverChosenId: true },
  recordParentCarer: { record: 'ParentCarerRecorded', newId: 'personId' },
  recordYoungPerson: { record: 'YoungPersonRecorded', subject: 'personId' },
  recordProfessionalInvolvement: { record: 'ProfessionalInvolved', newId: 'involvementId' },
  endProfessionalInvolvement: { record: 'ProfessionalInvolvementEnded', subject: 'involvementId' },
  grantConsent: { record: 'ConsentGranted', newId: 'grantId' },
  revokeConsent: { record: 'ConsentRevoked', subject: 'grantId' },
  identifyNeeds: { record: 'NeedsIdentified', newId: 'needId' },
  planSenSupportCycle: { record: 'SenSupportCyclePlanned', newId: 'cycleId' },
  reviewSenSupportCycle: { record: 'SenSupportCycleReviewed', subject: 'cycleId' },
  requestAssessment: { record: 'AssessmentRequested', newId: 'requestId' },
  decideAssessment: {
    record: (input) => {
      // The choice picks the entry, so it is checked here: anything else must not be read as "not to assess".
      if (input['decision'] === 'assess') return 'DecisionToAssess';
      if (input['decision'] === 'not_assess') return 'DecisionNotToAssess';
      throw new BadInput('input.decision: must be assess or not_assess', 'input.decision', [{ field: 'input.decision', message: 'must be assess or not_assess' }]);
    },
    subject: 'requestId',
    omit: ['decision'],
  },
  requestAdvice: { record: 'AdviceRequested', newId: 'adviceRequestId' },
  recordAdviceReceived: { record: 'AdviceReceived', subject: 'adviceRequestId' },
  decideNotToIssue: { record: 'DecisionNotToIssue', subject: 'requestId' },
  issueDraftPlan: { record: 'DraftPlanIssued', newId: 'planId' },
  issueFinalPlan: { record: 'FinalPlanIssued', subject: 'planId' },
  amendPlan: { record: 'PlanAmended', subject: 'planId' },
  ceasePlan: { record: 'PlanCeased', subject: 'planId' },
  promiseProvision: { record: 'ProvisionPromised', newId: 'provisionId' },
  varyProvision: { record: 'ProvisionVaried', subject: 'provisionId' },
  withdrawProvision: { record: 'ProvisionWithdrawn', subject: 'provisionId' },
  recordDelivery: { record: 'ProvisionDelivered', subject: 'provisionId' },
  reportShortfall: { record: 'ShortfallReported', subject: 'provisionId' },
  requestProvisionConfirmation: { record: 'ProvisionConfirmationRequested', newId: 'confirmationId' },
  confirmProvisionInPlace: { record: 'ProvisionConfirmedInPlace', subject: 'confirmationId' },
  assignCaseworker: { record: 'CaseworkerAssigned' },
  recordAnnualReview: { record: 'AnnualReviewHeld', subject: 'planId' },
  namePhaseTransferPlacement: { record: 'PhaseTransferPlacementNamed', subject: 'planId' },
  signOff: { record: 'SignedOff', subject: 'subjectId' },
  registerAppeal: { record: 'AppealRegistered', newId: 'appealId' },
  requestMediation: { record: 'MediationRequested', newId: 'mediationId' },
  respondToAppeal: { record: 'AppealResponseSubmitted', subject: 'appealId' },
  recordTribunalDirections: { record: 'TribunalDirectionsGiven', subject: 'appealId' },
  listHearing: { record: 'HearingListed', subject: 'appealId' },
  recordTribunalDecision: { record: 'TribunalDecisionIssued', subject: 'appealId' },
  recordTribunalOrder: { record: 'TribunalOrderMade', newId: 'orderId' },
  recordAppealNotOpposed: { record: 'AppealNotOpposed', newId: 'outcomeId' },
  reverseDecision: { record: 'DecisionReversed', subject: 'requestId' },
  withdrawAppeal: { record: 'AppealWithdrawn', subject: 'appealId' },
  recordTribunalRecommendation: { record: 'TribunalRecommendationMade', newId: 'recommendationId' },
  answerRecommendation: { record: 'RecommendationAnswered', subject: 'recommendationId' },
  setOutcome: { record: 'OutcomeSet', newId: 'outcomeId' },
  proposePlanAmendment: { record: 'PlanAmendmentProposed', newId: 'amendmentId' },
  answerPlanAmendment: { record: 'PlanAmendmentAnswered', subject: 'amendmentId' },
  withdrawPlanAmendment: { record: 'PlanAmendmentWithdrawn', subject: 'amendmentId' },
  issueWorkingDocument: { record: 'WorkingDocumentIssued', subject: 'appealId' },
  recordIdentifier: { record: 'IdentifierRecorded' },
  withholdIdentifier: { record: 'IdentifierWithheld' },
  liftIdentifierWithholding: { record: 'IdentifierWithholdingLifted' },
  recordPupilLeftRoll: { record: 'PupilLeftRoll', newId: 'leavingId' },
  recordCommonTransferFileSent: { record: 'CommonTransferFileSent', newId: 'ctfId' },
  recordCommonTransferFileReceived: { record: 'CommonTransferFileReceived', newId: 'ctfId' },
  recordSendFileTransferred: { record: 'SendFileTransferred', newId: 'transferId' },
  recordSendFileReceived: { record: 'SendFileReceived', subject: 'transferId' },
  correctEntry: { record: 'EntryCorrected', subject: 'supersedesEventId' },
  makeTransitionPlan: {
    record: 'TransitionPlanMade',
    newId: 'transitionId',
    prepare: (input) => ({ ...input, actions: Array.isArray(input['actions']) ? input['actions'].map((a: Input) => ({ actionId: randomUUID(), ...a })) : input['actions'] }),
  },
  recordTransitionActionDone: { record: 'TransitionActionDone', subject: 'transitionId' },
  acceptHandover: { record: 'HandoverAccepted', subject: 'handoverId' },
  invokeException: { record: 'ExceptionInvoked', newId: 'exceptionId' },
  endException: { record: 'ExceptionEnded', subject: 'exceptionId' },
  recordMediationCertificate: { record: 'MediationCertificateIssued', newId: 'certificateId' },
  notifyReviewDecision: { record: 'ReviewDecisionNotified', subject: 'planId' },
  recordViews: { record: 'ViewsRecorded', newId: 'viewsId' },
  sendMeetingInvitation: { record: 'MeetingInvitationSent', newId: 'invitationId' },
  recordDecisionNotified: { record: 'DecisionNotified', newId: 'notificationId' },
  recordCapacityAssessment: { record: 'CapacityAssessed', newId: 'assessmentId' },
  recordStatement: { record: 'StatementMade', newId: 'statementId' },
  recordSchoolAction: { record: 'SchoolActionRecorded' },
  recordSchoolActionPlus: { record: 'SchoolActionPlusRecorded' },
  transferStatementToEhcPlan: { record: 'StatementTransferredToEhcPlan', newId: 'planId' },
  placeLegalHold: { record: 'LegalHoldPlaced', newId: 'holdId' },
  liftLegalHold: { record: 'LegalHoldLifted', subject: 'holdId' },
  notifyLaMove: { record: 'LaMoveNotified', newId: 'moveId' },
  transferPlanOut: { record: 'PlanTransferredOut', subject: 'moveId' },
  transferPlanIn: { record: 'PlanTransferredIn', subject: 'moveId' },
  notifyNewLaDecision: { record: 'NewLaDecisionNotified', subject: 'moveId' },
};

export const EntryOptionsSchema = z
  .object({
    expectedRevision: z.int().min(0, 'must be 0 or more').optional(),
    idempotencyKey: z.string().max(200, 'must be at most 200 characters').refine((key) => key.trim().length > 0, 'must not be empty').optional(),
    occurredAt: z.string().optional(),
  })
  .default({});

const ChildIdSchema = z.uuid({ error: 'must be a UUID' });

export type DecisionName = keyof typeof DECISIONS & string;

export interface RecordedDecision {
  childId: string;
  streamRevision: number;
  deduplicated: boolean;
  /** The id of what the decision made or acted on (the new plan, the line varied...). */
  subjectId: unknown;
  entries: LedgerEntry[];
}

/**
 * Record one decision by name, as the API's mutation of that name and the web's forms both do: the server makes
 * new ids, the entry's schema reads the input (refusals name `input.<field>`, `options.<field>` or `childId`),
 * and the child record's rules judge it.
 */
export async function recordDecision(
  deps: LedgerDependencies,
  actor: Actor,
  name: string,
  request: {
    childId?: string | undefined;
    input: Input;
    options?: Input;
    correlationId: string;
    causationId: string;
    /** Set by the caseload import alone; never read from a client's options. */
    importedFrom?: ImportSource;
  },
): Promise<RecordedDecision> {
  const spec = DECISIONS[name];
  if (!spec) throw new Error(`no decision called ${name}`);
  const input = spec.prepare ? spec.prepare(request.input) : request.input;
  const options = EntryOptionsSchema.safeParse(request.options ?? {});
  if (!options.success) throw badInputFrom(options.error, 'options');

  const record = typeof spec.record === 'function' ? spec.record(input) : spec.record;
  const data: Input = Object.fromEntries(Object.entries(input).filter(([key]) => !spec.omit?.includes(key)));
  if (spec.newId && (data[spec.newId] === undefined || spec.serverChosenId)) {
    // A retried registration with the same idempotency key must find the same child.
    data[spec.newId] = spec.newId === 'childId' && options.data.idempotencyKey
      ? uuidFromName(actor.organisation, options.data.idempotencyKey)
      : randomUUID();
  }
  const parsed = CHILD_EVENT_SCHEMAS[record].safeParse(data);
  if (!parsed.success) throw badInputFrom(parsed.error, 'input');

  const childIdArg = request.childId ?? (parsed.data as { childId: string }).childId;
  const childId = ChildIdSchema.safeParse(childIdArg);
  if (!childId.success) throw badInputFrom(childId.error, 'childId');

  const recorded = await recordChildEntry(deps, childId.data, actor, record, parsed.data as never, {
    ...options.data,
    correlationId: request.correlationId,
    causationId: request.causationId,
    ...(request.importedFrom ? { importedFrom: request.importedFrom } : {}),
  });
  const subjectKey = spec.newId ?? spec.subject;
  return {
    childId: recorded.childId,
    streamRevision: recorded.streamRevision,
    deduplicated: recorded.deduplicated,
    subjectId: subjectKey ? (recorded.entries[0]?.data[subjectKey] ?? null) : null,
    entries: recorded.entries,
  };
}
