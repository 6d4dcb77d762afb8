/**
 * Child B (pseudonym): SEN support at Primrose Row Primary; the LA refuses an EHC needs
 * assessment and the family appeals to the First-tier Tribunal (SEND).
 *
 *   2023-09-18 registered · 10-02 APDR cycle with ELSA sessions · 12-14 reviewed
 *   2024-01-15 parent requests an assessment · 02-22 decision not to assess (within 6 weeks,
 *   with appeal and mediation rights, Regs 5) · 04-19 appeal registered (within 2 months);
 *   the LA files the tribunal's notice three weeks after it arrives.
 *   Then (child-b-appeal.ts) the LA does not oppose the appeal, assesses and issues a plan late; the plan is
 *   amended, the family appeals its sections F and I, and Parent B gives an advocate at Camden SENDIASS consent
 *   to read the record and export evidence; the working document goes back and forth before the hearing.
 */
import { ChildScript } from './child-script.js';
import { childBAppealAndPlan } from './child-b-appeal.js';
import { LA_CODE, cast, people, sencoAuthority, settings } from './cast.js';

const school = settings.primroseRow;
const senco = cast.primroseRowSenco;

export function childB(): ChildScript {
  const c = new ChildScript(
    'child-b',
    'Child B (pseudonym): Primrose Row Primary; LA refused an EHC needs assessment (Feb 2024), did not oppose the appeal; plan issued late (Sep 2024); appeal against sections F and I with a working document, hearing 21 April 2026',
  );
  const cycle = c.id('cycle-1');
  const elsa = c.id('sen-support-elsa');
  const request = c.id('request-1');

  c.add('registered', '2023-09-18', senco, 'ChildRegistered', {
    childId: c.childId,
    displayName: 'Child B (pseudonym)',
    dateOfBirth: '2016-09-05',
    laCode: LA_CODE,
    settingUrn: school.urn,
    settingName: school.name,
  });
  c.add('parent-carer', '2023-09-18', senco, 'ParentCarerRecorded', {
    personId: cast.parentB.id,
    displayName: 'Parent B (pseudonym)',
    relationship: 'Father',
    parentalResponsibility: true,
  });
  c.add('need-primary', '2023-09-20', senco, 'NeedsIdentified', {
    needId: c.id('need-anxiety'),
    area: 'social_emotional_and_mental_health',
    senType: 'SEMH',
    rank: 'primary',
    description: 'Anxiety about separation and school: attendance 81% in 2022-23, frequent distress at the start of the day, withdraws in unstructured times.',
  });
  c.add('apdr-1-plan', '2023-10-02', senco, 'SenSupportCyclePlanned', {
    cycleId: cycle,
    assessmentSummary: 'Strengths and Difficulties Questionnaire (parent and teacher), attendance data and a meeting with Parent B on 28 September 2023.',
    outcomes: ['Separates from Parent B at the gate with a planned greeting on four days in five', 'Names two strategies to use when worried and uses one with a prompt'],
    reviewDueOn: '2023-12-15',
  });
  c.add('apdr-1-provision', '2023-10-02', senco, 'ProvisionPromised', {
    provisionId: elsa,
    section: 'SEN_SUPPORT',
    cycleId: cycle,
    description: 'Emotional literacy support sessions (ELSA), one to one',
    deliveredBy: { organisation: school.name, role: 'Emotional literacy support assistant', qualification: 'ELSA trained, supervised by an educational psychologist' },
    frequency: { sessions: 1, per: 'week' },
    minutesPerSession: 30,
    groupSize: 1,
    startDate: '2023-10-09',
    endDate: '2023-12-20',
    authority: sencoAuthority(senco, school.name),
  });
  (['2023-10-13', '2023-10-20', '2023-11-03', '2023-11-10'] as const).forEach((on, i) =>
    c.add(`delivery-elsa-${i + 1}`, on, senco, 'ProvisionDelivered', { provisionId: elsa, sessions: 1, minutes: 30, deliveredBy: people.primroseRowElsa }, { at: '11:00' }),
  );
  c.add('apdr-1-review', '2023-12-14', senco, 'SenSupportCycleReviewed', {
    cycleId: cycle,
    outcomesMet: 'partly_met',
    progress: 'Separation at the gate improved to three days in five; attendance this term 86%. ELSA to continue in the spring term.',
    nextStep: 'continue',
  });
  c.add('assessment-request', '2024-01-15', cast.parentB, 'AssessmentRequested', {
    requestId: request,
    requestedBy: 'parent_carer',
    requesterDescription: 'Parent B (pseudonym), father',
  });
  c.add('decision-not-to-assess', '2024-02-22', cast.caseworker2, 'DecisionNotToAssess', {
    requestId: request,
    reasons:
      'SEN panel of 21 February 2024: the school has run one Assess-Plan-Do-Review cycle, with progress, and has not yet sought educational psychology advice; ' +
      'the LA is not satisfied that the child may need provision through an EHC plan (CFA s.36(8)). ' +
      'You may appeal to the First-tier Tribunal (SEND) within two months of this letter, or one month from a mediation certificate if later; ' +
      'you must first contact the mediation adviser (Regs 32).',
  });
  c.add('appeal', '2024-04-19', cast.caseworker2, 'AppealRegistered', {
    appealId: c.id('appeal-1'),
    against: 'refusal_to_assess',
  }, { lateDays: 19 });
  childBAppealAndPlan(c, { request, firstAppeal: c.id('appeal-1'), anxietyNeed: c.id('need-anxiety') });
  return c;
}
