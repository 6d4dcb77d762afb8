import { englandDateOf } from '../src/domain/calendar/iso-date.js';
import { identifierName } from '../src/domain/identifiers/pupil-identifiers.js';
import { isErasedData, type ChildEvent } from '../src/domain/child-record/events.js';

/** The legal date of an instant: its day in England. */
const day = (iso: string) => englandDateOf(iso);
const words = (value: string) => value.replaceAll('_', ' ');
const capitalised = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/** One line a tribunal panel can read, per entry. Carries no more personal data than the entry itself. */
export function summariseEntry(event: ChildEvent): string {
  if (isErasedData(event.data)) return `${event.type} entry: its content was erased with the child's record`;
  switch (event.type) {
    case 'ChildRegistered':
      return `Child registered with local authority ${event.data.laCode}${event.data.settingName ? ` at ${event.data.settingName}` : ''}`;
    case 'ParentCarerRecorded':
      return `${event.data.relationship} recorded${event.data.parentalResponsibility ? ' with parental responsibility' : ''}`;
    case 'NeedsIdentified':
      return `${event.data.rank === 'primary' ? 'Primary' : 'Secondary'} need identified: ${words(event.data.area)}`;
    case 'SenSupportCyclePlanned':
      return `SEN support cycle planned with ${event.data.outcomes.length} outcome(s), review due ${event.data.reviewDueOn}${event.data.targetsSetWith ? `; targets set with ${event.data.targetsSetWith.map(words).join(', ')}` : ''}`;
    case 'SenSupportCycleReviewed':
      return `SEN support cycle reviewed: outcomes ${words(event.data.outcomesMet)}, next step ${words(event.data.nextStep)}`;
    case 'AssessmentRequested':
      return `EHC needs assessment requested by ${words(event.data.requestedBy)}`;
    case 'DecisionToAssess':
      return 'Local authority decided to carry out an EHC needs assessment';
    case 'DecisionNotToAssess':
      return 'Local authority decided not to carry out an EHC needs assessment';
    case 'AdviceRequested':
      return `${capitalised(words(event.data.adviceType))} advice requested from ${event.data.from.organisation}`;
    case 'AdviceReceived':
      return 'Advice received';
    case 'DecisionNotToIssue':
      return 'Local authority decided not to issue an EHC plan';
    case 'DraftPlanIssued':
      return 'Draft EHC plan issued';
    case 'FinalPlanIssued':
      return `Final EHC plan issued naming ${event.data.namedSetting.name}`;
    case 'PlanAmended':
      return `EHC plan amended${event.data.namedSetting ? `, section I now naming ${event.data.namedSetting.name}` : ''}: ${event.data.reason}`;
    case 'PlanCeased':
      return `EHC plan ceased (${words(event.data.reason)})`;
    case 'ProvisionPromised':
      return `Section ${event.data.section} provision promised: ${event.data.description} by ${event.data.deliveredBy.role}, ${event.data.deliveredBy.organisation}, ${event.data.frequency.sessions} per ${words(event.data.frequency.per)} x ${event.data.minutesPerSession} min`;
    case 'ProvisionVaried':
      return `Provision varied (${Object.keys(event.data.changes).join(', ')}): ${event.data.reason}`;
    case 'ProvisionWithdrawn':
      return `Provision withdrawn: ${event.data.reason}`;
    case 'ProvisionDelivered':
      return `Provision delivered: ${event.data.sessions} session(s), ${event.data.minutes} min by ${event.data.deliveredBy.role}`;
    case 'ShortfallReported':
      return `Shortfall reported: ${event.data.sessionsMissed} session(s) missed ${event.data.periodFrom} to ${event.data.periodTo}`;
    case 'ProvisionConfirmationRequested':
      return `Local authority asked ${event.data.setting.name} to confirm the plan's provision is in place`;
    case 'ProvisionConfirmedInPlace':
      return `Provision confirmed in place by ${event.data.confirmedBy.role}${event.data.notInPlace.length ? `, except ${event.data.notInPlace.length} line(s)` : ''}`;
    case 'CaseworkerAssigned':
      return `Caseworker named: ${event.data.caseworker.displayName}`;
    case 'AnnualReviewHeld':
      return `Annual review held: decision to ${event.data.decision}`;
    case 'PhaseTransferPlacementNamed':
      return `Phase transfer (${words(event.data.transfer)}): ${event.data.settingName} from ${event.data.startsOn}`;
    case 'SignedOff':
      return `Signed off (${event.data.section ? `section ${event.data.section}` : words(event.data.subject)}) by ${event.data.signatory.name}, ${event.data.signatory.role}`;
    case 'TransitionPlanMade':
      return `Transition plan made (${words(event.data.transition)}) with ${event.data.actions.length} action(s)`;
    case 'TransitionActionDone':
      return 'Transition action done';
    case 'IdentifierRecorded':
      // The number itself stays out of a line a panel reads: the record holds it.
      return `${identifierName(event.data.scheme)} recorded`;
    case 'IdentifierWithheld':
      return `Decision not to disclose the ${identifierName(event.data.scheme)} in returns and transfer files`;
    case 'IdentifierWithholdingLifted':
      return `The ${identifierName(event.data.scheme)} may be disclosed again`;
    case 'PupilLeftRoll':
      return `Left the roll of ${event.data.setting.name} on ${event.data.leftOn}${event.data.destination ? `, going to ${event.data.destination.name}` : ''}`;
    case 'CommonTransferFileSent':
      return `Common Transfer File sent${event.data.to ? ` to ${event.data.to.name}` : ''}`;
    case 'CommonTransferFileReceived':
      return `Common Transfer File received from ${event.data.from.name}`;
    case 'SendFileTransferred':
      return `SEN file sent to ${event.data.to.name}: ${event.data.contents}`;
    case 'SendFileReceived':
      return `SEN file received by ${event.data.receivedBy.name}, ${event.data.receivedBy.role}`;
    case 'HandoverIssued':
      return `Handover issued to ${event.data.toSetting.name} with ${event.data.openProvisionIds.length} open promise(s), cut at revision ${event.data.cutAtRevision}`;
    case 'HandoverAccepted':
      return `Handover signed for by ${event.data.signatory.name}, ${event.data.signatory.role}: ${event.data.acceptedProvisionIds.length} promise(s) accepted, ${event.data.disputedProvisions.length} disputed`;
    case 'ExceptionInvoked':
      return `Exception to the time limit invoked (reg 10(4)(${event.data.ground})) from ${event.data.from}${event.data.to ? ` to ${event.data.to}` : ''}: ${event.data.reason}`;
    case 'ExceptionEnded':
      return `Exception ended on ${event.data.on}`;
    case 'MediationCertificateIssued':
      return `Mediation certificate issued (${words(event.data.against)})`;
    case 'ReviewDecisionNotified':
      return `Review decision notified: ${event.data.decision}`;
    case 'AppealRegistered':
      return `Appeal registered against ${words(event.data.against)}${event.data.tribunalReference ? ` (${event.data.tribunalReference})` : ''}`;
    case 'MediationRequested':
      return `Mediation requested about ${words(event.data.against)}`;
    case 'AppealResponseSubmitted':
      return 'Local authority responded to the appeal';
    case 'TribunalDirectionsGiven':
      return `Tribunal directions: ${event.data.directions.map((d) => `${words(d.direction)} by ${d.dueOn}`).join('; ')}`;
    case 'HearingListed':
      return `Hearing listed for ${event.data.hearingOn}`;
    case 'TribunalDecisionIssued':
      return `Tribunal decision: appeal ${words(event.data.outcome)}`;
    case 'TribunalOrderMade':
      return `${event.data.consent ? 'Consent order' : 'Tribunal order'}: ${words(event.data.kind)}`;
    case 'AppealNotOpposed':
      return `Local authority did not oppose the appeal: ${words(event.data.kind)}`;
    case 'DecisionReversed':
      return `Local authority reversed its ${words(event.data.decision)}`;
    case 'AppealWithdrawn':
      return 'Appeal withdrawn';
    case 'TribunalRecommendationMade':
      return `Tribunal recommendation on section ${event.data.section} to ${event.data.madeTo}`;
    case 'RecommendationAnswered':
      return `Recommendation answered: ${event.data.follows ? 'it will be followed' : 'it will not be followed'}`;
    case 'OutcomeSet':
      return 'Outcome set in section E';
    case 'PlanAmendmentProposed':
      return `${words(event.data.proposedBy)} proposed to ${event.data.change} wording in section ${event.data.section}`;
    case 'PlanAmendmentAnswered':
      return `${words(event.data.by)} ${event.data.answer} a proposed change`;
    case 'PlanAmendmentWithdrawn':
      return 'Proposed change withdrawn';
    case 'WorkingDocumentIssued':
      return `Working document version ${event.data.version} sent by ${words(event.data.issuedBy)}`;
    case 'LaMoveNotified':
      return `Move to local authority ${event.data.toLaCode} on ${event.data.moveDate} recorded (learned of on ${event.data.learnedOn})`;
    case 'PlanTransferredOut':
      return `EHC plan transferred out to local authority ${event.data.toLaCode}`;
    case 'PlanTransferredIn':
      return `EHC plan transferred in from local authority ${event.data.fromLaCode}; now maintained by ${event.actor.organisation}`;
    case 'NewLaDecisionNotified':
      return `New local authority's decision notified: ${words(event.data.decision)}, review by ${event.data.reviewBy}`;
    case 'ViewsRecorded':
      return `Views of the ${words(event.data.whose)} recorded (${words(event.data.how)}${event.data.about ? `, about ${words(event.data.about.kind)}` : ''}), given by ${event.data.givenBy.relationship}`;
    case 'MeetingInvitationSent':
      return `Invitations sent to the ${words(event.data.meeting)} meeting on ${event.data.meetingDate}: ${event.data.invitees.map(words).join(', ')}`;
    case 'DecisionNotified': {
      const rights = [event.data.rightsExplained.mediation && 'mediation', event.data.rightsExplained.appeal && 'appeal'].filter(Boolean);
      return `${capitalised(words(event.data.notifiedTo))} told of decision ${event.data.decisionEventId}${rights.length ? `, with ${rights.join(' and ')} rights explained` : ', no mediation or appeal rights explained'}`;
    }
    case 'CapacityAssessed':
      return `Mental capacity assessed by ${event.data.assessedBy.role} for ${event.data.decisionScope}: ${event.data.hasCapacity ? 'has capacity' : 'lacks capacity'}`;
    case 'YoungPersonRecorded':
      return 'The young person\'s own sign-in identity recorded (they read and consent once the rights pass to them)';
    case 'ProfessionalInvolved':
      return `${capitalised(words(event.data.service))} service involved (${event.data.organisation}): ${event.data.description}`;
    case 'ProfessionalInvolvementEnded':
      return `Professional involvement ${event.data.involvementId} ended: ${event.data.reason}`;
    case 'ConsentGranted':
      return `Consent given to the ${event.data.to.role} (${event.data.to.organisation}) to read: ${event.data.scope.map(words).join(', ')}, until ${event.data.expiresOn}`;
    case 'ConsentRevoked':
      return `Consent grant ${event.data.grantId} revoked${event.data.reason ? `: ${event.data.reason}` : ''}`;
    case 'StatementMade':
      return `Statement of special educational needs made by local authority ${event.data.madeBy}${event.data.namedSchool ? ` naming ${event.data.namedSchool.name}` : ''} (Education Act 1996 s.324)`;
    case 'SchoolActionRecorded':
      return 'School Action recorded (SEN Code of Practice 2001), with an IEP';
    case 'SchoolActionPlusRecorded':
      return `School Action Plus recorded (SEN Code of Practice 2001), with an IEP${event.data.externalSupport ? ' and outside specialist support' : ''}`;
    case 'StatementTransferredToEhcPlan':
      return `Statement transferred to an EHC plan naming ${event.data.namedSetting.name} (transfer review, CFA 2014 transitional arrangements)`;
    case 'LegalHoldPlaced':
      return `Legal hold placed by ${event.data.placedBy.name}, ${event.data.placedBy.role}: ${event.data.reason}`;
    case 'LegalHoldLifted':
      return `Legal hold lifted: ${event.data.reason}`;
    case 'ChildRecordErased':
      return event.data.reason === 'other'
        ? `Child's record erased before its retention period ended: ${event.data.detail ?? ''}`
        : `Child's record erased at the end of its retention period (${event.data.retentionRule})`;
    case 'EntryCorrected':
      return event.data.retracted
        ? `Entry ${event.data.supersedesEventId} retracted: ${event.data.reason}`
        : `Entry ${event.data.supersedesEventId} corrected${event.data.correctedOccurredAt ? ` (date now ${day(event.data.correctedOccurredAt)})` : ''}: ${event.data.reason}`;
  }
}
