import { z } from 'zod';
import { CLOCK_EVENT_SCHEMAS } from '../statutory-clocks/clock-events.js';
import {
  ADVICE_TYPES, APPEALABLE_DECISIONS, TRANSITIONS, AREAS_OF_NEED, ASSESSMENT_REQUESTERS, CEASE_REASONS, INVITEES, MEETINGS, PHASE_TRANSFERS,
  NEW_LA_DECISIONS, PLAN_DOCUMENT_SECTIONS, PROVISION_SECTIONS, REVIEW_DECISIONS, RIGHTS_HOLDERS, SIGN_OFF_SUBJECTS, TARGET_SETTERS,
  VIEWS_ABOUT, VIEWS_HOW, VIEWS_WHOSE, CONSENT_SCOPES, GRANTEE_ROLES, INVOLVED_SERVICES, authority, claimedInstant, deliveredBy, frequency, id, isoDate, laCode, person, text, urn,
  APPEALED_SECTIONS, APPEAL_PARTIES, SEN_TYPES, RECOMMENDATION_SECTIONS, TRIBUNAL_DIRECTIONS, TRIBUNAL_ORDER_KINDS, TRIBUNAL_OUTCOMES, WORKING_DOCUMENT_SECTIONS, evidenceCitation,
} from './vocabulary.js';
import { IDENTIFIER_SCHEMES, identifierProblem, normalisedIdentifier } from '../identifiers/pupil-identifiers.js';

/** A list with no repeats (who was invited, who set targets). */
const distinct = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).refine((values) => new Set(values).size === values.length, { message: `must not name the same ${what} twice` });

const setting = () => z.object({ name: text(200), urn: urn().optional() });

/** What can change about a promised provision line. */
export const provisionTerms = z.object({
  description: text(4000),
  deliveredBy: deliveredBy(),
  frequency: frequency(),
  minutesPerSession: z.int({ error: 'must be a whole number of minutes' }).min(1, 'must be at least 1 minute').max(1440),
  groupSize: z.int({ error: 'must be a whole number' }).min(1, 'must be at least 1').max(60).optional(),
  startDate: isoDate(),
  endDate: isoDate().optional(),
  localOfferServiceId: text(100).optional(),
  /** The golden thread: the reports the line rests on, and the needs (section B) and outcomes (section E) it serves. */
  evidence: z.array(evidenceCitation()).max(20).optional(),
  needIds: z.array(id()).max(30).optional(),
  outcomeIds: z.array(id()).max(30).optional(),
});

/**
 * One zod schema per event type of the child record stream (`child-<uuid>`).
 * Names follow the domain reference's "Implications for the ledger". Every event is schema version 1.
 */
export const CHILD_EVENT_SCHEMAS = {
  ChildRegistered: z.object({
    childId: id(),
    /** A display name or pseudonym: no more personal data than the record needs. */
    displayName: text(120),
    dateOfBirth: isoDate(),
    laCode: laCode(),
    settingUrn: urn().optional(),
    settingName: text(200).optional(),
  }),
  ParentCarerRecorded: z.object({
    personId: id(),
    displayName: text(120),
    relationship: text(100),
    parentalResponsibility: z.boolean(),
  }),
  NeedsIdentified: z.object({
    needId: id(),
    area: z.enum(AREAS_OF_NEED),
    rank: z.enum(['primary', 'secondary']),
    description: text(),
    /** The DfE type of SEN within the area (what the census and the Common Transfer File carry); optional: needs recorded before it stay valid. */
    senType: z.enum(SEN_TYPES).optional(),
  }),
  SenSupportCyclePlanned: z.object({
    cycleId: id(),
    assessmentSummary: text(),
    outcomes: z.array(text(500)).min(1, 'must list at least one outcome').max(30),
    reviewDueOn: isoDate(),
    /** Who set the targets (CoP 6.48: with the parents and the pupil). Optional: entries made before it existed stay valid. */
    targetsSetWith: distinct(z.enum(TARGET_SETTERS), 'person').min(1, 'name at least one').max(TARGET_SETTERS.length).optional(),
  }),
  SenSupportCycleReviewed: z.object({
    cycleId: id(),
    outcomesMet: z.enum(['met', 'partly_met', 'not_met']),
    progress: text(),
    nextStep: z.enum(['continue', 'new_cycle', 'request_ehc_needs_assessment', 'end_sen_support']),
  }),
  AssessmentRequested: z.object({
    requestId: id(),
    requestedBy: z.enum(ASSESSMENT_REQUESTERS),
    requesterDescription: text(200).optional(),
  }),
  DecisionToAssess: z.object({ requestId: id(), reasons: text().optional() }),
  DecisionNotToAssess: z.object({ requestId: id(), reasons: text() }),
  AdviceRequested: z.object({
    adviceRequestId: id(),
    requestId: id(),
    adviceType: z.enum(ADVICE_TYPES),
    from: z.object({ organisation: text(200), role: text(200) }),
  }),
  AdviceReceived: z.object({
    adviceRequestId: id(),
    summary: text(4000),
    /**
     * The written report the advice came as, where there is one: its length and date are what the tribunal's
     * Practice Direction limits (an expert report of at most 15 pages with a summary of at most 2, no more than
     * 3 years old at the hearing). The report itself is held outside the ledger. Optional: advice recorded
     * before reports were described stays valid.
     */
    report: z
      .object({
        title: text(200),
        author: person(),
        writtenOn: isoDate(),
        pages: z.int().min(1, 'must be at least 1').max(2000),
        summaryPages: z.int().min(0).max(200),
      })
      .optional(),
  }),
  DecisionNotToIssue: z.object({ requestId: id(), reasons: text() }),
  DraftPlanIssued: z.object({ planId: id(), requestId: id(), summary: text(4000).optional() }),
  FinalPlanIssued: z.object({
    planId: id(),
    /** Section I: the school or institution named. */
    namedSetting: z.object({ name: text(200), urn: urn().optional() }),
  }),
  PlanAmended: z.object({
    planId: id(),
    summary: text(4000),
    reason: text(),
    /** Section I, when the amendment names another school or institution; absent, section I is unchanged. */
    namedSetting: setting().optional(),
  }),
  PlanCeased: z.object({ planId: id(), reason: z.enum(CEASE_REASONS), detail: text().optional() }),
  ProvisionPromised: provisionTerms.extend({
    provisionId: id(),
    section: z.enum(PROVISION_SECTIONS),
    planId: id().optional(),
    cycleId: id().optional(),
    authority: authority(),
  }),
  ProvisionVaried: z.object({
    provisionId: id(),
    changes: provisionTerms.partial(),
    reason: text(),
    authority: authority(),
  }),
  ProvisionWithdrawn: z.object({ provisionId: id(), reason: text(), authority: authority() }),
  ProvisionDelivered: z.object({
    provisionId: id(),
    sessions: z.int().min(1, 'must be at least 1').max(100),
    minutes: z.int().min(1, 'must be at least 1 minute').max(10_000),
    deliveredBy: person(),
    notes: text().optional(),
  }),
  ShortfallReported: z.object({
    provisionId: id(),
    periodFrom: isoDate(),
    periodTo: isoDate(),
    sessionsMissed: z.int().min(1, 'must be at least 1').max(1000),
    reason: text(),
  }),
  AnnualReviewHeld: z.object({ planId: id(), decision: z.enum(REVIEW_DECISIONS), summary: text(4000) }),
  /**
   * Not statutory: the LA asks the setting named in a plan to confirm that its provision is in place, by a date
   * (some LAs ask within 4 weeks of issuing the final plan). It starts a clock of its own, stopped by the confirmation.
   */
  ProvisionConfirmationRequested: z.object({ confirmationId: id(), planId: id(), setting: setting() }),
  /** The setting confirms that the plan's provision is in place, naming any line that is not yet. */
  ProvisionConfirmedInPlace: z.object({
    confirmationId: id(),
    confirmedBy: person(),
    /** Lines not yet in place, each with why: the rest of the plan's open provision is confirmed. */
    notInPlace: z.array(z.object({ provisionId: id(), reason: text(1000) })).max(200).default([]),
  }),
  /** The LA names the caseworker who has the child's case: "my cases" on a caseworker's desk. */
  CaseworkerAssigned: z.object({ caseworker: z.object({ id: text(200), displayName: text(120) }) }),
  PhaseTransferPlacementNamed: z.object({
    planId: id().optional(),
    transfer: z.enum(PHASE_TRANSFERS),
    settingName: text(200),
    settingUrn: urn().optional(),
    startsOn: isoDate(),
  }),
  SignedOff: z.object({
    subject: z.enum(SIGN_OFF_SUBJECTS),
    subjectId: id(),
    section: z.enum(PLAN_DOCUMENT_SECTIONS).optional(),
    signatory: person(),
    statement: text().optional(),
  }),
  TransitionPlanMade: z.object({
    transitionId: id(),
    transition: z.enum(TRANSITIONS),
    fromSetting: z.object({ name: text(200), urn: urn().optional() }),
    toSetting: z.object({ name: text(200), urn: urn().optional() }).optional(),
    actions: z
      .array(z.object({ actionId: id(), description: text(500), owner: person(), dueOn: isoDate() }))
      .min(1, 'a transition plan names at least one action')
      .max(50),
  }),
  TransitionActionDone: z.object({ transitionId: id(), actionId: id(), notes: text().optional() }),
  /** The sending setting hands over the record as it stood at a ledger position, with every open promise. */
  HandoverIssued: z.object({
    handoverId: id(),
    transitionId: id().optional(),
    toSetting: z.object({ name: text(200), urn: urn().optional() }),
    /** The child's stream revision and hash the pack was cut at, and the SHA-256 of the pack's canonical bytes. */
    cutAtRevision: z.int().min(0),
    cutAtHash: z.string().regex(/^[0-9a-f]{64}$/),
    packHash: z.string().regex(/^[0-9a-f]{64}$/),
    openProvisionIds: z.array(id()).max(200),
  }),
  /** A named person at the receiving setting signs for the plan and every open promise, disputing any it cannot meet. */
  HandoverAccepted: z.object({
    handoverId: id(),
    signatory: person(),
    acceptedProvisionIds: z.array(id()).max(200),
    disputedProvisions: z.array(z.object({ provisionId: id(), reason: text() })).max(200).default([]),
  }),
  /** Outcomes in section E of a plan, each serving needs in section B: what the provision in F is for. */
  OutcomeSet: z.object({ outcomeId: id(), planId: id(), description: text(2000), needIds: z.array(id()).max(30).default([]) }),
  /** The family asks for mediation about an appealable decision (CFA 2014 s.53; Regs 33). */
  MediationRequested: z.object({ mediationId: id(), against: z.enum(APPEALABLE_DECISIONS), requestId: id().optional(), planId: id().optional() }),
  /**
   * An appeal to the First-tier Tribunal (SEND) registered (CFA 2014 s.51). The reference, the request or plan and the
   * sections appealed are optional: appeals recorded before they were asked for stay valid.
   */
  AppealRegistered: z.object({
    appealId: id(),
    against: z.enum(APPEALABLE_DECISIONS),
    planId: id().optional(),
    requestId: id().optional(),
    tribunalReference: text(40).optional(),
    sections: z.array(z.enum(APPEALED_SECTIONS)).max(3).optional(),
  }),
  /** The LA's response to the appeal (Tribunal Rules r.21): from here a concession ends in a consent order, not reg 45. */
  AppealResponseSubmitted: z.object({ appealId: id(), summary: text(4000) }),
  /** The tribunal's directions: what each party must send by when (evidence, the working document, attendance). */
  TribunalDirectionsGiven: z.object({
    appealId: id(),
    directions: z
      .array(z.object({ direction: z.enum(TRIBUNAL_DIRECTIONS), dueOn: isoDate(), party: z.enum(APPEAL_PARTIES).optional(), detail: text(500).optional() }))
      .min(1, 'give at least one direction')
      .max(20),
  }),
  HearingListed: z.object({ appealId: id(), hearingOn: isoDate(), venue: text(200).optional() }),
  /** The tribunal's decision: dismissed, or allowed (its orders are entries of their own, one per thing ordered). */
  TribunalDecisionIssued: z.object({ appealId: id(), outcome: z.enum(TRIBUNAL_OUTCOMES), summary: text(4000).optional() }),
  /**
   * One thing the tribunal orders (SEND Regs 2014 reg 43(2)), after a hearing or by consent (a consent order). The LA
   * must comply within reg 44's periods, from the order's date. `requestId` for an order to assess or to issue a plan
   * (the request refused), `planId` for an order about a plan.
   */
  TribunalOrderMade: z.object({
    appealId: id(),
    orderId: id(),
    kind: z.enum(TRIBUNAL_ORDER_KINDS),
    consent: z.boolean().default(false),
    requestId: id().optional(),
    planId: id().optional(),
    sections: z.array(z.enum(APPEALED_SECTIONS)).max(3).optional(),
    wording: text(4000),
  }),
  /**
   * SEND Regs 2014 reg 45: before its response, the LA tells the tribunal it will not oppose the appeal; the appeal is
   * treated as decided for the family and the LA must act within reg 45's periods from the day it told the tribunal.
   */
  AppealNotOpposed: z.object({
    appealId: id(),
    outcomeId: id(),
    kind: z.enum(TRIBUNAL_ORDER_KINDS),
    requestId: id().optional(),
    planId: id().optional(),
    sections: z.array(z.enum(APPEALED_SECTIONS)).max(3).optional(),
    wording: text(4000),
  }),
  /**
   * The LA reverses its own refusal to assess or to issue (before a hearing, after mediation, or of its own accord). The
   * refused request stands again: its time limits keep running from the request.
   */
  DecisionReversed: z.object({
    requestId: id(),
    decision: z.enum(['refusal_to_assess', 'refusal_to_issue']),
    appealId: id().optional(),
    reasons: text(),
  }),
  AppealWithdrawn: z.object({ appealId: id(), reason: text(2000).optional() }),
  /**
   * A non-binding recommendation on the health or social care sections in an extended appeal (since 3 April 2018); the
   * body it is made to answers within 5 weeks.
   */
  TribunalRecommendationMade: z.object({
    appealId: id(),
    recommendationId: id(),
    section: z.enum(RECOMMENDATION_SECTIONS),
    madeTo: text(200),
    wording: text(4000),
  }),
  RecommendationAnswered: z.object({ recommendationId: id(), follows: z.boolean(), reasons: text(4000), answeredBy: person() }),
  /**
   * The working document (form SEND23): one party's change to one section of the plan, added or deleted wording, with
   * the evidence it rests on. `about` names the need, outcome or provision line it changes, where it changes one.
   */
  PlanAmendmentProposed: z.object({
    amendmentId: id(),
    planId: id(),
    appealId: id().optional(),
    section: z.enum(WORKING_DOCUMENT_SECTIONS),
    proposedBy: z.enum(APPEAL_PARTIES),
    change: z.enum(['add', 'delete']),
    wording: text(4000),
    about: z.object({ kind: z.enum(['need', 'outcome', 'provision', 'named_setting']), id: id().optional() }).optional(),
    evidence: z.array(evidenceCitation()).max(10).default([]),
  }),
  /** The other party agrees or disputes a proposed change (a dispute says why). */
  PlanAmendmentAnswered: z
    .object({ amendmentId: id(), by: z.enum(APPEAL_PARTIES), answer: z.enum(['agreed', 'disputed']), reason: text(2000).optional() })
    .refine((data) => data.answer === 'agreed' || data.reason !== undefined, { message: 'a dispute says why', path: ['reason'] }),
  PlanAmendmentWithdrawn: z.object({ amendmentId: id(), reason: text(2000).optional() }),
  /** A version of the working document sent between the parties: numbered from 1, dated by the entry. */
  WorkingDocumentIssued: z.object({ appealId: id(), version: z.int().min(1).max(999), issuedBy: z.enum(APPEAL_PARTIES) }),
  /**
   * SEND Regs 2014 reg 15(1)-(2): the LA maintaining the plan records that the child is moving to another
   * LA's area, when the move is (`moveDate`) and the day it became aware of it (`learnedOn`).
   */
  LaMoveNotified: z.object({ moveId: id(), planId: id(), toLaCode: laCode(), moveDate: isoDate(), learnedOn: isoDate() }),
  /** Reg 15(2): the old LA transfers the plan to the new LA ("the transfer"). */
  PlanTransferredOut: z.object({ moveId: id(), planId: id(), toLaCode: laCode() }),
  /** Reg 15(3): the new LA takes the plan on; from now it is treated as made by the new LA, which maintains it. */
  PlanTransferredIn: z.object({ moveId: id(), planId: id(), fromLaCode: laCode() }),
  /** Reg 15(4): the new LA tells the family the plan was transferred, whether it will reassess, and when it will review. */
  NewLaDecisionNotified: z.object({ moveId: id(), planId: id(), decision: z.enum(NEW_LA_DECISIONS), reviewBy: isoDate() }),
  ExceptionInvoked: CLOCK_EVENT_SCHEMAS.ExceptionInvoked,
  ExceptionEnded: CLOCK_EVENT_SCHEMAS.ExceptionEnded,
  MediationCertificateIssued: CLOCK_EVENT_SCHEMAS.MediationCertificateIssued,
  ReviewDecisionNotified: CLOCK_EVENT_SCHEMAS.ReviewDecisionNotified,
  // -------------------------------------------------------------------------------------------
  // National identifiers (UPN, ULN, NHS number), held encrypted with the rest of the record's data
  // -------------------------------------------------------------------------------------------
  /** A national identifier, checked by its check letter or digit; a later one of the same scheme replaces it (a temporary UPN made permanent). */
  IdentifierRecorded: z
    .object({ scheme: z.enum(IDENTIFIER_SCHEMES), value: z.string().max(20) })
    // Checked as written without spaces and in capitals; the rule stores that form (rules/identifier-rules.ts).
    .superRefine((data, context) => {
      const problem = identifierProblem(data.scheme, normalisedIdentifier(data.scheme, data.value));
      if (problem) context.addIssue({ code: 'custom', message: problem, path: ['value'] });
    }),
  /** A decision not to disclose an identifier in returns, lists and transfer files (the record keeps it). */
  IdentifierWithheld: z.object({ scheme: z.enum(IDENTIFIER_SCHEMES), reason: text(1000) }),
  IdentifierWithholdingLifted: z.object({ scheme: z.enum(IDENTIFIER_SCHEMES), reason: text(1000) }),
  // -------------------------------------------------------------------------------------------
  // A pupil leaving a school's roll: the Common Transfer File and the SEND file that go with them
  // -------------------------------------------------------------------------------------------
  /**
   * The pupil came off the setting's roll (Education (Pupil Registration) (England) Regs 2006). It starts the
   * sending school's duty to send the Common Transfer File within 15 school days (Education (Pupil Information)
   * (England) Regs 2005 reg 9(3)).
   */
  PupilLeftRoll: z.object({ leavingId: id(), setting: setting(), leftOn: isoDate(), destination: setting().optional() }),
  /** The sending school sent the Common Transfer File (its SHA-256 says which file). */
  CommonTransferFileSent: z.object({ leavingId: id(), ctfId: id(), to: setting().optional(), sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex') }),
  /** The receiving school took in a Common Transfer File; the reconciliation with the record is a read of it. */
  CommonTransferFileReceived: z.object({ ctfId: id(), from: setting(), sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex') }),
  /** The SEN file itself (reports, plans, reviews), which the CTF does not carry, sent to the next setting. */
  SendFileTransferred: z.object({ transferId: id(), to: setting(), contents: text(2000) }),
  SendFileReceived: z.object({ transferId: id(), receivedBy: person() }),
  // -------------------------------------------------------------------------------------------
  // Participation (CFA 2014 s.19): views, invitations, notices of decisions, capacity (MCA 2005)
  // -------------------------------------------------------------------------------------------
  /**
   * The views, wishes and feelings of the child, parent or young person (CFA 2014 s.19(a)-(b)), as given.
   * The entry's occurredAt is when they were given. Names and relationships only: no contact details.
   */
  ViewsRecorded: z.object({
    viewsId: id(),
    whose: z.enum(VIEWS_WHOSE),
    how: z.enum(VIEWS_HOW),
    givenBy: z.object({ name: text(200), relationship: text(100) }),
    summary: text(4000),
    about: z.object({ kind: z.enum(VIEWS_ABOUT), subjectId: id().optional() }).optional(),
  }),
  /** An invitation to a meeting (Regs 20(3) for annual reviews), with the meeting's date and who was invited. */
  MeetingInvitationSent: z.object({
    invitationId: id(),
    meeting: z.enum(MEETINGS),
    /** What the meeting is about: the planId of a review, the cycleId of an SEN support review... */
    subjectId: id().optional(),
    meetingDate: isoDate(),
    invitees: distinct(z.enum(INVITEES), 'invitee').min(1, 'invite at least one person').max(INVITEES.length),
  }),
  /**
   * The family was told of a decision (the entry's occurredAt is the day they were told), and whether the
   * notice explained mediation and appeal rights (SEND Regs 2014 regs 5, 10 and 32; CFA 2014 s.51).
   */
  DecisionNotified: z.object({
    notificationId: id(),
    /** The event id of the decision entry. */
    decisionEventId: id(),
    notifiedTo: z.enum(RIGHTS_HOLDERS),
    rightsExplained: z.object({ mediation: z.boolean(), appeal: z.boolean() }),
  }),
  /**
   * A Mental Capacity Act 2005 assessment of the young person for a scope of decisions (MCA s.2-3). A recorded
   * lack of capacity keeps the parent as the one whose views and consent count for that scope (CFA 2014 s.80).
   */
  CapacityAssessed: z.object({
    assessmentId: id(),
    hasCapacity: z.boolean(),
    decisionScope: text(500),
    assessedBy: person(),
  }),
  // -------------------------------------------------------------------------------------------
  // Who may see the record: relationships the law recognises (src/domain/access/), and consent
  // -------------------------------------------------------------------------------------------
  /**
   * The young person's own sign-in identity (the subject of their token), so that once the rights pass to them
   * (CFA 2014 s.83(2)) they can read their record and grant or revoke consent. No contact details.
   */
  YoungPersonRecorded: z.object({ personId: id(), displayName: text(120) }),
  /** A health or social care service (or an educational psychology service) is involved with the child. */
  ProfessionalInvolved: z.object({
    involvementId: id(),
    /** The organisation its professionals' tokens name (e.g. an NHS trust's ODS code, or a social care team's code). */
    organisation: text(100),
    service: z.enum(INVOLVED_SERVICES),
    description: text(500),
  }),
  ProfessionalInvolvementEnded: z.object({ involvementId: id(), reason: text(1000) }),
  /**
   * The rights holder lets an advocate or the tribunal read parts of the record until a date (UK GDPR art. 6(1)(a);
   * the record is otherwise read only by those with a legitimate relationship).
   */
  ConsentGranted: z.object({
    grantId: id(),
    to: z.object({
      organisation: text(100),
      role: z.enum(GRANTEE_ROLES),
      /** One person at the organisation; absent, anyone of that role there. */
      personId: text(200).optional(),
    }),
    scope: distinct(z.enum(CONSENT_SCOPES), 'scope').min(1, 'grant at least one kind of read').max(CONSENT_SCOPES.length),
    expiresOn: isoDate(),
    purpose: text(500),
  }),
  ConsentRevoked: z.object({ grantId: id(), reason: text(1000).optional() }),
  // -------------------------------------------------------------------------------------------
  // Historic records (SEN Code of Practice 2001; Education Act 1996 Part 4), imported as entries
  // -------------------------------------------------------------------------------------------
  /** A statement of SEN (Education Act 1996 s.324), made before Part 3 of CFA 2014 replaced statements on 1 September 2014. */
  StatementMade: z.object({
    statementId: id(),
    /** The DfE code of the LA that made the statement (it may have been another LA than today's). */
    madeBy: laCode(),
    provisionSummary: text(4000),
    namedSchool: setting().optional(),
  }),
  /** School Action (SEN Code of Practice 2001, chapters 5-6): the school's own additional provision, planned in an IEP. */
  SchoolActionRecorded: z.object({ iepSummary: text(4000) }),
  /** School Action Plus (SEN Code of Practice 2001, chapters 5-6): School Action with advice or support from outside specialists. */
  SchoolActionPlusRecorded: z.object({ iepSummary: text(4000), externalSupport: text(1000).optional() }),
  /**
   * A transfer review converted a statement into an EHC plan (CFA 2014 transitional arrangements, SI 2014/2270,
   * 1 September 2014 to 1 April 2018). It makes a final EHC plan with no assessment request or draft stage.
   */
  StatementTransferredToEhcPlan: z.object({ statementId: id(), planId: id(), namedSetting: setting() }),
  // -------------------------------------------------------------------------------------------
  // Retention and erasure (UK GDPR art. 17 and 5(1)(e)): legal holds, and crypto-shredding of the record
  // -------------------------------------------------------------------------------------------
  /**
   * Keep the whole record, whatever its retention period, while a claim, appeal, inquiry or investigation
   * needs it. Stored in the clear (see CLEARTEXT_CHILD_EVENT_TYPES): say why without personal data.
   */
  LegalHoldPlaced: z.object({ holdId: id(), reason: text(1000), placedBy: person() }),
  LegalHoldLifted: z.object({ holdId: id(), reason: text(1000) }),
  /**
   * The child's record is erased: the child's data key is destroyed after this entry, so every earlier entry's
   * data becomes unreadable while its hash, and so every proof, stays valid. Stored in the clear.
   */
  ChildRecordErased: z.object({
    reason: z.enum(['retention_period_ended', 'other']),
    /** The retention rule applied, e.g. "date of birth + 31 years" (rules/retention-rules.ts). */
    retentionRule: text(200),
    /** Why the record is erased before its retention period ended (required with reason "other"); no personal data. */
    detail: text(1000).optional(),
    /** The id of the child's data key that is destroyed: the audit trail of the key's destruction. */
    keyId: text(100),
  }),
  EntryCorrected: z.object({
    supersedesEventId: id(),
    reason: text(),
    /** The whole corrected data of the superseded entry (same type, same identifiers). */
    correctedData: z.record(z.string(), z.unknown()).optional(),
    correctedOccurredAt: claimedInstant().optional(),
    /** The entry was made in error and no longer counts (only for entries nothing else builds on). */
    retracted: z.boolean().default(false),
  }),
} as const;

export type ChildEventType = keyof typeof CHILD_EVENT_SCHEMAS;
export type ChildEventData<T extends ChildEventType> = z.output<(typeof CHILD_EVENT_SCHEMAS)[T]>;
export const CHILD_EVENT_SCHEMA_VERSION = 1;

/** An event the decider emits: type and data; the envelope is added by the command handler. */
export type NewChildEvent = { [T in ChildEventType]: { type: T; data: ChildEventData<T> } }[ChildEventType];

/** An event as the fold sees it: data plus the envelope facts the law cares about. */
export type ChildEvent = NewChildEvent & {
  eventId: string;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; displayName: string; role: string; organisation: string };
  /** Set when a later correction replaced this entry's data or date. */
  correctedBy?: string;
};

export const isChildEventType = (type: string): type is ChildEventType => Object.hasOwn(CHILD_EVENT_SCHEMAS, type);

export const childStreamId = (childId: string) => `child-${childId}`;

/**
 * Entry types stored unencrypted in a child stream (src/privacy/encrypting-store.ts): they must stay readable
 * after the child's key is destroyed, to show that the record was erased, when, by whom and that no hold stood.
 * They must therefore carry no personal data about the child.
 */
export const CLEARTEXT_CHILD_EVENT_TYPES: ReadonlySet<string> = new Set<ChildEventType>(['ChildRecordErased', 'LegalHoldPlaced', 'LegalHoldLifted']);

/** What a reader gets as an entry's data once the child's key has been destroyed; the entry's type is kept. */
export const ERASED_DATA = { $erased: true } as const;
export const isErasedData = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && (data as Record<string, unknown>)['$erased'] === true;
