import { isErasedData, type NewChildEvent } from '../../domain/child-record/events.js';
import type { JsonObject, LedgerEntry } from '../../ledger/envelope.js';
import { identifierName } from '../../domain/identifiers/pupil-identifiers.js';
import { longDate } from './dates.js';
import { directionInWords, orderedInWords, partyInWords, planSection, sectionsInWords, tribunalOutcome } from './appeal-words.js';
import { personWithRole } from './roles.js';
import {
  adviceType, appealableDecision, areaOfNeed, assessmentRequester, capitalised, ceaseReason, codeInWords, consentScope, exceptionGround, frequencyInWords,
  granteeRole, groupInWords, invitee, involvedService, listInWords, meeting, minutesInWords, nextStep, outcomesMet, provisionSection,
  reviewDecision, rightsHolder, sessionsInWords, signOffSubject, targetSetter, transition, viewsAbout, viewsHow, whoseViews,
} from './record-vocabulary.js';

/** What an entry needs to be put into words: the entry as the audit trail gives it. */
export interface RecordedEntry {
  eventId: string;
  type: string;
  data: JsonObject;
  occurredAt: string;
  recordedAt: string;
  actor: { displayName?: string; role: string; organisation: string };
}

/** A ledger entry as the words of a page read it: its data, its dates and who recorded it. */
export const recordedEntryOf = (entry: LedgerEntry): RecordedEntry => ({
  eventId: entry.eventId,
  type: entry.type,
  data: entry.data,
  occurredAt: entry.metadata.occurredAt,
  recordedAt: entry.metadata.recordedAt,
  actor: entry.metadata.actor,
});

/**
 * What the rest of the record says about the things an entry names by id: the promise a delivery is of, the
 * advice an answer is to, the entry a correction corrects. Built once per page from the entries it shows.
 */
export interface EntryContext {
  entries: Map<string, RecordedEntry>;
  /** Each entry's place in the record, oldest first. */
  order: Map<string, number>;
  /** Each promise's wording as it was promised and after each variation, with the place of the entry that set it. */
  provisions: Map<string, Array<{ from: number; description: string }>>;
  adviceRequests: Map<string, { adviceType: string; organisation: string; role: string }>;
  cycles: Map<string, string>;
  requests: Map<string, string>;
  actions: Map<string, string>;
  grants: Map<string, { organisation: string; role: string }>;
  involvements: Map<string, { organisation: string; service: string }>;
  /** Working-document changes by amendmentId: an answer or a withdrawal names the change it is about. */
  amendments: Map<string, { section: string; proposedBy: string; change: string; wording: string }>;
  /** Tribunal recommendations by recommendationId: an answer names what it answers. */
  recommendations: Map<string, { section: string; madeTo: string }>;
}

export interface EntryInWords {
  /** A short heading: "Sessions delivered", "Final EHC plan issued". */
  title: string;
  /** One sentence in the words a family uses. */
  sentence: string;
  /** What the entry says in its own words (reasons, summaries, notes), one paragraph each. */
  said: string[];
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export function entryContext(entries: readonly RecordedEntry[]): EntryContext {
  const context: EntryContext = {
    entries: new Map(),
    order: new Map(),
    provisions: new Map(),
    adviceRequests: new Map(),
    cycles: new Map(),
    requests: new Map(),
    actions: new Map(),
    grants: new Map(),
    involvements: new Map(),
    amendments: new Map(),
    recommendations: new Map(),
  };
  const wording = (provisionId: string, from: number, description: string) =>
    context.provisions.set(provisionId, [...(context.provisions.get(provisionId) ?? []), { from, description }]);
  entries.forEach((entry, index) => {
    context.entries.set(entry.eventId, entry);
    context.order.set(entry.eventId, index);
    const event = { type: entry.type, data: entry.data } as NewChildEvent;
    if (isErasedData(entry.data)) return;
    switch (event.type) {
      case 'ProvisionPromised':
        wording(event.data.provisionId, index, event.data.description);
        break;
      case 'ProvisionVaried':
        if (event.data.changes.description) wording(event.data.provisionId, index, event.data.changes.description);
        break;
      case 'AdviceRequested':
        context.adviceRequests.set(event.data.adviceRequestId, { adviceType: event.data.adviceType, ...event.data.from });
        break;
      case 'SenSupportCyclePlanned':
        context.cycles.set(event.data.cycleId, entry.occurredAt);
        break;
      case 'AssessmentRequested':
        context.requests.set(event.data.requestId, entry.occurredAt);
        break;
      case 'TransitionPlanMade':
        for (const action of event.data.actions) context.actions.set(action.actionId, action.description);
        break;
      case 'ConsentGranted':
        context.grants.set(event.data.grantId, { organisation: event.data.to.organisation, role: event.data.to.role });
        break;
      case 'ProfessionalInvolved':
        context.involvements.set(event.data.involvementId, { organisation: event.data.organisation, service: event.data.service });
        break;
      case 'PlanAmendmentProposed':
        context.amendments.set(event.data.amendmentId, event.data);
        break;
      case 'TribunalRecommendationMade':
        context.recommendations.set(event.data.recommendationId, event.data);
        break;
      default:
        break;
    }
  });
  return context;
}

/** A person named in an entry's data, as written: "Lena Brooks (Teaching assistant)". */
export const namedPerson = (person: { name: string; role: string }): string => `${person.name} (${person.role})`;

/** "the mother", from "Mother": a relationship as it reads inside a sentence. */
const lowerFirst = (value: string) => value.charAt(0).toLowerCase() + value.slice(1);

/**
 * The support a promise id names, in the words it had when the entry `at` was made (`before`: just before it; its
 * latest words without `at`), or a phrase when the promise is not in what the reader sees.
 */
export function supportNamed(context: EntryContext, provisionId: string, at?: string, before = false): string {
  const versions = context.provisions.get(provisionId) ?? [];
  const place = at === undefined ? Infinity : (context.order.get(at) ?? Infinity);
  const description = (versions.findLast((v) => (before ? v.from < place : v.from <= place)) ?? versions[0])?.description;
  return description ? `“${description}”` : 'a promise of support';
}

/** "Sessions delivered, 17 March 2023": how another entry is referred to. */
export function entryReference(context: EntryContext, eventId: string): string {
  const other = context.entries.get(eventId);
  if (!other) return 'an earlier entry';
  return `“${entryInWords(other, context).title}” of ${longDate(other.occurredAt)}`;
}

const laCalled = (code: string) => `the local authority with DfE code ${code}`;

/** Every entry of the child's record, in words: a heading, one sentence, and what it said in its own words. */
export function entryInWords(entry: RecordedEntry, context: EntryContext): EntryInWords {
  if (isErasedData(entry.data)) {
    return { title: 'Entry erased', sentence: "What this entry said was erased with the child's record. That it was made, by whom and when are kept.", said: [] };
  }
  const by = personWithRole(entry.actor);
  const said = (...paragraphs: Array<string | undefined | false>) => paragraphs.filter((p): p is string => typeof p === 'string' && p.trim().length > 0);
  const event = { type: entry.type, data: entry.data } as NewChildEvent;
  switch (event.type) {
    case 'ChildRegistered': {
      const d = event.data;
      return {
        title: 'Record opened',
        sentence: `${d.displayName}'s record was opened${d.settingName ? ` at ${d.settingName}` : ''}. The child's local authority is ${laCalled(d.laCode)}.`,
        said: [],
      };
    }
    case 'ParentCarerRecorded':
      return {
        title: 'Parent or carer recorded',
        sentence: `${event.data.displayName} was recorded as the child's ${lowerFirst(event.data.relationship)}${event.data.parentalResponsibility ? ', with parental responsibility' : ', without parental responsibility'}.`,
        said: [],
      };
    case 'NeedsIdentified':
      return {
        title: `Need identified: ${areaOfNeed(event.data.area)}`,
        sentence: `${event.data.rank === 'primary' ? 'The main' : 'Another'} area of need was identified: ${areaOfNeed(event.data.area)}.`,
        said: said(event.data.description),
      };
    case 'SenSupportCyclePlanned': {
      const d = event.data;
      const outcomes = d.outcomes.length === 1 ? 'one outcome' : `${d.outcomes.length} outcomes`;
      const setWith = d.targetsSetWith ? ` The targets were set with ${listInWords(d.targetsSetWith.map(targetSetter))}.` : '';
      return {
        title: 'SEN support planned',
        sentence: `A cycle of SEN support was planned with ${outcomes} to work towards, to be reviewed by ${longDate(d.reviewDueOn)}.${setWith}`,
        said: said(d.assessmentSummary, `Outcomes: ${d.outcomes.join('; ')}.`),
      };
    }
    case 'SenSupportCycleReviewed': {
      const planned = context.cycles.get(event.data.cycleId);
      return {
        title: 'SEN support reviewed',
        sentence: `The SEN support ${planned ? `planned on ${longDate(planned)} ` : ''}was reviewed: its outcomes were ${outcomesMet(event.data.outcomesMet)}. The next step is to ${nextStep(event.data.nextStep)}.`,
        said: said(event.data.progress),
      };
    }
    case 'AssessmentRequested':
      return {
        title: 'EHC needs assessment requested',
        sentence: `${capitalised(assessmentRequester(event.data.requestedBy))} asked the local authority for an education, health and care (EHC) needs assessment.`,
        said: said(event.data.requesterDescription && `Asked by: ${event.data.requesterDescription}`),
      };
    case 'DecisionToAssess':
      return { title: 'Decision: the local authority will assess', sentence: 'The local authority decided to carry out an EHC needs assessment.', said: said(event.data.reasons) };
    case 'DecisionNotToAssess':
      return {
        title: 'Decision: the local authority will not assess',
        sentence: 'The local authority decided not to carry out an EHC needs assessment. The family can appeal against this decision.',
        said: said(event.data.reasons),
      };
    case 'AdviceRequested':
      return {
        title: `${capitalised(adviceType(event.data.adviceType))} advice requested`,
        sentence: `${capitalised(adviceType(event.data.adviceType))} advice for the assessment was asked for from ${event.data.from.organisation} (${lowerFirst(event.data.from.role)}).`,
        said: [],
      };
    case 'AdviceReceived': {
      const asked = context.adviceRequests.get(event.data.adviceRequestId);
      return {
        title: asked ? `${capitalised(adviceType(asked.adviceType))} advice received` : 'Advice received',
        sentence: asked ? `The ${adviceType(asked.adviceType)} advice asked for from ${asked.organisation} was received.` : 'Advice for the assessment was received.',
        said: said(event.data.summary, event.data.report && reportInWords(event.data.report)),
      };
    }
    case 'DecisionNotToIssue':
      return {
        title: 'Decision: no EHC plan',
        sentence: 'After the assessment, the local authority decided not to issue an EHC plan. The family can appeal against this decision.',
        said: said(event.data.reasons),
      };
    case 'DraftPlanIssued':
      return { title: 'Draft EHC plan issued', sentence: 'The local authority issued a draft EHC plan.', said: said(event.data.summary) };
    case 'FinalPlanIssued':
      return {
        title: 'Final EHC plan issued',
        sentence: `The local authority issued the final EHC plan, naming ${event.data.namedSetting.name} as the child's school or setting (section I).`,
        said: [],
      };
    case 'PlanAmended':
      return {
        title: 'EHC plan amended',
        sentence: `The local authority amended the EHC plan${event.data.namedSetting ? `, which now names ${event.data.namedSetting.name} (section I)` : ''}.`,
        said: said(event.data.summary, `Why: ${event.data.reason}`),
      };
    case 'PlanCeased':
      return {
        title: 'EHC plan stopped',
        sentence: `The local authority stopped maintaining the EHC plan because ${ceaseReason(event.data.reason)}.`,
        said: said(event.data.detail),
      };
    case 'ProvisionPromised': {
      const d = event.data;
      const how = [frequencyInWords(d.frequency), `${minutesInWords(d.minutesPerSession)} each`, groupInWords(d.groupSize)].filter(Boolean).join(', ');
      const when = `from ${longDate(d.startDate)}${d.endDate ? ` until ${longDate(d.endDate)}` : ''}`;
      return {
        title: 'Support promised',
        sentence: `Promised in ${provisionSection(d.section)}: “${d.description}”, ${how}, by a ${lowerFirst(d.deliveredBy.role)} from ${d.deliveredBy.organisation}, ${when}.`,
        said: said(`On the authority of ${authorityInWords(d.authority)}.`),
      };
    }
    case 'ProvisionVaried':
      return {
        title: 'Support changed',
        sentence: `${capitalised(supportNamed(context, event.data.provisionId, entry.eventId, true))} was changed: ${listInWords(changesInWords(event.data.changes))}.`,
        said: said(`Why: ${event.data.reason}`, `On the authority of ${authorityInWords(event.data.authority)}.`),
      };
    case 'ProvisionWithdrawn':
      return {
        title: 'Support withdrawn',
        sentence: `${capitalised(supportNamed(context, event.data.provisionId, entry.eventId))} was withdrawn: it is no longer owed.`,
        said: said(`Why: ${event.data.reason}`, `On the authority of ${authorityInWords(event.data.authority)}.`),
      };
    case 'ProvisionDelivered':
      return {
        title: 'Sessions delivered',
        sentence: `${namedPerson(event.data.deliveredBy)} delivered ${sessionsInWords(event.data.sessions)} of ${supportNamed(context, event.data.provisionId, entry.eventId)}, ${minutesInWords(event.data.minutes)} in all.`,
        said: said(event.data.notes),
      };
    case 'ShortfallReported':
      return {
        title: 'Missed sessions reported',
        sentence: `${capitalised(sessionsInWords(event.data.sessionsMissed))} of ${supportNamed(context, event.data.provisionId, entry.eventId)} ${event.data.sessionsMissed === 1 ? 'was' : 'were'} missed between ${longDate(event.data.periodFrom)} and ${longDate(event.data.periodTo)}.`,
        said: said(`Why: ${event.data.reason}`),
      };
    case 'ProvisionConfirmationRequested':
      return {
        title: 'Asked to confirm support is in place',
        sentence: `The local authority asked ${event.data.setting.name} to confirm that the support in the EHC plan is in place. This is the local authority's own request, not a time limit in law.`,
        said: [],
      };
    case 'ProvisionConfirmedInPlace': {
      const missing = event.data.notInPlace;
      return {
        title: 'Support confirmed in place',
        sentence: missing.length === 0
          ? `${namedPerson(event.data.confirmedBy)} confirmed that all the support in the EHC plan is in place.`
          : `${namedPerson(event.data.confirmedBy)} confirmed that the support in the EHC plan is in place, except ${missing.length === 1 ? 'one line' : `${missing.length} lines`}.`,
        said: said(...missing.map((line) => `${capitalised(supportNamed(context, line.provisionId, entry.eventId))} is not in place yet: ${line.reason}`)),
      };
    }
    case 'CaseworkerAssigned':
      return {
        title: 'Caseworker named',
        sentence: `${event.data.caseworker.displayName} is the local authority's caseworker for this child.`,
        said: [],
      };
    case 'AnnualReviewHeld':
      return {
        title: 'Review of the EHC plan held',
        sentence: `The EHC plan was reviewed at a meeting. The decision: ${reviewDecision(event.data.decision)}.`,
        said: said(event.data.summary),
      };
    case 'PhaseTransferPlacementNamed':
      return {
        title: 'Next school named',
        sentence: `${event.data.settingName} was named for the move ${transition(event.data.transfer)}, starting on ${longDate(event.data.startsOn)}.`,
        said: [],
      };
    case 'SignedOff': {
      const what = event.data.subject === 'section' && event.data.section ? `section ${event.data.section} of the EHC plan` : signOffSubject(event.data.subject);
      return { title: 'Signed off', sentence: `${namedPerson(event.data.signatory)} signed off ${what}.`, said: said(event.data.statement && `“${event.data.statement}”`) };
    }
    case 'TransitionPlanMade': {
      const d = event.data;
      return {
        title: 'Transition plan made',
        sentence: `A plan for the move ${transition(d.transition)} was made, from ${d.fromSetting.name}${d.toSetting ? ` to ${d.toSetting.name}` : ''}, with ${d.actions.length === 1 ? 'one action' : `${d.actions.length} actions`}.`,
        said: d.actions.map((a) => `${a.description}: ${namedPerson(a.owner)}, by ${longDate(a.dueOn)}.`),
      };
    }
    case 'TransitionActionDone': {
      const action = context.actions.get(event.data.actionId);
      return { title: 'Transition action done', sentence: action ? `Done: ${action}.` : 'An action of the transition plan was done.', said: said(event.data.notes) };
    }
    case 'IdentifierRecorded':
      // The number is one click away in the entry's details; the timeline says what was recorded.
      return { title: `${identifierName(event.data.scheme)} recorded`, sentence: `The child's ${identifierName(event.data.scheme)} was recorded.`, said: [] };
    case 'IdentifierWithheld':
      return {
        title: `${identifierName(event.data.scheme)} withheld`,
        sentence: `It was decided not to disclose the child's ${identifierName(event.data.scheme)} in returns, lists and transfer files.`,
        said: said(event.data.reason),
      };
    case 'IdentifierWithholdingLifted':
      return { title: `${identifierName(event.data.scheme)} no longer withheld`, sentence: `The child's ${identifierName(event.data.scheme)} may be disclosed again.`, said: said(event.data.reason) };
    case 'PupilLeftRoll':
      return {
        title: 'Left the school roll',
        sentence: `The child left the roll of ${event.data.setting.name} on ${longDate(event.data.leftOn)}${event.data.destination ? `, going to ${event.data.destination.name}` : ''}.`,
        said: [],
      };
    case 'CommonTransferFileSent':
      return { title: 'Common Transfer File sent', sentence: `The school sent the Common Transfer File${event.data.to ? ` to ${event.data.to.name}` : ''}.`, said: [] };
    case 'CommonTransferFileReceived':
      return { title: 'Common Transfer File received', sentence: `A Common Transfer File from ${event.data.from.name} was received.`, said: [] };
    case 'SendFileTransferred':
      return { title: 'SEN file sent', sentence: `The SEN file was sent to ${event.data.to.name}.`, said: said(event.data.contents) };
    case 'SendFileReceived':
      return { title: 'SEN file received', sentence: `${namedPerson(event.data.receivedBy)} received the SEN file.`, said: [] };
    case 'HandoverIssued': {
      const open = event.data.openProvisionIds.length;
      return {
        title: 'Record handed over',
        sentence: `The record was handed over to ${event.data.toSetting.name}, with ${open === 1 ? 'one promise' : `${open} promises`} still owed.`,
        said: said(open > 0 && `Still owed: ${event.data.openProvisionIds.map((id) => supportNamed(context, id, entry.eventId)).join('; ')}.`),
      };
    }
    case 'HandoverAccepted': {
      const d = event.data;
      const accepted = d.acceptedProvisionIds.length;
      const disputed = d.disputedProvisions.length;
      return {
        title: 'Handover signed for',
        sentence: `${namedPerson(d.signatory)} signed for the handover: ${accepted === 1 ? 'one promise' : `${accepted} promises`} accepted${disputed ? `, ${disputed === 1 ? 'one' : disputed} disputed` : ''}.`,
        said: d.disputedProvisions.map((p) => `Disputed: ${supportNamed(context, p.provisionId, entry.eventId)}. ${p.reason}`),
      };
    }
    case 'ExceptionInvoked':
      return {
        title: 'Exception to a time limit',
        sentence: `The local authority said it need not meet the time limit from ${longDate(event.data.from)}${event.data.to ? ` to ${longDate(event.data.to)}` : ''}, because ${exceptionGround(event.data.ground)}.`,
        said: said(event.data.reason),
      };
    case 'ExceptionEnded':
      return { title: 'Exception to a time limit ended', sentence: `The exception to the time limit ended on ${longDate(event.data.on)}.`, said: [] };
    case 'MediationCertificateIssued':
      return {
        title: 'Mediation certificate issued',
        sentence: `A mediation certificate was issued about ${appealableDecision(event.data.against)}. The family can appeal with it.`,
        said: [],
      };
    case 'ReviewDecisionNotified':
      return { title: 'Review decision sent', sentence: `After the review meeting, the local authority decided to ${reviewDecision(event.data.decision)}.`, said: [] };
    case 'AppealRegistered': {
      const d = event.data;
      const sections = d.sections?.length ? ` (${sectionsInWords(d.sections)})` : '';
      const reference = d.tribunalReference ? `, tribunal reference ${d.tribunalReference}` : '';
      return { title: 'Appeal registered', sentence: `An appeal to the First-tier Tribunal (SEND) against ${appealableDecision(d.against)}${sections} was registered${reference}.`, said: [] };
    }
    case 'MediationRequested':
      return { title: 'Mediation requested', sentence: `${by} asked for mediation about ${appealableDecision(event.data.against)}.`, said: [] };
    case 'AppealResponseSubmitted':
      return { title: "Local authority's response to the appeal", sentence: `${by} sent the local authority's response to the appeal to the tribunal.`, said: said(event.data.summary) };
    case 'TribunalDirectionsGiven': {
      const lines = event.data.directions.map(
        (d) => `${directionInWords(d.direction)}${d.party ? ` from ${partyInWords(d.party)}` : ''} by ${longDate(d.dueOn)}${d.detail ? `: ${d.detail}` : ''}`,
      );
      return { title: "Tribunal's directions", sentence: `The tribunal set ${lines.length === 1 ? 'a deadline' : `${lines.length} deadlines`} for the appeal.`, said: lines };
    }
    case 'HearingListed':
      return {
        title: 'Hearing listed',
        sentence: `The tribunal listed the appeal for a hearing on ${longDate(event.data.hearingOn)}${event.data.venue ? ` at ${event.data.venue}` : ''}.`,
        said: [],
      };
    case 'TribunalDecisionIssued':
      return { title: "Tribunal's decision", sentence: `The tribunal ${tribunalOutcome(event.data.outcome)}.`, said: said(event.data.summary) };
    case 'TribunalOrderMade': {
      const d = event.data;
      return {
        title: d.consent ? 'Consent order' : "Tribunal's order",
        sentence: `${d.consent ? 'By consent of both parties, the tribunal ordered' : 'The tribunal ordered'} the local authority to ${lowerFirst(orderedInWords(d.kind, d.sections))}.`,
        said: said(d.wording),
      };
    }
    case 'AppealNotOpposed': {
      const d = event.data;
      return {
        title: 'Appeal not opposed',
        sentence: `${by} told the tribunal the local authority will not oppose the appeal, and will ${lowerFirst(orderedInWords(d.kind, d.sections))}.`,
        said: said(d.wording),
      };
    }
    case 'DecisionReversed': {
      const d = event.data;
      const what = d.decision === 'refusal_to_assess' ? 'not to carry out an EHC needs assessment' : 'not to issue an EHC plan';
      const since = context.requests.get(d.requestId);
      return {
        title: 'Refusal reversed',
        sentence: `${by} reversed the local authority's decision ${what}. The request${since ? ` of ${longDate(since)}` : ''} stands again, and its time limits still run from the request.`,
        said: said(`Why: ${d.reasons}`),
      };
    }
    case 'AppealWithdrawn':
      return { title: 'Appeal withdrawn', sentence: 'The appeal was withdrawn.', said: said(event.data.reason && `Why: ${event.data.reason}`) };
    case 'TribunalRecommendationMade':
      return {
        title: "Tribunal's recommendation",
        sentence: `The tribunal recommended a change to ${planSection(event.data.section)}, to ${event.data.madeTo}. It does not bind them: they must answer within 5 weeks.`,
        said: said(event.data.wording),
      };
    case 'RecommendationAnswered': {
      const d = event.data;
      const made = context.recommendations.get(d.recommendationId);
      return {
        title: 'Recommendation answered',
        sentence: `${namedPerson(d.answeredBy)} answered the tribunal's recommendation${made ? ` on ${planSection(made.section)}` : ''}: ${d.follows ? 'it will be followed' : 'it will not be followed'}.`,
        said: said(`Why: ${d.reasons}`),
      };
    }
    case 'OutcomeSet':
      return { title: 'Outcome set', sentence: `An outcome was written into section E of the EHC plan: “${event.data.description}”.`, said: [] };
    case 'PlanAmendmentProposed': {
      const d = event.data;
      const cited = d.evidence.map(
        (e) => `Evidence: ${e.author} (${e.role}), written on ${longDate(e.writtenOn)}${e.page !== undefined ? `, page ${e.page}` : ''}${e.paragraph ? `, paragraph ${e.paragraph}` : ''}`,
      );
      return {
        title: 'Change proposed to the working document',
        sentence: `${capitalised(partyInWords(d.proposedBy))} proposed to ${d.change === 'add' ? 'add wording to' : 'delete wording from'} ${planSection(d.section)}.`,
        said: said(`“${d.wording}”`, ...cited),
      };
    }
    case 'PlanAmendmentAnswered': {
      const d = event.data;
      const change = context.amendments.get(d.amendmentId);
      const about = change ? `${partyInWords(change.proposedBy)}'s change to ${planSection(change.section)}` : 'a change in the working document';
      return {
        title: d.answer === 'agreed' ? 'Change agreed' : 'Change disputed',
        sentence: `${capitalised(partyInWords(d.by))} ${d.answer === 'agreed' ? 'agreed' : 'disputed'} ${about}.`,
        said: said(change && `“${change.wording}”`, d.reason && `Why: ${d.reason}`),
      };
    }
    case 'PlanAmendmentWithdrawn': {
      const change = context.amendments.get(event.data.amendmentId);
      return {
        title: 'Change withdrawn',
        sentence: change ? `${capitalised(partyInWords(change.proposedBy))} withdrew ${change.proposedBy === 'local_authority' ? 'its' : 'their'} change to ${planSection(change.section)}.` : 'A change in the working document was withdrawn.',
        said: said(change && `“${change.wording}”`, event.data.reason && `Why: ${event.data.reason}`),
      };
    }
    case 'WorkingDocumentIssued':
      return {
        title: 'Working document sent',
        sentence: `Version ${event.data.version} of the working document was sent by ${partyInWords(event.data.issuedBy)}.`,
        said: [],
      };
    case 'LaMoveNotified':
      return {
        title: 'Move to another local authority',
        sentence: `The child is moving to the area of ${laCalled(event.data.toLaCode)} on ${longDate(event.data.moveDate)}. The local authority learned of it on ${longDate(event.data.learnedOn)}.`,
        said: [],
      };
    case 'PlanTransferredOut':
      return { title: 'EHC plan transferred out', sentence: `The EHC plan was transferred to ${laCalled(event.data.toLaCode)}.`, said: [] };
    case 'PlanTransferredIn':
      return { title: 'EHC plan transferred in', sentence: `The EHC plan was taken on from ${laCalled(event.data.fromLaCode)}: the new local authority now maintains it.`, said: [] };
    case 'NewLaDecisionNotified':
      return {
        title: "New local authority's decision",
        sentence: `The new local authority told the family it will ${reviewDecision(event.data.decision)}, and will review the plan by ${longDate(event.data.reviewBy)}.`,
        said: [],
      };
    case 'ViewsRecorded': {
      const d = event.data;
      return {
        title: `Views of ${whoseViews(d.whose)} recorded`,
        sentence: `The views of ${whoseViews(d.whose)} were recorded, given ${viewsHow(d.how)} by ${d.givenBy.name} (${lowerFirst(d.givenBy.relationship)})${d.about ? `, about ${viewsAbout(d.about.kind)}` : ''}.`,
        said: said(d.summary),
      };
    }
    case 'MeetingInvitationSent':
      return {
        title: 'Invitations sent',
        sentence: `Invitations to the ${meeting(event.data.meeting)} on ${longDate(event.data.meetingDate)} were sent to ${listInWords(event.data.invitees.map(invitee))}.`,
        said: [],
      };
    case 'DecisionNotified': {
      const { mediation, appeal } = event.data.rightsExplained;
      const rights = mediation && appeal ? 'The notice explained the right to mediation and to appeal.'
        : mediation ? 'The notice explained the right to mediation, but not the right to appeal.'
          : appeal ? 'The notice explained the right to appeal, but not the right to mediation.'
            : 'The notice did not explain the right to mediation or to appeal.';
      return {
        title: 'Family told of a decision',
        sentence: `${capitalised(rightsHolder(event.data.notifiedTo))} was told of the decision ${entryReference(context, event.data.decisionEventId)}. ${rights}`,
        said: [],
      };
    }
    case 'CapacityAssessed':
      return {
        title: 'Mental capacity assessed',
        sentence: `${namedPerson(event.data.assessedBy)} assessed whether the young person can make decisions about ${lowerFirst(event.data.decisionScope)}: they ${event.data.hasCapacity ? 'can' : 'cannot'}.`,
        said: [],
      };
    case 'YoungPersonRecorded':
      return {
        title: "Young person's own sign-in recorded",
        sentence: `${event.data.displayName}'s own sign-in was recorded, so they can read their record and give consent once the rights pass to them.`,
        said: [],
      };
    case 'ProfessionalInvolved':
      return {
        title: `${capitalised(involvedService(event.data.service))} service involved`,
        sentence: `${event.data.organisation} became involved with the child: ${lowerFirst(event.data.description)}.`,
        said: [],
      };
    case 'ProfessionalInvolvementEnded': {
      const involved = context.involvements.get(event.data.involvementId);
      return {
        title: 'Involvement ended',
        sentence: `${involved ? involved.organisation : 'A service'} is no longer involved with the child.`,
        said: said(`Why: ${event.data.reason}`),
      };
    }
    case 'ConsentGranted':
      return {
        title: 'Consent given',
        sentence: `${by} let the ${granteeRole(event.data.to.role)} at ${event.data.to.organisation} read ${listInWords(event.data.scope.map(consentScope))} until ${longDate(event.data.expiresOn)}.`,
        said: said(`Purpose: ${event.data.purpose}`),
      };
    case 'ConsentRevoked': {
      const grant = context.grants.get(event.data.grantId);
      return {
        title: 'Consent withdrawn',
        sentence: `${by} withdrew the consent ${grant ? `for the ${granteeRole(grant.role)} at ${grant.organisation} ` : ''}to read the record.`,
        said: said(event.data.reason && `Why: ${event.data.reason}`),
      };
    }
    case 'StatementMade':
      return {
        title: 'Statement of SEN made',
        sentence: `A statement of special educational needs was made by ${laCalled(event.data.madeBy)}${event.data.namedSchool ? `, naming ${event.data.namedSchool.name}` : ''}.`,
        said: said(event.data.provisionSummary),
      };
    case 'SchoolActionRecorded':
      return {
        title: 'School Action recorded',
        sentence: 'The school recorded School Action: its own extra support, planned in an individual education plan (SEN Code of Practice 2001).',
        said: said(event.data.iepSummary),
      };
    case 'SchoolActionPlusRecorded':
      return {
        title: 'School Action Plus recorded',
        sentence: 'The school recorded School Action Plus: its own extra support with advice from outside specialists, planned in an individual education plan (SEN Code of Practice 2001).',
        said: said(event.data.iepSummary, event.data.externalSupport && `Outside support: ${event.data.externalSupport}`),
      };
    case 'StatementTransferredToEhcPlan':
      return {
        title: 'Statement transferred to an EHC plan',
        sentence: `The statement of special educational needs was transferred to an EHC plan naming ${event.data.namedSetting.name}.`,
        said: [],
      };
    case 'LegalHoldPlaced':
      return {
        title: 'Legal hold placed',
        sentence: `${namedPerson(event.data.placedBy)} placed a legal hold: the whole record is kept while it stands.`,
        said: said(`Why: ${event.data.reason}`),
      };
    case 'LegalHoldLifted':
      return { title: 'Legal hold lifted', sentence: 'The legal hold was lifted.', said: said(`Why: ${event.data.reason}`) };
    case 'ChildRecordErased':
      return {
        title: 'Record erased',
        sentence: event.data.reason === 'retention_period_ended'
          ? `The record was erased at the end of its retention period (${event.data.retentionRule}).`
          : 'The record was erased before the end of its retention period.',
        said: said(event.data.detail),
      };
    case 'EntryCorrected': {
      const d = event.data;
      const what = entryReference(context, d.supersedesEventId);
      if (d.retracted) {
        return { title: 'Entry retracted', sentence: `${by} retracted the entry ${what}: it was made in error and no longer counts.`, said: said(`Why: ${d.reason}`) };
      }
      const changes = [d.correctedOccurredAt && `it happened on ${longDate(d.correctedOccurredAt)}`, d.correctedData && 'its details were changed'].filter(Boolean);
      return {
        title: 'Correction',
        sentence: `${by} corrected the entry ${what}${changes.length ? `: ${listInWords(changes as string[])}` : ''}.`,
        said: said(`Why: ${d.reason}`),
      };
    }
    default:
      return { title: capitalised(codeInWords(str(entry.type).replace(/([a-z])([A-Z])/g, '$1 $2')).toLowerCase()), sentence: 'An entry of a kind this page does not describe yet.', said: [] };
  }
}

type ExpertReport = NonNullable<Extract<NewChildEvent, { type: 'AdviceReceived' }>['data']['report']>;

/** The written report advice came as: "Report: “…”, by Dr Nadia Farouk, Educational psychologist, written on 29 November 2022: 18 pages, with a summary of 3". */
export const reportInWords = (report: ExpertReport): string =>
  `Report: “${report.title}”, by ${report.author.name}, ${report.author.role}, written on ${longDate(report.writtenOn)}: ` +
  `${report.pages === 1 ? '1 page' : `${report.pages} pages`}${report.summaryPages > 0 ? `, with a summary of ${report.summaryPages === 1 ? '1 page' : `${report.summaryPages} pages`}` : ''}.`;

/** On whose authority: "Marcus Bell, Chair, SEN panel (reference SEN-PANEL-2023-014)". */
export const authorityInWords = (authority: { name: string; role: string; reference?: string | undefined }): string =>
  `${authority.name}, ${authority.role}${authority.reference ? ` (reference ${authority.reference})` : ''}`;

type TermChanges = Extract<NewChildEvent, { type: 'ProvisionVaried' }>['data']['changes'];

/** What a variation changed, each as a phrase: "now 1 session a fortnight", "now 1 hour each". */
export function changesInWords(changes: TermChanges): string[] {
  const phrases: string[] = [];
  if (changes.description !== undefined) phrases.push(`its wording is now “${changes.description}”`);
  if (changes.frequency !== undefined) phrases.push(`now ${frequencyInWords(changes.frequency)}`);
  if (changes.minutesPerSession !== undefined) phrases.push(`now ${minutesInWords(changes.minutesPerSession)} each`);
  if (changes.groupSize !== undefined) phrases.push(`now ${groupInWords(changes.groupSize)}`);
  if (changes.deliveredBy !== undefined) phrases.push(`now delivered by a ${lowerFirst(changes.deliveredBy.role)} from ${changes.deliveredBy.organisation}`);
  if (changes.startDate !== undefined) phrases.push(`now starts on ${longDate(changes.startDate)}`);
  if (changes.endDate !== undefined) phrases.push(`now ends on ${longDate(changes.endDate)}`);
  if (changes.localOfferServiceId !== undefined) phrases.push('now linked to another service in the Local Offer');
  return phrases.length ? phrases : ['no terms changed'];
}
