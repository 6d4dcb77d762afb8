import type { ChildEvent, ChildEventData } from './events.js';
import type { PlanType } from './vocabulary.js';


import type { IdentifierScheme } from '../identifiers/pupil-identifiers.js';

export interface RecordedBy {
  eventId: string;
  on: string;
  actor: { id: string; displayName: string; role: string; organisation: string };
}

export type ProvisionTerms = Omit<ChildEventData<'ProvisionPromised'>, 'provisionId' | 'authority'>;

/** A frequency in force from a day (the start date, then the day of each variation). */
export interface FrequencyFrom {
  from: string;
  frequency: ProvisionTerms['frequency'];
}

export interface ProvisionLine extends ProvisionTerms {
  provisionId: string;
  /**
   * Whether the line was withdrawn: what the decider needs to refuse changes to it. What a person reads as the
   * line's status (started, ended, ceased, handed over...) is `provisionStanding` (provision-standing.ts).
   */
  status: 'active' | 'withdrawn';
  promised: RecordedBy & { authority: ChildEventData<'ProvisionPromised'>['authority'] };
  variations: Array<RecordedBy & { reason: string; authority: ChildEventData<'ProvisionVaried'>['authority'] }>;
  withdrawn?: RecordedBy & { reason: string };
  deliveries: { sessions: number; minutes: number };
  /** Each frequency the line has had and the day it applied from, in the order recorded. */
  frequencies: FrequencyFrom[];
  /** Each delivery recorded, with the day it happened: which setting's part it counts for. */
  deliveryLog: Array<{ eventId: string; on: string; sessions: number; minutes: number }>;
}

/** A setting the child was on roll at: where registered, then the receiving setting of each accepted handover. */
export interface SettingOnRoll {
  urn: string | null;
  name: string | null;
  /** The first day on roll there (the registration's or the acceptance's date in England). */
  from: string;
  since: RecordedBy;
  /** The handover that moved the child here; null for the setting registered with. */
  handoverId: string | null;
}

/**
 * How a plan came to be: through an EHC needs assessment (request, decision, draft, final), or by the
 * transfer review of a statement of SEN under the CFA 2014 transitional arrangements (no request, no draft).
 */
export type PlanOrigin = { kind: 'assessment'; requestId: string } | { kind: 'statement_transfer'; statementId: string };

/** A statutory plan in the record. `planType` says which kind (plan-types.ts gives its legal force per section). */
export interface EhcPlan {
  planId: string;
  planType: PlanType;
  origin: PlanOrigin;
  /** The assessment request the plan was made on; absent for a plan transferred from a statement. */
  requestId?: string;
  status: 'draft' | 'final' | 'ceased';
  /**
   * The entry that opened the plan: the draft (Regs 13), or for a transferred statement the transfer itself,
   * which has no draft stage (`origin.kind` says which). Kept non-optional for the readers that sort by it.
   */
  draftIssued: RecordedBy;
  finalIssued?: RecordedBy & { namedSetting: ChildEventData<'FinalPlanIssued'>['namedSetting'] };
  /** Section I as it stands: the setting the final plan named, or the one a later amendment named instead. */
  namedSetting: ChildEventData<'FinalPlanIssued'>['namedSetting'] | null;
  amendments: Array<RecordedBy & { summary: string; reason: string; namedSetting?: ChildEventData<'FinalPlanIssued'>['namedSetting'] }>;
  reviews: Array<RecordedBy & { decision: ChildEventData<'AnnualReviewHeld'>['decision']; summary: string }>;
  ceased?: RecordedBy & { reason: string };
}

export interface AssessmentRequest {
  requestId: string;
  requestedBy: ChildEventData<'AssessmentRequested'>['requestedBy'];
  received: RecordedBy;
  decision?: RecordedBy & { outcome: 'assess' | 'not_assess'; reasons?: string };
  notToIssue?: RecordedBy & { reasons: string };
  planId?: string;
  /**
   * Refusals set aside: reversed by the LA, not opposed on appeal (reg 45) or overturned by an order. The request stands
   * again (its decision or its decision not to issue is cleared), and its time limits run on from the request.
   */
  setAside: Array<{
    refusal: 'refusal_to_assess' | 'refusal_to_issue';
    /** The refusal as it was recorded. */
    was: RecordedBy & { reasons?: string };
    by: RecordedBy & { how: 'reversed' | 'not_opposed' | 'ordered' };
  }>;
}

/** One thing the tribunal ordered, or the LA agreed not to oppose (reg 45): what the LA must now do. */
export interface AppealOutcome {
  /** orderId of an order, outcomeId of a concession. */
  outcomeId: string;
  how: 'ordered' | 'consent_order' | 'not_opposed';
  kind: ChildEventData<'TribunalOrderMade'>['kind'];
  requestId?: string;
  planId?: string;
  sections?: ChildEventData<'TribunalOrderMade'>['sections'];
  wording: string;
  made: RecordedBy;
}

/** An appeal to the First-tier Tribunal (SEND), from registration to its end. */
export interface Appeal extends ChildEventData<'AppealRegistered'>, RecordedBy {
  response?: RecordedBy & { summary: string };
  directions: Array<ChildEventData<'TribunalDirectionsGiven'>['directions'][number] & { given: RecordedBy }>;
  hearings: Array<RecordedBy & { hearingOn: string; venue?: string }>;
  decision?: RecordedBy & Omit<ChildEventData<'TribunalDecisionIssued'>, 'appealId'>;
  outcomes: AppealOutcome[];
  withdrawn?: RecordedBy & { reason?: string };
  /** Working document versions issued, in order. */
  workingDocuments: Array<RecordedBy & { version: number; issuedBy: ChildEventData<'WorkingDocumentIssued'>['issuedBy'] }>;
}

/** A change proposed to a plan's wording in the working document, with each party's answer. */
export interface PlanAmendment extends ChildEventData<'PlanAmendmentProposed'> {
  proposed: RecordedBy;
  /** The plan's version the change was written against: 1 for the final plan, one more for each amendment. */
  planVersion: number;
  answers: Array<RecordedBy & Omit<ChildEventData<'PlanAmendmentAnswered'>, 'amendmentId'>>;
  withdrawn?: RecordedBy & { reason?: string };
}

/**
 * A move of the child, with an EHC plan, to another LA's area (SEND Regs 2014 reg 15): notified and
 * transferred out by the old LA, taken in by the new LA, which then tells the family what it will do.
 */
export interface LaMove {
  moveId: string;
  planId: string;
  /** The LA that maintained the plan when the move was notified (the child's laCode then). */
  fromLaCode: string;
  toLaCode: string;
  moveDate: string;
  learnedOn: string;
  notified: RecordedBy;
  transferredOut?: RecordedBy;
  transferredIn?: RecordedBy;
  newLaDecision?: RecordedBy & Pick<ChildEventData<'NewLaDecisionNotified'>, 'decision' | 'reviewBy'>;
}

/** A statement of SEN (Education Act 1996 s.324) imported from before the 2014 reform, and its transfer, if any. */
export interface Statement extends ChildEventData<'StatementMade'> {
  made: RecordedBy;
  transferred?: RecordedBy & { planId: string };
}

/**
 * The child's record as the entries (after corrections) say it is. It serves the decider's
 * invariants and the `child(asOf)` query alike, so there is one fold of the law, not two.
 */
export interface ChildRecord {
  childId: string | null;
  profile: Omit<ChildEventData<'ChildRegistered'>, 'childId'> | null;
  registered: RecordedBy | null;
  parentCarers: Array<ChildEventData<'ParentCarerRecorded'> & { recorded: RecordedBy }>;
  needs: Array<ChildEventData<'NeedsIdentified'> & { identified: RecordedBy }>;
  senSupportCycles: Record<string, ChildEventData<'SenSupportCyclePlanned'> & { planned: RecordedBy; review?: ChildEventData<'SenSupportCycleReviewed'> & RecordedBy }>;
  assessmentRequests: Record<string, AssessmentRequest>;
  adviceRequests: Record<string, ChildEventData<'AdviceRequested'> & { requested: RecordedBy; received?: RecordedBy & { summary: string } }>;
  plans: Record<string, EhcPlan>;
  provisions: Record<string, ProvisionLine>;
  phaseTransfers: Array<ChildEventData<'PhaseTransferPlacementNamed'> & { named: RecordedBy }>;
  signOffs: Array<ChildEventData<'SignedOff'> & RecordedBy>;
  appeals: Appeal[];
  mediationRequests: Array<ChildEventData<'MediationRequested'> & RecordedBy>;
  /** Section E outcomes of plans, by outcomeId. */
  outcomes: Record<string, ChildEventData<'OutcomeSet'> & { set: RecordedBy }>;
  /** The tribunal's health and social care recommendations, by recommendationId, with the answer. */
  recommendations: Record<
    string,
    ChildEventData<'TribunalRecommendationMade'> & { made: RecordedBy; answered?: RecordedBy & Omit<ChildEventData<'RecommendationAnswered'>, 'recommendationId'> }
  >;
  /** Changes proposed in the working document, by amendmentId. */
  planAmendments: Record<string, PlanAmendment>;
  transitions: Record<string, ChildEventData<'TransitionPlanMade'> & { made: RecordedBy; done: Record<string, RecordedBy & { notes?: string }> }>;
  exceptions: Record<string, ChildEventData<'ExceptionInvoked'> & { invoked: RecordedBy; ended?: RecordedBy & { on: string } }>;
  mediationCertificates: Array<ChildEventData<'MediationCertificateIssued'> & RecordedBy>;
  handovers: Record<string, ChildEventData<'HandoverIssued'> & { issued: RecordedBy; accepted?: ChildEventData<'HandoverAccepted'> & RecordedBy }>;
  /** Moves to another LA (reg 15), by moveId. After a transfer in, `profile.laCode` is the new LA's. */
  laMoves: Record<string, LaMove>;
  /** Views of the child, parent or young person (CFA 2014 s.19), in the order recorded. */
  views: Array<ChildEventData<'ViewsRecorded'> & RecordedBy & { recordedAt: string }>;
  meetingInvitations: Array<ChildEventData<'MeetingInvitationSent'> & RecordedBy>;
  decisionNotices: Array<ChildEventData<'DecisionNotified'> & RecordedBy>;
  capacityAssessments: Array<ChildEventData<'CapacityAssessed'> & RecordedBy>;
  /** Statements of SEN (pre-2014), by statementId. */
  statements: Record<string, Statement>;
  /** School Action / School Action Plus stages (SEN CoP 2001), as imported. */
  historicStages: Array<{ stage: 'school_action' | 'school_action_plus'; iepSummary: string; externalSupport?: string } & RecordedBy>;
  /** Legal holds by holdId: while one is not lifted, the record may not be erased. */
  legalHolds: Record<string, ChildEventData<'LegalHoldPlaced'> & { placed: RecordedBy; lifted?: RecordedBy & { reason: string } }>;
  /**
   * Set once the record is erased. After the key is destroyed the earlier entries' data cannot be read, so
   * the rest of the record is empty: this says why, not that the child never had a record.
   */
  erased: (ChildEventData<'ChildRecordErased'> & RecordedBy) | null;
  /** The setting the child is on roll at: where registered, then the receiving setting of each accepted handover. */
  onRoll: { urn: string | null; name: string | null; since: RecordedBy } | null;
  /** Every setting the child has been on roll at, oldest first; the last is `onRoll`. */
  settingHistory: SettingOnRoll[];
  /** The young person's own sign-in identity, once recorded (they read and consent once the rights pass to them). */
  youngPerson: (ChildEventData<'YoungPersonRecorded'> & { recorded: RecordedBy }) | null;
  /** Health, social care and educational psychology services involved with the child, by involvementId. */
  involvements: Record<string, ChildEventData<'ProfessionalInvolved'> & { involved: RecordedBy; ended?: RecordedBy & { reason: string } }>;
  /** Consent the rights holder gave an advocate or the tribunal to read the record, by grantId. */
  consentGrants: Record<string, ChildEventData<'ConsentGranted'> & { granted: RecordedBy; revoked?: RecordedBy & { reason?: string } }>;
  /** The LA's requests that a plan's provision be confirmed in place, by confirmationId, with the setting's answer. */
  provisionConfirmations: Record<
    string,
    ChildEventData<'ProvisionConfirmationRequested'> & {
      requested: RecordedBy;
      confirmed?: RecordedBy & Omit<ChildEventData<'ProvisionConfirmedInPlace'>, 'confirmationId'>;
    }
  >;
  /** The LA caseworker who has the case now, once one is named. */
  caseworker: (ChildEventData<'CaseworkerAssigned'>['caseworker'] & { assigned: RecordedBy }) | null;
  /** National identifiers by scheme (the latest recorded of each); exports carry only those not withheld. */
  identifiers: Partial<Record<IdentifierScheme, { value: string; recorded: RecordedBy }>>;
  /** Decisions not to disclose an identifier, by scheme, while they stand. */
  withheldIdentifiers: Partial<Record<IdentifierScheme, { reason: string; decided: RecordedBy }>>;
  /** Times the pupil came off a setting's roll, by leavingId, with the Common Transfer File sent for each. */
  leavings: Record<string, PupilLeaving>;
  /** Common Transfer Files a receiving school took in, by ctfId. */
  transferFilesReceived: Record<string, ChildEventData<'CommonTransferFileReceived'> & { received: RecordedBy }>;
  /** SEN files sent to the next setting, by transferId, with their receipt. */
  sendFileTransfers: Record<string, ChildEventData<'SendFileTransferred'> & { sent: RecordedBy; received?: RecordedBy & { receivedBy: ChildEventData<'SendFileReceived'>['receivedBy'] } }>;
  /** The entries as folded (corrections applied), in order: a correction is judged against what came before its target. */
  history: ChildEvent[];
}

export const initialChildRecord = (): ChildRecord => ({
  childId: null,
  profile: null,
  registered: null,
  parentCarers: [],
  needs: [],
  senSupportCycles: {},
  assessmentRequests: {},
  adviceRequests: {},
  plans: {},
  provisions: {},
  provisionConfirmations: {},
  caseworker: null,
  phaseTransfers: [],
  signOffs: [],
  appeals: [],
  mediationRequests: [],
  outcomes: {},
  recommendations: {},
  planAmendments: {},
  transitions: {},
  handovers: {},
  exceptions: {},
  mediationCertificates: [],
  laMoves: {},
  views: [],
  meetingInvitations: [],
  decisionNotices: [],
  capacityAssessments: [],
  statements: {},
  historicStages: [],
  legalHolds: {},
  erased: null,
  onRoll: null,
  settingHistory: [],
  youngPerson: null,
  involvements: {},
  consentGrants: {},
  identifiers: {},
  withheldIdentifiers: {},
  leavings: {},
  transferFilesReceived: {},
  sendFileTransfers: {},
  history: [],
});

export type PupilLeaving = ChildEventData<'PupilLeftRoll'> & {
  left: RecordedBy;
  /** The Common Transfer File sent for this leaving (the 15-school-day duty is met by it). */
  ctfSent?: RecordedBy & Omit<ChildEventData<'CommonTransferFileSent'>, 'leavingId'>;
};


/**
 * An entry still in force, by event id: what a later entry may refer to. Looked up in the history rather than kept
 * as a map, so folding an entry does not copy every earlier one (the fold of a 500-entry record stays linear).
 */
export const entryInForce = (record: Pick<ChildRecord, 'history'>, eventId: string): ChildEvent | undefined =>
  record.history.find((entry) => entry.eventId === eventId && entry.type !== 'EntryCorrected');
