import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordChildEntry } from '../../application/record-child-entry.js';
import { CHILD_EVENT_SCHEMAS, type ChildEventType } from '../../domain/child-record/events.js';
import { requireActor, type RequestContext } from './context.js';
import { uuidFromName } from '../../ledger/deterministic-id.js';
import { badInputFrom } from './errors.js';
import { ledgerEntryView } from './ledger-entry-view.js';

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
export const MUTATIONS: Record<string, MutationSpec> = {
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
    record: (input) => (input['decision'] === 'assess' ? 'DecisionToAssess' : 'DecisionNotToAssess'),
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
  recordAnnualReview: { record: 'AnnualReviewHeld', subject: 'planId' },
  namePhaseTransferPlacement: { record: 'PhaseTransferPlacementNamed', subject: 'planId' },
  signOff: { record: 'SignedOff', subject: 'subjectId' },
  registerAppeal: { record: 'AppealRegistered', newId: 'appealId' },
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

/** GraphQL sends null for a field left empty; the domain's schemas mean "absent" by leaving it out. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

function resolverFor(spec: MutationSpec) {
  return async (_root: unknown, args: { childId?: string; input: Input; options?: Input | null }, context: RequestContext) => {
    const actor = requireActor(context);
    const given = withoutNulls(args.input) as Input;
    const input = spec.prepare ? spec.prepare(given) : given;
    const options = EntryOptionsSchema.safeParse(withoutNulls(args.options ?? {}));
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

    const childIdArg = args.childId ?? (parsed.data as { childId: string }).childId;
    const childId = ChildIdSchema.safeParse(childIdArg);
    if (!childId.success) throw badInputFrom(childId.error, 'childId');

    const recorded = await recordChildEntry(context.services, childId.data, actor, record, parsed.data as never, {
      ...options.data,
      correlationId: context.correlationId,
      causationId: context.requestId,
    });
    const subjectKey = spec.newId ?? spec.subject;
    const subjectId = subjectKey ? (recorded.entries[0]?.data[subjectKey] ?? null) : null;
    return {
      childId: recorded.childId,
      streamRevision: recorded.streamRevision,
      deduplicated: recorded.deduplicated,
      subjectId,
      entries: recorded.entries.map(ledgerEntryView),
    };
  };
}

export const mutationResolvers = Object.fromEntries(Object.entries(MUTATIONS).map(([name, spec]) => [name, resolverFor(spec)]));
