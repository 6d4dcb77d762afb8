import { randomUUID } from 'node:crypto';

const person = { name: 'A Person', role: 'Caseworker' };
const authority = { name: 'Marcus Bell', role: 'Chair, SEN panel', reference: 'P-1' };
const id = () => randomUUID();

/**
 * A schema-valid input for every child-record mutation: valid enough to reach the access check, whatever the
 * record then says (ids that name nothing in the record are refused by the rules, after the check).
 */
export const VALID_INPUTS: Record<string, () => Record<string, unknown>> = {
  recordParentCarer: () => ({ displayName: 'Pat', relationship: 'Mother', parentalResponsibility: true }),
  recordYoungPerson: () => ({ personId: id(), displayName: 'Alex' }),
  recordProfessionalInvolvement: () => ({ organisation: 'RKE', service: 'health', description: 'Community paediatrics' }),
  endProfessionalInvolvement: () => ({ involvementId: id(), reason: 'Discharged' }),
  grantConsent: () => ({ to: { organisation: 'IPSEA', role: 'advocate' }, scope: ['record'], expiresOn: '2026-12-31', purpose: 'Appeal' }),
  revokeConsent: () => ({ grantId: id(), reason: 'No longer needed' }),
  identifyNeeds: () => ({ area: 'cognition_and_learning', rank: 'primary', description: 'Dyslexia' }),
  planSenSupportCycle: () => ({ assessmentSummary: 'Reading age 2 years behind', outcomes: ['Read at age level'], reviewDueOn: '2026-03-01' }),
  reviewSenSupportCycle: () => ({ cycleId: id(), outcomesMet: 'partly_met', progress: 'Some progress', nextStep: 'continue' }),
  requestAssessment: () => ({ requestedBy: 'school' }),
  decideAssessment: () => ({ requestId: id(), decision: 'assess' }),
  requestAdvice: () => ({ requestId: id(), adviceType: 'medical', from: { organisation: 'RKE', role: 'Paediatrician' } }),
  recordAdviceReceived: () => ({ adviceRequestId: id(), summary: 'Advice' }),
  decideNotToIssue: () => ({ requestId: id(), reasons: 'Needs met from SEN support' }),
  issueDraftPlan: () => ({ requestId: id() }),
  issueFinalPlan: () => ({ planId: id(), namedSetting: { name: 'Hillside Primary', urn: '100001' } }),
  amendPlan: () => ({ planId: id(), summary: 'Section F', reason: 'Review' }),
  ceasePlan: () => ({ planId: id(), reason: 'needs_met' }),
  promiseProvision: () => ({
    section: 'SEN_SUPPORT', description: 'Small-group phonics', deliveredBy: { organisation: 'Hillside Primary', role: 'Teaching assistant' },
    frequency: { sessions: 3, per: 'week' }, minutesPerSession: 20, groupSize: 4, startDate: '2025-01-06', authority,
  }),
  varyProvision: () => ({ provisionId: id(), changes: { minutesPerSession: 30 }, reason: 'Review', authority }),
  withdrawProvision: () => ({ provisionId: id(), reason: 'Review', authority }),
  recordDelivery: () => ({ provisionId: id(), sessions: 1, minutes: 20, deliveredBy: person }),
  reportShortfall: () => ({ provisionId: id(), periodFrom: '2025-01-06', periodTo: '2025-01-31', sessionsMissed: 3, reason: 'Staff absence' }),
  requestProvisionConfirmation: () => ({ planId: id(), setting: { name: 'Hillside Primary', urn: '100001' } }),
  confirmProvisionInPlace: () => ({ confirmationId: id(), confirmedBy: person, notInPlace: [] }),
  assignCaseworker: () => ({ caseworker: { id: 'la_officer-202-sam-okafor', displayName: 'Sam Okafor' } }),
  recordAnnualReview: () => ({ planId: id(), decision: 'maintain', summary: 'Maintained' }),
  namePhaseTransferPlacement: () => ({ planId: id(), transfer: 'primary_to_secondary', settingName: 'Fleet Hill', startsOn: '2026-09-01' }),
  signOff: () => ({ subject: 'plan', subjectId: id(), signatory: person }),
  registerAppeal: () => ({ against: 'refusal_to_assess' }),
  correctEntry: () => ({ supersedesEventId: id(), reason: 'Typo', retracted: true }),
  makeTransitionPlan: () => ({ transition: 'primary_to_secondary', fromSetting: { name: 'Hillside' }, actions: [{ description: 'Visit', owner: person, dueOn: '2026-06-01' }] }),
  recordTransitionActionDone: () => ({ transitionId: id(), actionId: id() }),
  acceptHandover: () => ({ handoverId: id(), signatory: person, acceptedProvisionIds: [] }),
  invokeException: () => ({ requestId: id(), ground: 'a', reason: 'School closed', from: '2025-08-01' }),
  endException: () => ({ exceptionId: id(), on: '2025-09-01' }),
  recordMediationCertificate: () => ({ against: 'refusal_to_assess' }),
  notifyReviewDecision: () => ({ planId: id(), decision: 'maintain' }),
  notifyLaMove: () => ({ planId: id(), toLaCode: '204', moveDate: '2025-09-01', learnedOn: '2025-05-01' }),
  transferPlanOut: () => ({ moveId: id(), planId: id(), toLaCode: '204' }),
  transferPlanIn: () => ({ moveId: id(), planId: id(), fromLaCode: '202' }),
  notifyNewLaDecision: () => ({ moveId: id(), planId: id(), decision: 'maintain_as_transferred', reviewBy: '2026-01-01' }),
  recordViews: () => ({ whose: 'parent_carer', how: 'written', givenBy: { name: 'Pat', relationship: 'Mother' }, summary: 'Views' }),
  sendMeetingInvitation: () => ({ meeting: 'annual_review', meetingDate: '2025-07-01', invitees: ['parent_carer'] }),
  recordDecisionNotified: () => ({ decisionEventId: id(), notifiedTo: 'parent_carer', rightsExplained: { mediation: true, appeal: true } }),
  recordCapacityAssessment: () => ({ hasCapacity: true, decisionScope: 'EHC plan decisions', assessedBy: person }),
  recordStatement: () => ({ madeBy: '202', provisionSummary: 'Statement provision' }),
  recordSchoolAction: () => ({ iepSummary: 'IEP' }),
  recordSchoolActionPlus: () => ({ iepSummary: 'IEP' }),
  transferStatementToEhcPlan: () => ({ statementId: id(), namedSetting: { name: 'Hillside' } }),
  placeLegalHold: () => ({ reason: 'Appeal pending', placedBy: person }),
  liftLegalHold: () => ({ holdId: id(), reason: 'Concluded' }),
  issueHandover: () => ({ toSetting: { name: 'Fleet Hill', urn: '100002' } }),
  eraseChildRecord: () => ({ reason: 'other', detail: 'Test' }),
};
