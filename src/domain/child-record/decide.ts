import { dateOf } from './rules/guards.js';
import { NotFound, RuleViolation } from '../errors.js';
import type { ChildCommand, CommandOf } from './commands.js';
import type { ChildEventType, NewChildEvent } from './events.js';
import type { ChildRecord } from './state.js';
import * as access from './rules/access-rules.js';
import * as assessment from './rules/assessment-rules.js';
import { requireNothingBeforeBirth } from './rules/birth-rules.js';
import * as clock from './rules/clock-rules.js';
import * as correction from './rules/correction-rules.js';
import * as historic from './rules/historic-rules.js';
import * as appeal from './rules/appeal-rules.js';
import * as laTransfer from './rules/la-transfer-rules.js';
import * as participation from './rules/participation-rules.js';
import * as plan from './rules/plan-rules.js';
import * as provision from './rules/provision-rules.js';
import * as confirmation from './rules/provision-confirmation-rules.js';
import * as record from './rules/record-rules.js';
import * as retention from './rules/retention-rules.js';
import * as transition from './rules/transition-rules.js';
import * as workingDocument from './rules/working-document-rules.js';
import * as identifier from './rules/identifier-rules.js';
import * as pupilTransfer from './rules/pupil-transfer-rules.js';

/**
 * The rule that guards each kind of entry. A rule throws to refuse, and may return normalised data.
 * Keeping them in one table means every entry type has exactly one place where its law lives.
 */
type Rule<T extends ChildEventType> = (command: CommandOf<T>, state: ChildRecord) => void | CommandOf<T>['data'];
const RULES: { [T in ChildEventType]: Rule<T> } = {
  ChildRegistered: record.childRegistered,
  ParentCarerRecorded: record.parentCarerRecorded,
  NeedsIdentified: record.needsIdentified,
  SenSupportCyclePlanned: record.senSupportCyclePlanned,
  SenSupportCycleReviewed: record.senSupportCycleReviewed,
  AssessmentRequested: assessment.assessmentRequested,
  DecisionToAssess: assessment.assessmentDecided,
  DecisionNotToAssess: assessment.assessmentDecided,
  AdviceRequested: assessment.adviceRequested,
  AdviceReceived: assessment.adviceReceived,
  DecisionNotToIssue: assessment.decidedNotToIssue,
  DraftPlanIssued: plan.draftPlanIssued,
  FinalPlanIssued: plan.finalPlanIssued,
  PlanAmended: plan.planAmended,
  PlanCeased: plan.planCeased,
  AnnualReviewHeld: plan.annualReviewHeld,
  PhaseTransferPlacementNamed: plan.phaseTransferPlacementNamed,
  AppealRegistered: appeal.appealRegistered,
  MediationRequested: appeal.mediationRequested,
  AppealResponseSubmitted: appeal.appealResponseSubmitted,
  TribunalDirectionsGiven: appeal.tribunalDirectionsGiven,
  HearingListed: appeal.hearingListed,
  TribunalDecisionIssued: appeal.tribunalDecisionIssued,
  TribunalOrderMade: appeal.tribunalOrderMade,
  AppealNotOpposed: appeal.appealNotOpposed,
  DecisionReversed: appeal.decisionReversed,
  AppealWithdrawn: appeal.appealWithdrawn,
  TribunalRecommendationMade: appeal.tribunalRecommendationMade,
  RecommendationAnswered: appeal.recommendationAnswered,
  OutcomeSet: workingDocument.outcomeSet,
  IdentifierRecorded: identifier.identifierRecorded,
  IdentifierWithheld: identifier.identifierWithheld,
  IdentifierWithholdingLifted: identifier.identifierWithholdingLifted,
  PupilLeftRoll: pupilTransfer.pupilLeftRoll,
  CommonTransferFileSent: pupilTransfer.commonTransferFileSent,
  CommonTransferFileReceived: pupilTransfer.commonTransferFileReceived,
  SendFileTransferred: pupilTransfer.sendFileTransferred,
  SendFileReceived: pupilTransfer.sendFileReceived,
  PlanAmendmentProposed: workingDocument.planAmendmentProposed,
  PlanAmendmentAnswered: workingDocument.planAmendmentAnswered,
  PlanAmendmentWithdrawn: workingDocument.planAmendmentWithdrawn,
  WorkingDocumentIssued: workingDocument.workingDocumentIssued,
  LaMoveNotified: laTransfer.laMoveNotified,
  PlanTransferredOut: laTransfer.planTransferredOut,
  PlanTransferredIn: laTransfer.planTransferredIn,
  NewLaDecisionNotified: laTransfer.newLaDecisionNotified,
  TransitionPlanMade: transition.transitionPlanMade,
  TransitionActionDone: transition.transitionActionDone,
  HandoverIssued: transition.handoverIssued,
  HandoverAccepted: transition.handoverAccepted,
  ExceptionInvoked: clock.exceptionInvoked,
  ExceptionEnded: clock.exceptionEnded,
  MediationCertificateIssued: clock.mediationCertificateIssued,
  ReviewDecisionNotified: clock.reviewDecisionNotified,
  ProvisionPromised: provision.provisionPromised,
  ProvisionVaried: provision.provisionVaried,
  ProvisionWithdrawn: provision.provisionWithdrawn,
  ProvisionDelivered: provision.provisionDelivered,
  ShortfallReported: provision.shortfallReported,
  ProvisionConfirmationRequested: confirmation.provisionConfirmationRequested,
  ProvisionConfirmedInPlace: confirmation.provisionConfirmedInPlace,
  CaseworkerAssigned: confirmation.caseworkerAssigned,
  SignedOff: record.signedOff,
  ViewsRecorded: participation.viewsRecorded,
  MeetingInvitationSent: participation.meetingInvitationSent,
  DecisionNotified: participation.decisionNotified,
  CapacityAssessed: participation.capacityAssessed,
  StatementMade: historic.statementMade,
  SchoolActionRecorded: historic.schoolActionRecorded,
  SchoolActionPlusRecorded: historic.schoolActionRecorded,
  StatementTransferredToEhcPlan: historic.statementTransferredToEhcPlan,
  LegalHoldPlaced: retention.legalHoldPlaced,
  LegalHoldLifted: retention.legalHoldLifted,
  ChildRecordErased: retention.childRecordErased,
  YoungPersonRecorded: access.youngPersonRecorded,
  ProfessionalInvolved: access.professionalInvolved,
  ProfessionalInvolvementEnded: access.professionalInvolvementEnded,
  ConsentGranted: access.consentGranted,
  ConsentRevoked: access.consentRevoked,
  EntryCorrected: (command, state) => correction.entryCorrected(command, state, judge),
};

function judge(command: ChildCommand, state: ChildRecord): ChildCommand['data'] {
  requireNothingBeforeBirth(command, state);
  const rule = RULES[command.record] as Rule<typeof command.record>;
  return rule(command as never, state) ?? command.data;
}

export function decide(command: ChildCommand, state: ChildRecord): NewChildEvent[] {
  // First: once the key is destroyed the registration itself reads as erased, and must not be made again.
  if (state.erased) {
    throw new RuleViolation('record-erased', `this child's record was erased on ${dateOf(state.erased.on)}: nothing more may be recorded about the child`);
  }
  if (!state.registered && command.record !== 'ChildRegistered') throw new NotFound('child');
  return [{ type: command.record, data: judge(command, state) } as NewChildEvent];
}
