import { englandDateOf } from '../calendar/iso-date.js';
import type { ChildEvent } from './events.js';
import { applyCorrections } from './corrections.js';
import { initialChildRecord, type Appeal, type AppealOutcome, type AssessmentRequest, type ChildRecord, type LaMove, type RecordedBy } from './state.js';

const by = (event: ChildEvent): RecordedBy => ({ eventId: event.eventId, on: event.occurredAt, actor: event.actor });
/** The day something happened, in England (where the law's days are counted). */
const dayOf = (event: ChildEvent) => englandDateOf(event.occurredAt);

/** Fold one (already corrected) entry into the record. Pure: returns a new record. */
export function evolve(record: ChildRecord, event: ChildEvent): ChildRecord {
  const next: ChildRecord = {
    ...record,
    history: [...record.history, event],
  };
  switch (event.type) {
    case 'ChildRegistered': {
      const { childId, ...profile } = event.data;
      const onRoll = { urn: profile.settingUrn ?? null, name: profile.settingName ?? null, since: by(event) };
      const settingHistory = [{ ...onRoll, from: dayOf(event), handoverId: null }];
      return { ...next, childId, profile, registered: by(event), onRoll, settingHistory };
    }
    case 'ParentCarerRecorded':
      return { ...next, parentCarers: [...record.parentCarers, { ...event.data, recorded: by(event) }] };
    case 'NeedsIdentified':
      return { ...next, needs: [...record.needs, { ...event.data, identified: by(event) }] };
    case 'SenSupportCyclePlanned':
      return { ...next, senSupportCycles: { ...record.senSupportCycles, [event.data.cycleId]: { ...event.data, planned: by(event) } } };
    case 'SenSupportCycleReviewed': {
      const cycle = record.senSupportCycles[event.data.cycleId];
      if (!cycle) return next;
      return { ...next, senSupportCycles: { ...record.senSupportCycles, [cycle.cycleId]: { ...cycle, review: { ...event.data, ...by(event) } } } };
    }
    case 'AssessmentRequested':
      return {
        ...next,
        assessmentRequests: {
          ...record.assessmentRequests,
          [event.data.requestId]: { requestId: event.data.requestId, requestedBy: event.data.requestedBy, received: by(event), setAside: [] },
        },
      };
    case 'DecisionToAssess':
    case 'DecisionNotToAssess': {
      const request = record.assessmentRequests[event.data.requestId];
      if (!request) return next;
      const outcome = event.type === 'DecisionToAssess' ? 'assess' : 'not_assess';
      const decided = { ...request, decision: { ...by(event), outcome, reasons: event.data.reasons } } as const;
      return { ...next, assessmentRequests: { ...record.assessmentRequests, [request.requestId]: decided } };
    }
    case 'AdviceRequested':
      return { ...next, adviceRequests: { ...record.adviceRequests, [event.data.adviceRequestId]: { ...event.data, requested: by(event) } } };
    case 'AdviceReceived': {
      const advice = record.adviceRequests[event.data.adviceRequestId];
      if (!advice) return next;
      const received = { ...advice, received: { ...by(event), summary: event.data.summary } };
      return { ...next, adviceRequests: { ...record.adviceRequests, [advice.adviceRequestId]: received } };
    }
    case 'DecisionNotToIssue': {
      const request = record.assessmentRequests[event.data.requestId];
      if (!request) return next;
      const updated = { ...request, notToIssue: { ...by(event), reasons: event.data.reasons } };
      return { ...next, assessmentRequests: { ...record.assessmentRequests, [request.requestId]: updated } };
    }
    case 'DraftPlanIssued': {
      const { planId, requestId } = event.data;
      const request = record.assessmentRequests[requestId];
      return {
        ...next,
        assessmentRequests: request ? { ...record.assessmentRequests, [requestId]: { ...request, planId } } : record.assessmentRequests,
        plans: {
          ...record.plans,
          [planId]: {
            planId,
            planType: 'ehc_plan',
            origin: { kind: 'assessment', requestId },
            requestId,
            status: 'draft',
            draftIssued: by(event),
            namedSetting: null,
            amendments: [],
            reviews: [],
          },
        },
      };
    }
    case 'FinalPlanIssued':
      return updatePlan(next, event.data.planId, (plan) => ({
        ...plan,
        status: 'final',
        finalIssued: { ...by(event), namedSetting: event.data.namedSetting },
        namedSetting: event.data.namedSetting,
      }));
    case 'PlanAmended': {
      const { summary, reason, namedSetting } = event.data;
      return updatePlan(next, event.data.planId, (plan) => ({
        ...plan,
        // Section I follows the amendment that names another setting; an amendment that does not leaves it as it was.
        namedSetting: namedSetting ?? plan.namedSetting,
        amendments: [...plan.amendments, { ...by(event), summary, reason, ...(namedSetting ? { namedSetting } : {}) }],
      }));
    }
    case 'AnnualReviewHeld':
      return updatePlan(next, event.data.planId, (plan) => ({
        ...plan,
        reviews: [...plan.reviews, { ...by(event), decision: event.data.decision, summary: event.data.summary }],
      }));
    case 'PlanCeased':
      return updatePlan(next, event.data.planId, (plan) => ({ ...plan, status: 'ceased', ceased: { ...by(event), reason: event.data.reason } }));
    case 'ProvisionPromised': {
      const { provisionId, authority, ...terms } = event.data;
      return {
        ...next,
        provisions: {
          ...record.provisions,
          [provisionId]: {
            ...terms,
            provisionId,
            status: 'active',
            promised: { ...by(event), authority },
            variations: [],
            deliveries: { sessions: 0, minutes: 0 },
            frequencies: [{ from: terms.startDate, frequency: terms.frequency }],
            deliveryLog: [],
          },
        },
      };
    }
    case 'ProvisionVaried':
      return updateProvision(next, event.data.provisionId, (line) => ({
        ...line,
        ...event.data.changes,
        variations: [...line.variations, { ...by(event), reason: event.data.reason, authority: event.data.authority }],
        // A new frequency applies from the day of the variation: what was owed before it stays owed.
        frequencies: event.data.changes.frequency ? [...line.frequencies, { from: dayOf(event), frequency: event.data.changes.frequency }] : line.frequencies,
      }));
    case 'ProvisionWithdrawn':
      return updateProvision(next, event.data.provisionId, (line) => ({ ...line, status: 'withdrawn', withdrawn: { ...by(event), reason: event.data.reason } }));
    case 'ProvisionDelivered':
      return updateProvision(next, event.data.provisionId, (line) => ({
        ...line,
        deliveries: { sessions: line.deliveries.sessions + event.data.sessions, minutes: line.deliveries.minutes + event.data.minutes },
        deliveryLog: [...line.deliveryLog, { eventId: event.eventId, on: dayOf(event), sessions: event.data.sessions, minutes: event.data.minutes }],
      }));
    case 'ShortfallReported':
      return next;
    case 'ProvisionConfirmationRequested':
      return {
        ...next,
        provisionConfirmations: { ...record.provisionConfirmations, [event.data.confirmationId]: { ...event.data, requested: by(event) } },
      };
    case 'ProvisionConfirmedInPlace': {
      const { confirmationId, ...answer } = event.data;
      const asked = record.provisionConfirmations[confirmationId];
      if (!asked) return next;
      return { ...next, provisionConfirmations: { ...record.provisionConfirmations, [confirmationId]: { ...asked, confirmed: { ...by(event), ...answer } } } };
    }
    case 'CaseworkerAssigned':
      return { ...next, caseworker: { ...event.data.caseworker, assigned: by(event) } };
    case 'PhaseTransferPlacementNamed':
      return { ...next, phaseTransfers: [...record.phaseTransfers, { ...event.data, named: by(event) }] };
    case 'SignedOff':
      return { ...next, signOffs: [...record.signOffs, { ...event.data, ...by(event) }] };
    case 'TransitionPlanMade':
      return { ...next, transitions: { ...record.transitions, [event.data.transitionId]: { ...event.data, made: by(event), done: {} } } };
    case 'TransitionActionDone': {
      const transition = record.transitions[event.data.transitionId];
      if (!transition) return next;
      const done = { ...transition.done, [event.data.actionId]: { ...by(event), ...(event.data.notes ? { notes: event.data.notes } : {}) } };
      return { ...next, transitions: { ...record.transitions, [transition.transitionId]: { ...transition, done } } };
    }
    case 'IdentifierRecorded':
      return { ...next, identifiers: { ...record.identifiers, [event.data.scheme]: { value: event.data.value, recorded: by(event) } } };
    case 'IdentifierWithheld':
      return { ...next, withheldIdentifiers: { ...record.withheldIdentifiers, [event.data.scheme]: { reason: event.data.reason, decided: by(event) } } };
    case 'IdentifierWithholdingLifted': {
      const { [event.data.scheme]: _lifted, ...stillWithheld } = record.withheldIdentifiers;
      return { ...next, withheldIdentifiers: stillWithheld };
    }
    case 'PupilLeftRoll':
      return { ...next, leavings: { ...record.leavings, [event.data.leavingId]: { ...event.data, left: by(event) } } };
    case 'CommonTransferFileSent': {
      const leaving = record.leavings[event.data.leavingId];
      if (!leaving) return next;
      const { leavingId: _leavingId, ...sent } = event.data;
      return { ...next, leavings: { ...record.leavings, [leaving.leavingId]: { ...leaving, ctfSent: { ...by(event), ...sent } } } };
    }
    case 'CommonTransferFileReceived':
      return { ...next, transferFilesReceived: { ...record.transferFilesReceived, [event.data.ctfId]: { ...event.data, received: by(event) } } };
    case 'SendFileTransferred':
      return { ...next, sendFileTransfers: { ...record.sendFileTransfers, [event.data.transferId]: { ...event.data, sent: by(event) } } };
    case 'SendFileReceived': {
      const transfer = record.sendFileTransfers[event.data.transferId];
      if (!transfer) return next;
      return { ...next, sendFileTransfers: { ...record.sendFileTransfers, [transfer.transferId]: { ...transfer, received: { ...by(event), receivedBy: event.data.receivedBy } } } };
    }
    case 'HandoverIssued':
      return { ...next, handovers: { ...record.handovers, [event.data.handoverId]: { ...event.data, issued: by(event) } } };
    case 'HandoverAccepted': {
      const handover = record.handovers[event.data.handoverId];
      if (!handover) return next;
      // The receiving setting signed for the child: from now the child is on its roll.
      const onRoll = { urn: handover.toSetting.urn ?? null, name: handover.toSetting.name, since: by(event) };
      const settingHistory = [...record.settingHistory, { ...onRoll, from: dayOf(event), handoverId: handover.handoverId }];
      return { ...next, onRoll, settingHistory, handovers: { ...record.handovers, [handover.handoverId]: { ...handover, accepted: { ...event.data, ...by(event) } } } };
    }
    case 'ExceptionInvoked':
      return { ...next, exceptions: { ...record.exceptions, [event.data.exceptionId]: { ...event.data, invoked: by(event) } } };
    case 'ExceptionEnded': {
      const exception = record.exceptions[event.data.exceptionId];
      if (!exception) return next;
      return { ...next, exceptions: { ...record.exceptions, [exception.exceptionId]: { ...exception, ended: { ...by(event), on: event.data.on } } } };
    }
    case 'MediationCertificateIssued':
      return { ...next, mediationCertificates: [...record.mediationCertificates, { ...event.data, ...by(event) }] };
    case 'ReviewDecisionNotified':
      return next;
    case 'AppealRegistered':
      return { ...next, appeals: [...record.appeals, { ...event.data, ...by(event), directions: [], hearings: [], outcomes: [], workingDocuments: [] }] };
    case 'MediationRequested':
      return { ...next, mediationRequests: [...record.mediationRequests, { ...event.data, ...by(event) }] };
    case 'OutcomeSet':
      return { ...next, outcomes: { ...record.outcomes, [event.data.outcomeId]: { ...event.data, set: by(event) } } };
    case 'AppealResponseSubmitted':
      return updateAppeal(next, event.data.appealId, (appeal) => ({ ...appeal, response: { ...by(event), summary: event.data.summary } }));
    case 'TribunalDirectionsGiven':
      return updateAppeal(next, event.data.appealId, (appeal) => ({
        ...appeal,
        directions: [...appeal.directions, ...event.data.directions.map((direction) => ({ ...direction, given: by(event) }))],
      }));
    case 'HearingListed':
      return updateAppeal(next, event.data.appealId, (appeal) => ({
        ...appeal,
        hearings: [...appeal.hearings, { ...by(event), hearingOn: event.data.hearingOn, ...(event.data.venue ? { venue: event.data.venue } : {}) }],
      }));
    case 'TribunalDecisionIssued': {
      const { appealId, ...decision } = event.data;
      return updateAppeal(next, appealId, (appeal) => ({ ...appeal, decision: { ...by(event), ...decision } }));
    }
    case 'TribunalOrderMade':
    case 'AppealNotOpposed': {
      const { appealId, kind, requestId, planId, sections, wording } = event.data;
      const outcome: AppealOutcome = {
        outcomeId: event.type === 'TribunalOrderMade' ? event.data.orderId : event.data.outcomeId,
        how: event.type === 'AppealNotOpposed' ? 'not_opposed' : event.data.consent ? 'consent_order' : 'ordered',
        kind,
        ...(requestId ? { requestId } : {}),
        ...(planId ? { planId } : {}),
        ...(sections ? { sections } : {}),
        wording,
        made: by(event),
      };
      const withOutcome = updateAppeal(next, appealId, (appeal) => ({ ...appeal, outcomes: [...appeal.outcomes, outcome] }));
      const refusal = kind === 'assess' ? 'refusal_to_assess' : kind === 'issue_plan' ? 'refusal_to_issue' : null;
      return refusal && requestId ? setAsideRefusal(withOutcome, requestId, refusal, { ...by(event), how: outcome.how === 'not_opposed' ? 'not_opposed' : 'ordered' }) : withOutcome;
    }
    case 'DecisionReversed':
      return setAsideRefusal(next, event.data.requestId, event.data.decision, { ...by(event), how: 'reversed' });
    case 'AppealWithdrawn':
      return updateAppeal(next, event.data.appealId, (appeal) => ({ ...appeal, withdrawn: { ...by(event), ...(event.data.reason ? { reason: event.data.reason } : {}) } }));
    case 'TribunalRecommendationMade':
      return { ...next, recommendations: { ...record.recommendations, [event.data.recommendationId]: { ...event.data, made: by(event) } } };
    case 'RecommendationAnswered': {
      const { recommendationId, ...answer } = event.data;
      const recommendation = record.recommendations[recommendationId];
      if (!recommendation) return next;
      return { ...next, recommendations: { ...record.recommendations, [recommendationId]: { ...recommendation, answered: { ...by(event), ...answer } } } };
    }
    case 'PlanAmendmentProposed': {
      const plan = record.plans[event.data.planId];
      const planVersion = 1 + (plan?.amendments.length ?? 0);
      return { ...next, planAmendments: { ...record.planAmendments, [event.data.amendmentId]: { ...event.data, proposed: by(event), planVersion, answers: [] } } };
    }
    case 'PlanAmendmentAnswered': {
      const { amendmentId, ...answer } = event.data;
      const amendment = record.planAmendments[amendmentId];
      if (!amendment) return next;
      return { ...next, planAmendments: { ...record.planAmendments, [amendmentId]: { ...amendment, answers: [...amendment.answers, { ...by(event), ...answer }] } } };
    }
    case 'PlanAmendmentWithdrawn': {
      const amendment = record.planAmendments[event.data.amendmentId];
      if (!amendment) return next;
      const withdrawn = { ...by(event), ...(event.data.reason ? { reason: event.data.reason } : {}) };
      return { ...next, planAmendments: { ...record.planAmendments, [amendment.amendmentId]: { ...amendment, withdrawn } } };
    }
    case 'WorkingDocumentIssued':
      return updateAppeal(next, event.data.appealId, (appeal) => ({
        ...appeal,
        workingDocuments: [...appeal.workingDocuments, { ...by(event), version: event.data.version, issuedBy: event.data.issuedBy }],
      }));
    case 'LaMoveNotified': {
      const { moveId, planId, toLaCode, moveDate, learnedOn } = event.data;
      const fromLaCode = record.profile?.laCode ?? '';
      return { ...next, laMoves: { ...record.laMoves, [moveId]: { moveId, planId, fromLaCode, toLaCode, moveDate, learnedOn, notified: by(event) } } };
    }
    case 'PlanTransferredOut':
      return updateMove(next, event.data.moveId, (move) => ({ ...move, transferredOut: by(event) }));
    case 'PlanTransferredIn': {
      // Reg 15(3): from the transfer the plan is the new LA's, and so is the child's record.
      const move = record.laMoves[event.data.moveId];
      if (!move) return next;
      const moved = updateMove(next, move.moveId, (m) => ({ ...m, transferredIn: by(event) }));
      return moved.profile ? { ...moved, profile: { ...moved.profile, laCode: move.toLaCode } } : moved;
    }
    case 'NewLaDecisionNotified':
      return updateMove(next, event.data.moveId, (move) => ({
        ...move,
        newLaDecision: { ...by(event), decision: event.data.decision, reviewBy: event.data.reviewBy },
      }));
    case 'ViewsRecorded':
      return { ...next, views: [...record.views, { ...event.data, ...by(event), recordedAt: event.recordedAt }] };
    case 'MeetingInvitationSent':
      return { ...next, meetingInvitations: [...record.meetingInvitations, { ...event.data, ...by(event) }] };
    case 'DecisionNotified':
      return { ...next, decisionNotices: [...record.decisionNotices, { ...event.data, ...by(event) }] };
    case 'CapacityAssessed':
      return { ...next, capacityAssessments: [...record.capacityAssessments, { ...event.data, ...by(event) }] };
    case 'StatementMade':
      return { ...next, statements: { ...record.statements, [event.data.statementId]: { ...event.data, made: by(event) } } };
    case 'SchoolActionRecorded':
      return { ...next, historicStages: [...record.historicStages, { stage: 'school_action', iepSummary: event.data.iepSummary, ...by(event) }] };
    case 'SchoolActionPlusRecorded':
      return {
        ...next,
        historicStages: [
          ...record.historicStages,
          { stage: 'school_action_plus', iepSummary: event.data.iepSummary, ...(event.data.externalSupport ? { externalSupport: event.data.externalSupport } : {}), ...by(event) },
        ],
      };
    case 'StatementTransferredToEhcPlan': {
      // The transfer review makes a final EHC plan: no request, no draft; the transfer is its issue.
      const { statementId, planId, namedSetting } = event.data;
      const statement = record.statements[statementId];
      if (!statement) return next;
      return {
        ...next,
        statements: { ...record.statements, [statementId]: { ...statement, transferred: { ...by(event), planId } } },
        plans: {
          ...record.plans,
          [planId]: {
            planId,
            planType: 'ehc_plan',
            origin: { kind: 'statement_transfer', statementId },
            status: 'final',
            draftIssued: by(event),
            finalIssued: { ...by(event), namedSetting },
            namedSetting,
            amendments: [],
            reviews: [],
          },
        },
      };
    }
    case 'LegalHoldPlaced':
      return { ...next, legalHolds: { ...record.legalHolds, [event.data.holdId]: { ...event.data, placed: by(event) } } };
    case 'LegalHoldLifted': {
      const hold = record.legalHolds[event.data.holdId];
      if (!hold) return next;
      return { ...next, legalHolds: { ...record.legalHolds, [hold.holdId]: { ...hold, lifted: { ...by(event), reason: event.data.reason } } } };
    }
    case 'ChildRecordErased':
      return { ...next, erased: { ...event.data, ...by(event) } };
    case 'YoungPersonRecorded':
      return { ...next, youngPerson: { ...event.data, recorded: by(event) } };
    case 'ProfessionalInvolved':
      return { ...next, involvements: { ...record.involvements, [event.data.involvementId]: { ...event.data, involved: by(event) } } };
    case 'ProfessionalInvolvementEnded': {
      const involvement = record.involvements[event.data.involvementId];
      if (!involvement) return next;
      const ended = { ...by(event), reason: event.data.reason };
      return { ...next, involvements: { ...record.involvements, [involvement.involvementId]: { ...involvement, ended } } };
    }
    case 'ConsentGranted':
      return { ...next, consentGrants: { ...record.consentGrants, [event.data.grantId]: { ...event.data, granted: by(event) } } };
    case 'ConsentRevoked': {
      const grant = record.consentGrants[event.data.grantId];
      if (!grant) return next;
      const revoked = { ...by(event), ...(event.data.reason ? { reason: event.data.reason } : {}) };
      return { ...next, consentGrants: { ...record.consentGrants, [grant.grantId]: { ...grant, revoked } } };
    }
    case 'EntryCorrected':
      return next;
  }
}

function updateMove(record: ChildRecord, moveId: string, change: (move: LaMove) => LaMove): ChildRecord {
  const move = record.laMoves[moveId];
  return move ? { ...record, laMoves: { ...record.laMoves, [moveId]: change(move) } } : record;
}

function updatePlan(record: ChildRecord, planId: string, change: (plan: ChildRecord['plans'][string]) => ChildRecord['plans'][string]): ChildRecord {
  const plan = record.plans[planId];
  return plan ? { ...record, plans: { ...record.plans, [planId]: change(plan) } } : record;
}

function updateProvision(
  record: ChildRecord,
  provisionId: string,
  change: (line: ChildRecord['provisions'][string]) => ChildRecord['provisions'][string],
): ChildRecord {
  const line = record.provisions[provisionId];
  return line ? { ...record, provisions: { ...record.provisions, [provisionId]: change(line) } } : record;
}

/** The fold the law sees: corrections applied (erased entries dropped), then each entry in stream order. */
export const foldChildRecord = (events: readonly ChildEvent[]): ChildRecord =>
  applyCorrections(events).reduce(evolve, initialChildRecord());

function updateAppeal(record: ChildRecord, appealId: string, change: (appeal: Appeal) => Appeal): ChildRecord {
  return { ...record, appeals: record.appeals.map((appeal) => (appeal.appealId === appealId ? change(appeal) : appeal)) };
}

/** A refusal set aside: the request stands again, with the refusal kept beside it. */
function setAsideRefusal(
  record: ChildRecord,
  requestId: string,
  refusal: AssessmentRequest['setAside'][number]['refusal'],
  setAsideBy: AssessmentRequest['setAside'][number]['by'],
): ChildRecord {
  const request = record.assessmentRequests[requestId];
  if (!request) return record;
  let standing: AssessmentRequest;
  if (refusal === 'refusal_to_assess' && request.decision?.outcome === 'not_assess') {
    const { decision, ...rest } = request;
    standing = { ...rest, setAside: [...request.setAside, { refusal, was: decision, by: setAsideBy }] };
  } else if (refusal === 'refusal_to_issue' && request.notToIssue) {
    const { notToIssue, ...rest } = request;
    standing = { ...rest, setAside: [...request.setAside, { refusal, was: notToIssue, by: setAsideBy }] };
  } else {
    return record;
  }
  return { ...record, assessmentRequests: { ...record.assessmentRequests, [requestId]: standing } };
}
