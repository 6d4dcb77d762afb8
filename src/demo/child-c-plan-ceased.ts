/**
 * Child C (pseudonym): an EHC plan that did its job and was ceased.
 *
 *   2022-03-07 registered at Primrose Row Primary · 05-09 school requests an assessment
 *   06-16 decision to assess · advice from the EP and the speech and language therapy service
 *   09-15 draft · 10-03 final plan (a week past the 20-week limit of Regs 13(2))
 *   2023-09-28 annual review: maintain · 2024-09-26 annual review: cease (needs met)
 *   2024-12-16 plan ceased, after the two-month appeal window ran out with no appeal.
 */
import { ChildScript } from './child-script.js';
import { LA_CODE, LA_NAME, cast, panelAuthority, people, services, settings } from './cast.js';

const school = settings.primroseRow;
const senco = cast.primroseRowSenco;
const la = cast.caseworker2;

export function childC(): ChildScript {
  const c = new ChildScript(
    'child-c',
    'Child C (pseudonym): EHC plan 2022 at Primrose Row Primary (final plan a week late); review decided to cease; plan ceased Dec 2024 (needs met)',
  );
  const plan = c.id('plan');
  const request = c.id('request-1');
  const therapy = c.id('f-speech-sound-therapy');
  const practice = c.id('f-speech-practice');

  c.add('registered', '2022-03-07', senco, 'ChildRegistered', {
    childId: c.childId,
    displayName: 'Child C (pseudonym)',
    dateOfBirth: '2015-11-02',
    laCode: LA_CODE,
    settingUrn: school.urn,
    settingName: school.name,
  });
  c.add('parent-carer', '2022-03-07', senco, 'ParentCarerRecorded', {
    personId: cast.parentC.id,
    displayName: 'Parent C (pseudonym)',
    relationship: 'Mother',
    parentalResponsibility: true,
  });
  c.add('need-primary', '2022-03-08', senco, 'NeedsIdentified', {
    needId: c.id('need-speech'),
    area: 'communication_and_interaction',
    senType: 'SLCN',
    rank: 'primary',
    description: 'Severe speech sound disorder: speech largely unintelligible to unfamiliar listeners (DEAP assessment, February 2022).',
  });
  c.add('need-secondary', '2022-03-08', senco, 'NeedsIdentified', {
    needId: c.id('need-confidence'),
    area: 'social_emotional_and_mental_health',
    senType: 'SEMH',
    rank: 'secondary',
    description: 'Frustration and withdrawal when not understood; reluctant to speak in class or to unfamiliar adults.',
  });
  c.add('assessment-request', '2022-05-09', senco, 'AssessmentRequested', {
    requestId: request,
    requestedBy: 'school',
    requesterDescription: 'Primrose Row Primary School (SENCo), with Parent C\'s agreement',
  });
  c.add('decision-to-assess', '2022-06-16', la, 'DecisionToAssess', {
    requestId: request,
    reasons: 'SEN panel of 15 June 2022: severity of the speech disorder and its effect on learning and wellbeing.',
  });
  c.add('advice-request-ep', '2022-06-17', la, 'AdviceRequested', {
    adviceRequestId: c.id('advice-ep'),
    requestId: request,
    adviceType: 'psychological',
    from: { organisation: services.educationalPsychology, role: 'Educational psychologist' },
  });
  c.add('advice-request-salt', '2022-06-17', la, 'AdviceRequested', {
    adviceRequestId: c.id('advice-salt'),
    requestId: request,
    adviceType: 'other',
    from: { organisation: services.salt, role: 'Speech and language therapist' },
  });
  c.add('involvement-ep', '2022-06-17', la, 'ProfessionalInvolved', {
    involvementId: c.id('involvement-ep'),
    organisation: services.educationalPsychology,
    service: 'educational_psychology',
    description: 'Psychological advice for the EHC needs assessment',
  });
  c.add('advice-ep-received', '2022-07-21', cast.educationalPsychologist, 'AdviceReceived', {
    adviceRequestId: c.id('advice-ep'),
    summary: 'Cognitive abilities within the average range; anxiety about speaking is secondary to the speech disorder. Recommends intensive therapy and daily practice.',
    report: {
      title: 'Psychological advice for the EHC needs assessment',
      author: { name: cast.educationalPsychologist.displayName, role: 'Educational psychologist (HCPC registered)' },
      writtenOn: '2022-07-19',
      pages: 12,
      summaryPages: 2,
    },
  });
  c.add('advice-salt-received', '2022-07-28', la, 'AdviceReceived', {
    adviceRequestId: c.id('advice-salt'),
    summary: 'Phonological disorder with consistent error patterns; recommends weekly direct therapy and four short practice sessions a week in school.',
    report: {
      title: 'Speech and language therapy advice for the EHC needs assessment',
      author: { name: people.therapist.name, role: people.therapist.role },
      writtenOn: '2022-07-26',
      pages: 9,
      summaryPages: 1,
    },
  });
  c.add('draft-plan', '2022-09-15', la, 'DraftPlanIssued', { planId: plan, requestId: request });
  c.add('final-plan', '2022-10-03', la, 'FinalPlanIssued', { planId: plan, namedSetting: { name: school.name, urn: school.urn } });
  const panel = panelAuthority('SEN-PANEL-2022-057');
  c.add('provision-f-therapy', '2022-10-03', la, 'ProvisionPromised', {
    provisionId: therapy,
    section: 'F',
    planId: plan,
    description: 'Direct speech sound therapy (phonological contrast approach)',
    deliveredBy: { organisation: services.salt, role: 'Speech and language therapist', qualification: 'HCPC-registered speech and language therapist' },
    frequency: { sessions: 1, per: 'week' },
    minutesPerSession: 40,
    groupSize: 1,
    startDate: '2022-10-17',
    authority: panel,
  });
  c.add('provision-f-practice', '2022-10-03', la, 'ProvisionPromised', {
    provisionId: practice,
    section: 'F',
    planId: plan,
    description: 'Speech practice set by the therapist, one to one in school',
    deliveredBy: { organisation: school.name, role: 'Teaching assistant', qualification: 'Trained by the therapist in the practice programme' },
    frequency: { sessions: 4, per: 'week' },
    minutesPerSession: 10,
    groupSize: 1,
    startDate: '2022-10-17',
    authority: panel,
  });
  c.add('sign-off-plan', '2022-10-03', la, 'SignedOff', {
    subject: 'plan',
    subjectId: plan,
    signatory: { name: la.displayName, role: `SEN caseworker, ${LA_NAME}` },
  }, { at: '16:00' });
  (['2022-10-20', '2022-10-27', '2022-11-03'] as const).forEach((on, i) => {
    c.add(`delivery-therapy-${i + 1}`, on, senco, 'ProvisionDelivered', { provisionId: therapy, sessions: 1, minutes: 40, deliveredBy: people.therapist }, { at: '10:00' });
    c.add(`delivery-practice-${i + 1}`, on, senco, 'ProvisionDelivered', { provisionId: practice, sessions: 4, minutes: 40, deliveredBy: people.primroseRowTa }, { at: '15:30' });
  });
  c.add('annual-review-2023', '2023-09-28', la, 'AnnualReviewHeld', {
    planId: plan,
    decision: 'maintain',
    summary: 'Intelligibility to familiar adults much improved; still hard to understand for unfamiliar listeners. Plan maintained.',
  });
  c.add('annual-review-2024', '2024-09-26', la, 'AnnualReviewHeld', {
    planId: plan,
    decision: 'cease',
    summary: 'Speech intelligible to unfamiliar listeners; discharged from therapy in July 2024; confident in class. Needs can be met from the school\'s SEN support. Decision to cease.',
  });
  c.add('plan-ceased', '2024-12-16', la, 'PlanCeased', {
    planId: plan,
    reason: 'needs_met',
    detail: 'Cease decision sent to Parent C and the school on 10 October 2024 with mediation and appeal rights (Regs 32); no appeal within two months. Support continues as SEN support at Primrose Row.',
  });
  return c;
}
