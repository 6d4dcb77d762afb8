import type { Actor } from '../../ledger/envelope.js';
import type { ChildEventData, ChildEventType } from '../child-record/events.js';
import type { ChildRecord } from '../child-record/state.js';
import { NotFound, NotPermitted } from '../errors.js';
import { SETTING_ROLES, type Role } from '../roles.js';
import { currentRelationships, type RelationshipKind } from './relationships.js';

const LA: RelationshipKind[] = ['local_authority'];
const SETTING: RelationshipKind[] = ['setting'];
const LA_OR_SETTING: RelationshipKind[] = ['local_authority', 'setting'];
const CASE_WORKERS: RelationshipKind[] = ['local_authority', 'setting', 'professional'];
/** "Any party with access may raise a dispute": everyone with a relationship, and advocates with consent. */
const ANY_PARTY: RelationshipKind[] = ['rights_holder', 'local_authority', 'setting', 'professional', 'consent'];
/** The parties to an appeal: the family (or their advocate, with consent) and the LA. */
const APPEAL_PARTIES: RelationshipKind[] = ['rights_holder', 'local_authority', 'consent'];

/**
 * Who records each kind of entry, by relationship (the law's roles). The rules in
 * src/domain/child-record/rules/ then narrow further (e.g. only the child's own LA, only the issuer of a
 * plan type, only the organisation that recorded an entry corrects it).
 */
export const WRITE_PERMISSIONS: Record<Exclude<ChildEventType, 'ChildRegistered'>, readonly RelationshipKind[]> = {
  ParentCarerRecorded: LA_OR_SETTING,
  YoungPersonRecorded: LA_OR_SETTING,
  NeedsIdentified: CASE_WORKERS,
  // The graduated approach is the school's (CoP 6.44-6.56).
  SenSupportCyclePlanned: SETTING,
  SenSupportCycleReviewed: SETTING,
  SchoolActionRecorded: SETTING,
  SchoolActionPlusRecorded: SETTING,
  // A parent, young person, school or other professional may ask the LA to assess (CFA 2014 s.36(1); CoP 9.8-9.9).
  AssessmentRequested: ['rights_holder', 'setting', 'professional', 'local_authority'],
  // Advice is recorded by the LA that asked for it, or by the involved service that gives it (Regs 6-7).
  AdviceReceived: ['local_authority', 'professional'],
  // Assessment, plan and cessation decisions are the LA's alone (CFA 2014 ss.36-45).
  DecisionToAssess: LA,
  DecisionNotToAssess: LA,
  AdviceRequested: LA,
  DecisionNotToIssue: LA,
  DraftPlanIssued: LA,
  FinalPlanIssued: LA,
  PlanAmended: LA,
  PlanCeased: LA,
  PhaseTransferPlacementNamed: LA,
  ReviewDecisionNotified: LA,
  ExceptionInvoked: LA,
  ExceptionEnded: LA,
  StatementMade: LA,
  StatementTransferredToEhcPlan: LA,
  LaMoveNotified: LA,
  PlanTransferredOut: LA,
  PlanTransferredIn: LA,
  NewLaDecisionNotified: LA,
  ChildRecordErased: LA,
  // The school holds the annual review meeting (Regs 20); the LA decides on it.
  AnnualReviewHeld: LA_OR_SETTING,
  // Plan provision is the LA's; SEN support provision the setting's (the provision rules check which).
  ProvisionPromised: LA_OR_SETTING,
  ProvisionVaried: LA_OR_SETTING,
  ProvisionWithdrawn: LA_OR_SETTING,
  // Settings record deliveries and shortfalls; so do the LA and the services that deliver provision.
  ProvisionDelivered: CASE_WORKERS,
  ShortfallReported: ANY_PARTY,
  // The LA asks; the setting the child is on roll at answers (an LA's own request, not the law's).
  ProvisionConfirmationRequested: LA,
  ProvisionConfirmedInPlace: SETTING,
  CaseworkerAssigned: LA,
  AppealRegistered: APPEAL_PARTIES,
  MediationRequested: APPEAL_PARTIES,
  // The parties record what the tribunal sent them (directions, listing, decision, orders, recommendations).
  TribunalDirectionsGiven: APPEAL_PARTIES,
  HearingListed: APPEAL_PARTIES,
  TribunalDecisionIssued: APPEAL_PARTIES,
  TribunalOrderMade: APPEAL_PARTIES,
  TribunalRecommendationMade: APPEAL_PARTIES,
  AppealWithdrawn: APPEAL_PARTIES,
  // The LA's own moves in an appeal: its response, not opposing it (reg 45), reversing its refusal.
  AppealResponseSubmitted: LA,
  AppealNotOpposed: LA,
  DecisionReversed: LA,
  // The body a recommendation was made to answers it: the LA's social care, or a health service.
  RecommendationAnswered: ['local_authority', 'professional'],
  OutcomeSet: LA,
  // The working document goes back and forth between the parties (the rules check each writes its own part).
  PlanAmendmentProposed: APPEAL_PARTIES,
  PlanAmendmentAnswered: APPEAL_PARTIES,
  PlanAmendmentWithdrawn: APPEAL_PARTIES,
  WorkingDocumentIssued: APPEAL_PARTIES,
  MediationCertificateIssued: ['rights_holder', 'local_authority'],
  SignedOff: ['rights_holder', 'local_authority', 'setting', 'professional'],
  TransitionPlanMade: CASE_WORKERS,
  TransitionActionDone: CASE_WORKERS,
  HandoverIssued: LA_OR_SETTING,
  HandoverAccepted: ['receiving_setting'],
  // Parents and young people record their own views; others record the views they gathered (CFA 2014 s.19).
  ViewsRecorded: ANY_PARTY,
  MeetingInvitationSent: LA_OR_SETTING,
  DecisionNotified: LA_OR_SETTING,
  CapacityAssessed: CASE_WORKERS,
  ProfessionalInvolved: CASE_WORKERS,
  ProfessionalInvolvementEnded: CASE_WORKERS,
  // Only the rights holder gives or withdraws consent to read the record.
  ConsentGranted: ['rights_holder'],
  ConsentRevoked: ['rights_holder'],
  // The tribunal may hold a record it has before it (the retention rules check the role).
  LegalHoldPlaced: ['local_authority', 'consent'],
  LegalHoldLifted: ['local_authority', 'consent'],
  // Identifiers come from the school (UPN), the LA and the services involved (NHS number); a school or the LA decides not to disclose one.
  IdentifierRecorded: CASE_WORKERS,
  IdentifierWithheld: LA_OR_SETTING,
  IdentifierWithholdingLifted: LA_OR_SETTING,
  // The school the pupil leaves records the leaving and sends the files, while its duty to send them lasts.
  PupilLeftRoll: SETTING,
  CommonTransferFileSent: ['setting', 'sending_setting'],
  SendFileTransferred: ['setting', 'sending_setting'],
  // The next school records what it received (the handover has made it the setting on roll, or is on its way to it).
  CommonTransferFileReceived: ['setting', 'receiving_setting'],
  SendFileReceived: ['setting', 'receiving_setting'],
  // Whoever may record an entry may correct it; the correction rules check it is theirs.
  EntryCorrected: ANY_PARTY,
};

const words = (kinds: readonly RelationshipKind[]) => kinds.map((k) => k.replace(/_/g, ' ')).join(', ');

/**
 * May this actor record this entry about the child now? With no relationship at all the child must look
 * absent (NotFound), so a write cannot be used to learn that a record exists; with a relationship that
 * does not allow this entry, the refusal says who records it.
 */
export function authoriseRecording<T extends ChildEventType>(record: ChildRecord, actor: Actor, type: T, data: ChildEventData<T>, now: Date): void {
  if (type === 'ChildRegistered') return authoriseRegistration(actor, data as ChildEventData<'ChildRegistered'>, record, now);
  const relationships = currentRelationships(record, actor, now);
  if (relationships.length === 0) throw new NotFound('child');
  const allowed = WRITE_PERMISSIONS[type as Exclude<ChildEventType, 'ChildRegistered'>];
  if (!relationships.some((r) => allowed.includes(r.kind))) {
    throw new NotPermitted(`${type} is recorded by: ${words(allowed)}; as ${actor.role} of ${actor.organisation} you are ${words(relationships.map((r) => r.kind))} for this child`);
  }
}

/** A child is registered by an officer of its LA, or by staff of the setting it is on roll at. */
function authoriseRegistration(actor: Actor, data: ChildEventData<'ChildRegistered'>, record: ChildRecord, now: Date): void {
  // A second registration of an existing child is the record rules' refusal; it must not reveal the child to strangers.
  if (record.profile && currentRelationships(record, actor, now).length === 0) throw new NotFound('child');
  const ownLa = actor.role === 'la_officer' && actor.organisation === data.laCode;
  const ownSetting = SETTING_ROLES.includes(actor.role as Role) && data.settingUrn !== undefined && actor.organisation === data.settingUrn;
  if (!ownLa && !ownSetting) {
    throw new NotPermitted(`a child is registered by an officer of its local authority (${data.laCode}) or staff of the setting it is on roll at`);
  }
}
