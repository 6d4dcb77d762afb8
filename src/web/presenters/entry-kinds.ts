import type { ChildEventType } from '../../domain/child-record/events.js';

/** The kinds a family filters the record's timeline by. */
export const ENTRY_KINDS = ['decisions', 'provision', 'deliveries', 'reviews', 'views', 'corrections', 'other'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const ENTRY_KIND_LABELS: Record<EntryKind, { text: string; hint: string }> = {
  decisions: { text: 'Decisions', hint: 'Assessment requests and decisions, advice, plans, appeals and time limits' },
  provision: { text: 'Provision', hint: 'Support promised, changed or withdrawn, and handovers between schools' },
  deliveries: { text: 'Deliveries', hint: 'Sessions delivered and sessions reported missed' },
  reviews: { text: 'Reviews', hint: 'Reviews of the plan or of SEN support, and invitations to them' },
  views: { text: 'Views', hint: "The child's and family's views, and how they were told of decisions" },
  corrections: { text: 'Corrections', hint: 'Corrections, and the entries they correct' },
  other: { text: 'Other', hint: 'Registration, needs, people involved, sign-offs, transition plans and consent' },
};

const KIND_OF: Record<ChildEventType, EntryKind> = {
  AssessmentRequested: 'decisions',
  DecisionToAssess: 'decisions',
  DecisionNotToAssess: 'decisions',
  AdviceRequested: 'decisions',
  AdviceReceived: 'decisions',
  DecisionNotToIssue: 'decisions',
  DraftPlanIssued: 'decisions',
  FinalPlanIssued: 'decisions',
  PlanAmended: 'decisions',
  PlanCeased: 'decisions',
  PhaseTransferPlacementNamed: 'decisions',
  AppealRegistered: 'decisions',
  MediationRequested: 'decisions',
  AppealResponseSubmitted: 'decisions',
  TribunalDirectionsGiven: 'decisions',
  HearingListed: 'decisions',
  TribunalDecisionIssued: 'decisions',
  TribunalOrderMade: 'decisions',
  AppealNotOpposed: 'decisions',
  DecisionReversed: 'decisions',
  AppealWithdrawn: 'decisions',
  TribunalRecommendationMade: 'decisions',
  RecommendationAnswered: 'decisions',
  OutcomeSet: 'provision',
  PlanAmendmentProposed: 'decisions',
  PlanAmendmentAnswered: 'decisions',
  PlanAmendmentWithdrawn: 'decisions',
  WorkingDocumentIssued: 'decisions',
  LaMoveNotified: 'decisions',
  PlanTransferredOut: 'decisions',
  PlanTransferredIn: 'decisions',
  NewLaDecisionNotified: 'decisions',
  ExceptionInvoked: 'decisions',
  ExceptionEnded: 'decisions',
  MediationCertificateIssued: 'decisions',
  StatementMade: 'decisions',
  StatementTransferredToEhcPlan: 'decisions',
  ProvisionPromised: 'provision',
  ProvisionVaried: 'provision',
  ProvisionWithdrawn: 'provision',
  SenSupportCyclePlanned: 'provision',
  SchoolActionRecorded: 'provision',
  SchoolActionPlusRecorded: 'provision',
  HandoverIssued: 'provision',
  IdentifierRecorded: 'other',
  IdentifierWithheld: 'other',
  IdentifierWithholdingLifted: 'other',
  PupilLeftRoll: 'other',
  CommonTransferFileSent: 'other',
  CommonTransferFileReceived: 'other',
  SendFileTransferred: 'other',
  SendFileReceived: 'other',
  HandoverAccepted: 'provision',
  ProvisionDelivered: 'deliveries',
  ShortfallReported: 'deliveries',
  ProvisionConfirmationRequested: 'deliveries',
  ProvisionConfirmedInPlace: 'deliveries',
  CaseworkerAssigned: 'other',
  SenSupportCycleReviewed: 'reviews',
  AnnualReviewHeld: 'reviews',
  ReviewDecisionNotified: 'reviews',
  MeetingInvitationSent: 'reviews',
  ViewsRecorded: 'views',
  DecisionNotified: 'views',
  CapacityAssessed: 'views',
  EntryCorrected: 'corrections',
  ChildRegistered: 'other',
  ParentCarerRecorded: 'other',
  NeedsIdentified: 'other',
  SignedOff: 'other',
  TransitionPlanMade: 'other',
  TransitionActionDone: 'other',
  YoungPersonRecorded: 'other',
  ProfessionalInvolved: 'other',
  ProfessionalInvolvementEnded: 'other',
  ConsentGranted: 'other',
  ConsentRevoked: 'other',
  LegalHoldPlaced: 'other',
  LegalHoldLifted: 'other',
  ChildRecordErased: 'other',
};

/** The kind an entry type is filed under. */
export const entryKindOf = (type: string): EntryKind => KIND_OF[type as ChildEventType] ?? 'other';

export const isEntryKind = (value: unknown): value is EntryKind => typeof value === 'string' && (ENTRY_KINDS as readonly string[]).includes(value);

/**
 * Whether an entry shows under the kinds chosen (none chosen: every entry). An entry that was corrected shows
 * under "corrections" as well as its own kind, so the correction and what it corrects are seen together.
 */
export function entryMatchesKinds(entry: { type: string; supersededBy: readonly string[] }, kinds: readonly EntryKind[]): boolean {
  if (kinds.length === 0) return true;
  if (kinds.includes(entryKindOf(entry.type))) return true;
  return kinds.includes('corrections') && entry.supersededBy.length > 0;
}
