import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { buildSchema, getNamedType, type GraphQLInputObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/domain/calendar/claimed-dates.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every mutation, given arbitrary strings and dates in place of one of its text or date fields (or its
 * claimed time, or its idempotency key), either records an entry that holds exactly what was sent, or is
 * refused with a client error and records nothing: never a 5xx, never an internal error. Each run acts on
 * a fresh child with a realistic record (a final EHC plan with section F provision, SEN support, consent,
 * a transition plan, a legal hold), so that most mutations can succeed and their stored values be compared.
 */

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const mutationFields = schema.getMutationType()!.getFields();

let t: TestApp;
let la: string;
let senco: string;
let receivingSenco: string;
let otherLa: string;
/** A service listed in LA 202's Local Offer, and a comment on it, that the Local Offer mutations act on. */
const offer = { serviceId: '', commentId: '' };

beforeAll(async () => {
  // Thousands of requests from four people in a few seconds: more than the per-person rate limit allows.
  t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  la = await t.token('la_officer', '202', 'Sam Okafor');
  senco = await t.token('senco', '100001', 'Priya Senco');
  receivingSenco = await t.token('senco', '100002', 'Dev Senco');
  otherLa = await t.token('la_officer', '204', 'Lee Officer');
  const listed = await send('listLocalOfferService', la, { laCode: '202' }, CASES['listLocalOfferService']!.input({} as World));
  offer.serviceId = listed.recorded!.subjectId!;
  const commented = await send('commentOnLocalOffer', la, { laCode: '202' }, { about: offer.serviceId, topic: 'quality', summary: 'Waiting list too long', channel: 'survey' });
  offer.commentId = commented.recorded!.subjectId!;
});
afterAll(async () => {
  await t?.close();
});

interface Outcome {
  statusCode: number;
  recorded: { childId?: string; laCode?: string; subjectId: string | null; entries: Array<{ eventId: string; occurredAt: string; data: Record<string, unknown> }> } | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Any mutation, with its input and options as variables, its argument types read from the schema. */
async function send(name: string, token: string, target: { childId?: string; laCode?: string }, input: unknown, options?: unknown): Promise<Outcome> {
  const field = mutationFields[name]!;
  const argType = (arg: string) => String(field.args.find((a) => a.name === arg)!.type);
  const scope = target.childId !== undefined ? { name: 'childId', type: argType('childId') } : target.laCode !== undefined ? { name: 'laCode', type: argType('laCode') } : null;
  const document = `mutation(${scope ? `$${scope.name}: ${scope.type}, ` : ''}$input: ${argType('input')}, $options: EntryOptions) {
    r: ${name}(${scope ? `${scope.name}: $${scope.name}, ` : ''}input: $input, options: $options) { ${field.type.toString().startsWith('LocalOffer') ? 'laCode' : 'childId'} subjectId entries { eventId occurredAt data } }
  }`;
  const response = await t.gql<{ r: Outcome['recorded'] }>(document, { ...target, input, options }, token);
  return { statusCode: response.statusCode, recorded: response.data?.r ?? null, ...(response.errors ? { errors: response.errors } : {}) };
}

async function ok(name: string, token: string, target: { childId?: string; laCode?: string }, input: unknown, options?: unknown) {
  const outcome = await send(name, token, target, input, options);
  if (!outcome.recorded) throw new Error(`${name} refused while building the record: ${JSON.stringify(outcome.errors)}`);
  return { subjectId: outcome.recorded.subjectId!, eventId: outcome.recorded.entries[0]!.eventId, childId: outcome.recorded.childId! };
}

const person = { name: 'Jo Adams', role: 'SEN caseworker' };
const authority = { name: 'Marcus Bell', role: 'Chair, SEN panel', reference: 'P-1' };

/** A child born on 10 March 2012, with a final EHC plan and much else, recorded over the years to 2024. */
async function aChildWithARecord() {
  const { childId, eventId: registration } = await ok(
    'registerChild',
    la,
    {},
    { displayName: 'Child P (pseudonym)', dateOfBirth: '2012-03-10', laCode: '202', settingUrn: '100001', settingName: 'Hillside Primary School' },
    { occurredAt: '2016-09-05' },
  );
  const c = { childId };
  const parentId = randomUUID();
  await ok('recordParentCarer', la, c, { personId: parentId, displayName: 'Pat P', relationship: 'Mother', parentalResponsibility: true }, { occurredAt: '2016-09-05' });
  const parent = await t.token('parent_carer', 'family', 'Pat P', parentId);
  const needs = await ok('identifyNeeds', la, c, { area: 'cognition_and_learning', rank: 'primary', description: 'Dyslexia' }, { occurredAt: '2022-09-12' });
  const cycle = await ok('planSenSupportCycle', senco, c, { assessmentSummary: 'Reading age two years behind', outcomes: ['Read at age level'], reviewDueOn: '2023-03-01' }, { occurredAt: '2022-10-03' });
  const senLine = await ok(
    'promiseProvision',
    senco,
    c,
    { section: 'SEN_SUPPORT', cycleId: cycle.subjectId, description: 'Small-group phonics', deliveredBy: { organisation: 'Hillside Primary School', role: 'Teaching assistant' }, frequency: { sessions: 3, per: 'week' }, minutesPerSession: 20, groupSize: 4, startDate: '2022-10-10', authority: { name: 'Priya Senco', role: 'SENCO' } },
    { occurredAt: '2022-10-03' },
  );
  const request = await ok('requestAssessment', senco, c, { requestedBy: 'school' }, { occurredAt: '2023-09-04' });
  await ok('decideAssessment', la, c, { requestId: request.subjectId, decision: 'assess' }, { occurredAt: '2023-10-02' });
  const advice = await ok('requestAdvice', la, c, { requestId: request.subjectId, adviceType: 'educational', from: { organisation: 'EP service', role: 'Educational psychologist' } }, { occurredAt: '2023-10-03' });
  const plan = await ok('issueDraftPlan', la, c, { requestId: request.subjectId }, { occurredAt: '2023-12-04' });
  const finalPlan = await ok('issueFinalPlan', la, c, { planId: plan.subjectId, namedSetting: { name: 'Hillside Primary School', urn: '100001' } }, { occurredAt: '2024-01-08' });
  const fLine = await ok(
    'promiseProvision',
    la,
    c,
    { section: 'F', planId: plan.subjectId, description: 'Speech and language therapy, one to one', deliveredBy: { organisation: 'NHS SALT', role: 'Speech and language therapist', qualification: 'HCPC registered' }, frequency: { sessions: 1, per: 'week' }, minutesPerSession: 45, groupSize: 1, startDate: '2024-01-15', authority },
    { occurredAt: '2024-01-08' },
  );
  // A second request: assessed, its draft plan out for comment; a third, not yet decided.
  const requestB = await ok('requestAssessment', la, c, { requestedBy: 'parent_carer' }, { occurredAt: '2024-02-05' });
  await ok('decideAssessment', la, c, { requestId: requestB.subjectId, decision: 'assess' }, { occurredAt: '2024-03-04' });
  const draftB = await ok('issueDraftPlan', la, c, { requestId: requestB.subjectId }, { occurredAt: '2024-05-01' });
  const requestC = await ok('requestAssessment', la, c, { requestedBy: 'school' }, { occurredAt: '2024-06-03' });
  const involvement = await ok('recordProfessionalInvolvement', la, c, { organisation: 'RKE', service: 'health', description: 'Community paediatrics' }, { occurredAt: '2024-02-01' });
  const grant = await ok('grantConsent', parent, c, { to: { organisation: 'IPSEA', role: 'advocate' }, scope: ['record'], expiresOn: '2025-06-30', purpose: 'Appeal' }, { occurredAt: '2024-03-01' });
  const transition = await ok(
    'makeTransitionPlan',
    la,
    c,
    { transition: 'primary_to_secondary', fromSetting: { name: 'Hillside Primary School', urn: '100001' }, toSetting: { name: 'Fleet Hill School', urn: '100002' }, actions: [{ description: 'Visit', owner: person, dueOn: '2024-07-01' }] },
    { occurredAt: '2024-03-04' },
  );
  const transitionEntry = (await t.gql<{ auditTrail: { entries: { nodes: Array<{ eventId: string; data: { actions: Array<{ actionId: string }> } }> } } }>(
    `{ auditTrail(childId: "${childId}", filter: { types: ["TransitionPlanMade"] }) { entries { nodes { eventId data } } } }`,
    undefined,
    la,
  )).data.auditTrail.entries.nodes[0]!;
  const hold = await ok('placeLegalHold', la, c, { reason: 'Complaint under investigation', placedBy: person }, { occurredAt: '2024-04-01' });
  const appeal = await ok('registerAppeal', parent, c, { against: 'plan_contents', planId: plan.subjectId, tribunalReference: 'EH202/24/00001', sections: ['F'] }, { occurredAt: '2024-04-02' });
  const amendment = await ok(
    'proposePlanAmendment',
    parent,
    c,
    { planId: plan.subjectId, appealId: appeal.subjectId, section: 'F', proposedBy: 'parent_carer', change: 'add', wording: 'Weekly therapy', about: { kind: 'provision', id: fLine.subjectId }, evidence: [{ author: 'Dr Ann Lee', role: 'Educational psychologist', writtenOn: '2024-01-10', page: 3, paragraph: '4.2' }] },
    { occurredAt: '2024-04-03' },
  );
  const recommendation = await ok('recordTribunalRecommendation', parent, c, { appealId: appeal.subjectId, section: 'G', madeTo: 'NHS North Central London ICB', wording: 'Physiotherapy' }, { occurredAt: '2024-04-04' });
  const confirmation = await ok('requestProvisionConfirmation', la, c, { planId: plan.subjectId, setting: { name: 'Hillside Primary School', urn: '100001' } }, { occurredAt: '2024-01-09' });
  await ok('withholdIdentifier', la, c, { scheme: 'uln', reason: 'Safeguarding advice' }, { occurredAt: '2024-04-05' });
  const leaving = await ok('recordPupilLeftRoll', senco, c, { setting: { name: 'Hillside Primary School', urn: '100001' }, leftOn: '2024-07-19', destination: { name: 'Fleet Hill School', urn: '100002' } }, { occurredAt: '2024-07-19' });
  const sendFile = await ok('recordSendFileTransferred', senco, c, { to: { name: 'Fleet Hill School', urn: '100002' }, contents: 'EHC plan, reviews, EP report' }, { occurredAt: '2024-07-22' });
  return {
    leavingId: leaving.subjectId, transferId: sendFile.subjectId,
    childId, parent, registration, needsEventId: needs.eventId, needId: needs.subjectId, cycleId: cycle.subjectId, senLineId: senLine.subjectId,
    requestId: request.subjectId, requestB: requestB.subjectId, draftB: draftB.subjectId, requestC: requestC.subjectId, adviceRequestId: advice.subjectId, planId: plan.subjectId, finalPlanEventId: finalPlan.eventId, fLineId: fLine.subjectId,
    involvementId: involvement.subjectId, grantId: grant.subjectId, transitionId: transition.subjectId, actionId: transitionEntry.data.actions[0]!.actionId, holdId: hold.subjectId,
    confirmationId: confirmation.subjectId, appealId: appeal.subjectId, amendmentId: amendment.subjectId, recommendationId: recommendation.subjectId,
  };
}
type World = Awaited<ReturnType<typeof aChildWithARecord>>;

interface Case {
  token: (w: World) => string;
  target?: (w: World) => { childId?: string; laCode?: string };
  input: (w: World) => Record<string, unknown>;
  occurredAt?: string;
}

/** A valid request for every mutation (a few are refused by the record's rules all the same, which the property allows). */
const CASES: Record<string, Case> = {
  registerChild: { token: () => la, target: () => ({}), input: () => ({ displayName: 'Child Q (pseudonym)', dateOfBirth: '2015-06-01', laCode: '202', settingUrn: '100001', settingName: 'Hillside' }) },
  recordParentCarer: { token: () => la, input: () => ({ displayName: 'Sam Q', relationship: 'Father', parentalResponsibility: true }) },
  recordYoungPerson: { token: () => la, input: () => ({ personId: randomUUID(), displayName: 'Alex' }) },
  recordProfessionalInvolvement: { token: () => la, input: () => ({ organisation: 'RKE', service: 'social_care', description: 'Children with disabilities team' }) },
  endProfessionalInvolvement: { token: () => la, input: (w) => ({ involvementId: w.involvementId, reason: 'Discharged' }) },
  grantConsent: { token: (w) => w.parent, input: () => ({ to: { organisation: 'SENDIASS', role: 'advocate', personId: 'adv-1' }, scope: ['record', 'audit_trail'], expiresOn: '2025-03-31', purpose: 'Annual review support' }) },
  revokeConsent: { token: (w) => w.parent, input: (w) => ({ grantId: w.grantId, reason: 'No longer needed' }) },
  identifyNeeds: { token: () => la, input: () => ({ area: 'sensory_and_physical', rank: 'secondary', description: 'Hearing loss' }) },
  planSenSupportCycle: { token: () => senco, input: () => ({ assessmentSummary: 'Handwriting', outcomes: ['Legible handwriting', 'Typing'], reviewDueOn: '2024-12-01', targetsSetWith: ['child'] }) },
  reviewSenSupportCycle: { token: () => senco, input: (w) => ({ cycleId: w.cycleId, outcomesMet: 'partly_met', progress: 'Some progress', nextStep: 'continue' }) },
  requestAssessment: { token: (w) => w.parent, input: () => ({ requestedBy: 'parent_carer', requesterDescription: 'Mother' }) },
  decideAssessment: { token: () => la, input: (w) => ({ requestId: w.requestC, decision: 'not_assess', reasons: 'Needs met' }) },
  requestAdvice: { token: () => la, input: (w) => ({ requestId: w.requestId, adviceType: 'medical', from: { organisation: 'RKE', role: 'Paediatrician' } }) },
  recordAdviceReceived: { token: () => la, input: (w) => ({ adviceRequestId: w.adviceRequestId, summary: 'Advice on literacy' }) },
  decideNotToIssue: { token: () => la, input: (w) => ({ requestId: w.requestB, reasons: 'Needs met from SEN support' }) },
  issueDraftPlan: { token: () => la, input: (w) => ({ requestId: w.requestId, summary: 'Draft' }) },
  issueFinalPlan: { token: () => la, input: (w) => ({ planId: w.draftB, namedSetting: { name: 'Hillside Primary School', urn: '100001' } }) },
  amendPlan: { token: () => la, input: (w) => ({ planId: w.planId, summary: 'Section F: more therapy', reason: 'Annual review' }) },
  ceasePlan: { token: () => la, input: (w) => ({ planId: w.planId, reason: 'other', detail: 'Moved abroad' }) },
  promiseProvision: {
    token: () => la,
    input: (w) => ({ section: 'F', planId: w.planId, description: 'Occupational therapy', deliveredBy: { organisation: 'OT service', role: 'Occupational therapist' }, frequency: { sessions: 2, per: 'month' }, minutesPerSession: 30, startDate: '2024-02-05', endDate: '2025-02-05', authority }),
  },
  varyProvision: { token: () => la, input: (w) => ({ provisionId: w.fLineId, changes: { description: 'Speech and language therapy, one to one, 60 minutes', startDate: '2024-03-04' }, reason: 'Review', authority }) },
  withdrawProvision: { token: () => senco, input: (w) => ({ provisionId: w.senLineId, reason: 'Outcome met', authority: { name: 'Priya Senco', role: 'SENCO' } }) },
  recordDelivery: { token: () => senco, input: (w) => ({ provisionId: w.senLineId, sessions: 3, minutes: 60, deliveredBy: { name: 'Terry TA', role: 'Teaching assistant' }, notes: 'All three sessions' }) },
  reportShortfall: { token: (w) => w.parent, input: (w) => ({ provisionId: w.fLineId, periodFrom: '2024-02-01', periodTo: '2024-02-29', sessionsMissed: 2, reason: 'Therapist off sick' }) },
  requestProvisionConfirmation: { token: () => la, input: (w) => ({ planId: w.planId, setting: { name: 'Hillside Primary School', urn: '100001' } }) },
  confirmProvisionInPlace: { token: () => senco, input: (w) => ({ confirmationId: w.confirmationId, confirmedBy: { name: 'Priya Senco', role: 'SENCo' }, notInPlace: [{ provisionId: w.fLineId, reason: 'Therapist starts next month' }] }) },
  assignCaseworker: { token: () => la, input: () => ({ caseworker: { id: 'la_officer-202-sam-okafor', displayName: 'Sam Okafor' } }) },
  recordAnnualReview: { token: () => la, input: (w) => ({ planId: w.planId, decision: 'amend', summary: 'Needs changed' }) },
  namePhaseTransferPlacement: { token: () => la, input: (w) => ({ planId: w.planId, transfer: 'primary_to_secondary', settingName: 'Fleet Hill School', settingUrn: '100002', startsOn: '2024-09-04' }) },
  signOff: { token: () => la, input: (w) => ({ subject: 'section', subjectId: w.planId, section: 'F', signatory: person, statement: 'Section F agreed' }) },
  registerAppeal: { token: (w) => w.parent, input: (w) => ({ against: 'plan_contents', planId: w.planId }) },
  requestMediation: { token: (w) => w.parent, input: (w) => ({ against: 'plan_contents', planId: w.planId }) },
  respondToAppeal: { token: () => la, input: (w) => ({ appealId: w.appealId, summary: 'The LA opposes the appeal' }), occurredAt: '2024-05-01' },
  recordTribunalDirections: { token: (w) => w.parent, input: (w) => ({ appealId: w.appealId, directions: [{ direction: 'evidence', dueOn: '2024-09-02', party: 'parent_carer', detail: 'Expert reports' }] }), occurredAt: '2024-05-01' },
  listHearing: { token: (w) => w.parent, input: (w) => ({ appealId: w.appealId, hearingOn: '2024-10-01', venue: 'Alfred Place' }), occurredAt: '2024-05-01' },
  recordTribunalDecision: { token: (w) => w.parent, input: (w) => ({ appealId: w.appealId, outcome: 'allowed_in_part', summary: 'Section F to be specified' }) },
  recordTribunalOrder: { token: (w) => w.parent, input: (w) => ({ appealId: w.appealId, kind: 'amend_plan', consent: true, planId: w.planId, sections: ['F'], wording: 'Amend section F' }), occurredAt: '2024-05-01' },
  recordAppealNotOpposed: { token: () => la, input: (w) => ({ appealId: w.appealId, kind: 'amend_plan', planId: w.planId, sections: ['F'], wording: 'The LA will amend section F' }), occurredAt: '2024-05-01' },
  reverseDecision: { token: () => la, input: (w) => ({ requestId: w.requestC, decision: 'refusal_to_assess', reasons: 'New evidence' }) },
  withdrawAppeal: { token: (w) => w.parent, input: (w) => ({ appealId: w.appealId, reason: 'Resolved' }), occurredAt: '2024-05-01' },
  recordTribunalRecommendation: { token: (w) => w.parent, input: (w) => ({ appealId: w.appealId, section: 'H1', madeTo: 'Camden social care', wording: 'Short breaks' }), occurredAt: '2024-05-01' },
  answerRecommendation: { token: () => la, input: (w) => ({ recommendationId: w.recommendationId, follows: false, reasons: 'Not eligible', answeredBy: person }), occurredAt: '2024-05-01' },
  setOutcome: { token: () => la, input: (w) => ({ planId: w.planId, description: 'Read at age level', needIds: [w.needId] }) },
  proposePlanAmendment: { token: () => la, input: (w) => ({ planId: w.planId, appealId: w.appealId, section: 'F', proposedBy: 'local_authority', change: 'delete', wording: 'one to one' }), occurredAt: '2024-05-01' },
  answerPlanAmendment: { token: () => la, input: (w) => ({ amendmentId: w.amendmentId, by: 'local_authority', answer: 'disputed', reason: 'Not supported by evidence' }), occurredAt: '2024-05-01' },
  withdrawPlanAmendment: { token: (w) => w.parent, input: (w) => ({ amendmentId: w.amendmentId, reason: 'Agreed elsewhere' }), occurredAt: '2024-05-01' },
  issueWorkingDocument: { token: (w) => w.parent, input: (w) => ({ appealId: w.appealId, version: 1, issuedBy: 'parent_carer' }), occurredAt: '2024-05-01' },
  recordIdentifier: { token: () => la, input: () => ({ scheme: 'nhs_number', value: '9434765919' }) },
  withholdIdentifier: { token: () => la, input: () => ({ scheme: 'upn', reason: 'Adopted: previous UPN not to be disclosed' }) },
  liftIdentifierWithholding: { token: () => la, input: () => ({ scheme: 'uln', reason: 'Advice changed' }) },
  recordPupilLeftRoll: { token: () => senco, input: () => ({ setting: { name: 'Hillside Primary School', urn: '100001' }, leftOn: '2024-07-19' }), occurredAt: '2024-07-19' },
  recordCommonTransferFileSent: { token: () => senco, input: (w) => ({ leavingId: w.leavingId, to: { name: 'Fleet Hill School', urn: '100002' }, sha256: 'a'.repeat(64) }), occurredAt: '2024-07-23' },
  recordCommonTransferFileReceived: { token: () => senco, input: () => ({ from: { name: 'Northgate Primary', urn: '100003' }, sha256: 'b'.repeat(64) }) },
  recordSendFileTransferred: { token: () => senco, input: () => ({ to: { name: 'Fleet Hill School', urn: '100002' }, contents: 'EHC plan and last review' }) },
  recordSendFileReceived: { token: () => senco, input: (w) => ({ transferId: w.transferId, receivedBy: { name: 'Dev Senco', role: 'SENCO' } }) },
  correctEntry: { token: () => la, input: (w) => ({ supersedesEventId: w.needsEventId, reason: 'Wrong area', correctedData: { needId: w.needId, area: 'cognition_and_learning', rank: 'primary', description: 'Dyslexia and dyscalculia' } }) },
  makeTransitionPlan: { token: () => la, input: () => ({ transition: 'primary_to_secondary', fromSetting: { name: 'Hillside' }, actions: [{ description: 'Taster day', owner: person, dueOn: '2024-06-20' }] }) },
  recordTransitionActionDone: { token: () => la, input: (w) => ({ transitionId: w.transitionId, actionId: w.actionId, notes: 'Visited' }) },
  issueHandover: { token: () => senco, input: (w) => ({ transitionId: w.transitionId, toSetting: { name: 'Fleet Hill School', urn: '100002' } }) },
  acceptHandover: { token: () => receivingSenco, input: () => ({ handoverId: randomUUID(), signatory: { name: 'Dev Senco', role: 'SENCO' }, acceptedProvisionIds: [] }) },
  invokeException: { token: () => la, input: (w) => ({ requestId: w.requestId, ground: 'c', reason: 'Family bereavement', from: '2023-11-01', to: '2023-11-20' }) },
  endException: { token: () => la, input: () => ({ exceptionId: randomUUID(), on: '2023-11-20' }) },
  recordMediationCertificate: { token: (w) => w.parent, input: (w) => ({ against: 'plan_contents', planId: w.planId }) },
  notifyReviewDecision: { token: () => la, input: (w) => ({ planId: w.planId, decision: 'maintain' }) },
  recordViews: { token: (w) => w.parent, input: () => ({ whose: 'parent_carer', how: 'written', givenBy: { name: 'Pat P', relationship: 'Mother' }, summary: 'More help with reading', about: { kind: 'general' } }) },
  sendMeetingInvitation: { token: () => la, input: (w) => ({ meeting: 'annual_review', subjectId: w.planId, meetingDate: '2024-12-10', invitees: ['parent_carer', 'school'] }) },
  recordDecisionNotified: { token: () => la, input: (w) => ({ decisionEventId: w.finalPlanEventId, notifiedTo: 'parent_carer', rightsExplained: { mediation: true, appeal: true } }) },
  recordCapacityAssessment: { token: () => la, input: () => ({ hasCapacity: true, decisionScope: 'EHC plan decisions', assessedBy: person }) },
  recordStatement: { token: () => la, input: () => ({ madeBy: '202', provisionSummary: 'Statement provision', namedSchool: { name: 'Hillside' } }), occurredAt: '2014-06-02' },
  recordSchoolAction: { token: () => senco, input: () => ({ iepSummary: 'IEP: reading' }), occurredAt: '2013-10-01' },
  recordSchoolActionPlus: { token: () => senco, input: () => ({ iepSummary: 'IEP: reading', externalSupport: 'EP visits' }), occurredAt: '2014-01-13' },
  transferStatementToEhcPlan: { token: () => la, input: () => ({ statementId: randomUUID(), namedSetting: { name: 'Hillside' } }) },
  placeLegalHold: { token: () => la, input: () => ({ reason: 'Tribunal appeal', placedBy: person }) },
  liftLegalHold: { token: () => la, input: (w) => ({ holdId: w.holdId, reason: 'Investigation closed' }) },
  eraseChildRecord: { token: () => la, input: () => ({ reason: 'other', detail: 'Registered in error' }) },
  notifyLaMove: { token: () => la, input: (w) => ({ planId: w.planId, toLaCode: '204', moveDate: '2024-10-01', learnedOn: '2024-08-01' }) },
  transferPlanOut: { token: () => la, input: (w) => ({ moveId: randomUUID(), planId: w.planId, toLaCode: '204' }) },
  transferPlanIn: { token: () => otherLa, input: (w) => ({ moveId: randomUUID(), planId: w.planId, fromLaCode: '202' }) },
  notifyNewLaDecision: { token: () => otherLa, input: (w) => ({ moveId: randomUUID(), planId: w.planId, decision: 'maintain_as_transferred', reviewBy: '2025-01-01' }) },
  listLocalOfferService: {
    token: () => la,
    target: () => ({ laCode: '202' }),
    input: () => ({ name: 'Speech therapy drop-in', provider: 'NHS SALT', description: 'Weekly drop-in', eligibility: 'Any child', ageRange: { from: 0, to: 18 }, areasOfNeed: ['communication_and_interaction'], category: 'health' }),
  },
  commentOnLocalOffer: { token: (w) => w.parent, target: () => ({ laCode: '202' }), input: () => ({ topic: 'gaps', summary: 'Nothing for teenagers with autism', channel: 'direct' }) },
  publishLocalOfferResponse: { token: () => la, target: () => ({ laCode: '202' }), input: () => ({ commentIds: [offer.commentId], response: 'We will add it', actionsTaken: 'Commissioned' }) },
  updateLocalOfferService: { token: () => la, target: () => ({ laCode: '202' }), input: () => ({ serviceId: offer.serviceId, changes: { description: 'Fortnightly' }, reason: 'Capacity' }) },
  withdrawLocalOfferService: { token: () => la, target: () => ({ laCode: '202' }), input: () => ({ serviceId: offer.serviceId, reason: 'Decommissioned' }) },
  checkLocalOfferService: { token: () => la, target: () => ({ laCode: '202' }), input: () => ({ serviceId: offer.serviceId, checkedBy: person, finding: 'available_as_described', notes: 'Visited' }) },
};

/** Every string in a value, with its path (`changes.description`, `actions.0.dueOn`). */
function stringLeaves(value: unknown, path: string[] = []): Array<{ path: string[]; value: string }> {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringLeaves(item, [...path, String(i)]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}
const at = (value: unknown, path: readonly string[]): unknown => path.reduce<unknown>((v, key) => (v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[key]), value);
function replaced(value: unknown, path: readonly string[], replacement: string): unknown {
  if (path.length === 0) return replacement;
  const [key, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, i) => (String(i) === key ? replaced(item, rest, replacement) : item));
  return { ...(value as Record<string, unknown>), [key!]: replaced((value as Record<string, unknown>)[key!], rest, replacement) };
}
/** The input field's GraphQL type, to know a DateTime (stored as its instant) from other text. */
function typeAt(mutation: string, path: readonly string[]): string {
  let type = getNamedType(mutationFields[mutation]!.args.find((a) => a.name === 'input')!.type);
  for (const key of path) {
    if (/^\d+$/.test(key)) continue;
    const field = (type as GraphQLInputObjectType).getFields?.()[key];
    if (!field) return 'JSON';
    type = getNamedType(field.type);
  }
  return type.name;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const dateLike = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const realDate = fc.date({ min: new Date('2010-01-01T00:00:00Z'), max: new Date('2024-09-01T00:00:00Z'), noInvalidDate: true });
const dateTimeLike = fc
  .tuple(dateLike, fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }), fc.constantFrom('', '.5', '.123', '.123456', ',7'), fc.constantFrom('Z', 'z', '+01:00', '-05:30', '+14:00', '+24:00', ''))
  .map(([date, h, m, s, fraction, zone]) => `${date}T${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${fraction}${zone}`);
/** What a client might send in a text or date field: any UTF-16 (lone surrogates included), any grapheme, dates real and impossible. */
const arbitraryValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  // Text with space around it must be kept as written.
  fc.tuple(fc.constantFrom(' ', '  ', '\t', '\n', ''), fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom(' ', '\u00a0', '\r\n', '')).map(([a, b, c]) => `${a}${b}${c}`),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', 'a\udc00b', '\ud83d\ude00', 'Zoë  ', '2024-02-30', '2026-02-30T10:00:00Z', '2016-12-31T23:59:60Z'),
  dateLike,
  dateTimeLike,
  realDate.map((d) => d.toISOString().slice(0, 10)),
  realDate.map((d) => d.toISOString()),
);

const CLIENT_CODES = ['BAD_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'];

describe('every mutation, with arbitrary strings and dates in any text or date field', () => {
  it('records an entry holding exactly what was sent, or refuses with a client error and records nothing', async () => {
    const names = Object.keys(CASES);
    // Every mutation with an input is covered.
    expect(Object.keys(mutationFields).filter((name) => mutationFields[name]!.args.some((a) => a.name === 'input')).sort()).toEqual([...names].sort());
    const seen = { recorded: new Set<string>(), refused: new Set<string>() };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.nat(), arbitraryValue, async (name, pick, value) => {
        const w = await aChildWithARecord();
        const spec = CASES[name]!;
        const input = spec.input(w);
        const options: Record<string, unknown> = spec.occurredAt ? { occurredAt: spec.occurredAt } : {};
        const targets = [...stringLeaves(input).map((leaf) => ['input', ...leaf.path]), ['options', 'occurredAt'], ['options', 'idempotencyKey']];
        const [where, ...path] = targets[pick % targets.length]!;
        const sentInput = where === 'input' ? (replaced(input, path, value) as Record<string, unknown>) : input;
        const sentOptions = where === 'options' ? { ...options, [path[0]!]: value } : options;

        const before = await t.store.headPosition();
        const outcome = await send(name, spec.token(w), (spec.target ?? ((x: World) => ({ childId: x.childId })))(w), sentInput, sentOptions);
        const after = await t.store.headPosition();
        const context = JSON.stringify({ name, where, path, value, outcome });

        expect(outcome.statusCode, context).toBeLessThan(500);
        if (!outcome.recorded) {
          for (const error of outcome.errors ?? []) expect(CLIENT_CODES, context).toContain(error.extensions?.['code']);
          expect(outcome.errors?.length, context).toBeGreaterThan(0);
          expect(after, context).toBe(before);
          seen.refused.add(name);
          return;
        }
        expect(outcome.errors, context).toBeUndefined();
        seen.recorded.add(name);
        const entry = outcome.recorded.entries[0]!;
        // What is stored is what was sent: every text and date field (the claimed time as the same instant).
        const stored = outcome.recorded.childId
          ? (await t.gql<{ auditTrail: { entries: { nodes: Array<{ eventId: string; data: Record<string, unknown>; occurredAt: string; idempotencyKey: string | null }> } } }>(
              `{ auditTrail(childId: "${outcome.recorded.childId}") { entries { nodes { eventId data occurredAt idempotencyKey } } } }`,
              undefined,
              la,
            )).data.auditTrail.entries.nodes.find((e) => e.eventId === entry.eventId)!
          : { ...entry, idempotencyKey: null };
        const isErasure = name === 'eraseChildRecord';
        for (const leaf of stringLeaves(sentInput)) {
          if (isErasure || (name === 'decideAssessment' && leaf.path[0] === 'decision')) continue;
          const kept = at(stored.data, leaf.path);
          if (typeAt(name, leaf.path) === 'DateTime') expect(kept, context).toBe(parseInstant(leaf.value));
          else expect(kept, `${context} at ${leaf.path.join('.')}`).toBe(leaf.value);
        }
        if (typeof sentOptions['occurredAt'] === 'string') expect(stored.occurredAt, context).toBe(parseInstant(sentOptions['occurredAt']));
        if (typeof sentOptions['idempotencyKey'] === 'string' && outcome.recorded.childId) expect(stored.idempotencyKey, context).toBe(sentOptions['idempotencyKey']);
      }),
      { numRuns: 300, seed: 20261207 },
    );
    // The property was exercised both ways, across most mutations.
    expect(seen.recorded.size).toBeGreaterThan(names.length / 2);
    expect(seen.refused.size).toBeGreaterThan(names.length / 2);
  }, 300_000);
});
