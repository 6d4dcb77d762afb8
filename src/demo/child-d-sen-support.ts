/**
 * Child D (pseudonym): SEN support only, under the graduated approach at Kentish Vale Primary.
 * One week's delivery is entered twice (from the class log and the TA's paper log); the SENCo
 * retracts the duplicate. The original stays in the trail, but it no longer counts.
 */
import { ChildScript } from './child-script.js';
import { LA_CODE, cast, people, sencoAuthority, settings } from './cast.js';

const school = settings.kentishVale;
const senco = cast.kentishValeSenco;

export function childD(): ChildScript {
  const c = new ChildScript(
    'child-d',
    'Child D (pseudonym): SEN support only at Kentish Vale Primary, two APDR cycles; a delivery entered twice and the duplicate retracted',
  );
  const cycle1 = c.id('cycle-1');
  const cycle2 = c.id('cycle-2');
  const phonics = c.id('sen-support-phonics');
  const spelling = c.id('sen-support-spelling');
  const ta = people.kentishValeTa;

  c.add('registered', '2024-09-16', senco, 'ChildRegistered', {
    childId: c.childId,
    displayName: 'Child D (pseudonym)',
    dateOfBirth: '2017-02-14',
    laCode: LA_CODE,
    settingUrn: school.urn,
    settingName: school.name,
  });
  c.add('parent-carer', '2024-09-16', senco, 'ParentCarerRecorded', {
    personId: cast.parentD.id,
    displayName: 'Parent D (pseudonym)',
    relationship: 'Grandmother (special guardian)',
    parentalResponsibility: true,
  });
  c.add('need-primary', '2024-09-18', senco, 'NeedsIdentified', {
    needId: c.id('need-literacy'),
    area: 'cognition_and_learning',
    senType: 'SPLD',
    rank: 'primary',
    description: 'Persistent difficulty with phonics and spelling despite quality-first teaching; a dyslexia screener indicates dyslexic-type difficulties.',
  });
  c.add('apdr-1-plan', '2024-09-23', senco, 'SenSupportCyclePlanned', {
    cycleId: cycle1,
    assessmentSummary: 'Phonics screening re-check, a dyslexia screener and a meeting with Parent D on 19 September 2024.',
    outcomes: ['Blends and reads CVCC and CCVC words with 80% accuracy', 'Spells 15 of the Year 2 common exception words'],
    reviewDueOn: '2024-12-13',
  });
  c.add('apdr-1-provision', '2024-09-23', senco, 'ProvisionPromised', {
    provisionId: phonics,
    section: 'SEN_SUPPORT',
    cycleId: cycle1,
    description: 'Structured synthetic phonics catch-up in a small group',
    deliveredBy: { organisation: school.name, role: 'Teaching assistant', qualification: 'Trained in the school\'s phonics catch-up programme' },
    frequency: { sessions: 3, per: 'week' },
    minutesPerSession: 20,
    groupSize: 3,
    startDate: '2024-09-30',
    endDate: '2024-12-13',
    authority: sencoAuthority(senco, school.name),
  });
  c.add('apdr-1-sign-off', '2024-09-25', cast.parentD, 'SignedOff', {
    subject: 'sen_support_plan',
    subjectId: cycle1,
    signatory: { name: 'Parent D (pseudonym)', role: 'Special guardian' },
  });
  const delivery = { provisionId: phonics, sessions: 3, minutes: 60, deliveredBy: ta };
  c.add('delivery-1', '2024-10-04', senco, 'ProvisionDelivered', delivery, { at: '15:30' });
  c.add('delivery-2', '2024-10-11', senco, 'ProvisionDelivered', delivery, { at: '15:30' });
  c.add('delivery-2-duplicate', '2024-10-11', senco, 'ProvisionDelivered', { ...delivery, notes: 'From the TA\'s paper log' }, { at: '15:40' });
  c.add('delivery-3', '2024-10-18', senco, 'ProvisionDelivered', delivery, { at: '15:30' });
  c.add('retraction', '2024-10-21', senco, 'EntryCorrected', (ref) => ({
    supersedesEventId: ref('delivery-2-duplicate'),
    reason: 'Entered twice: the week of 7 October was already logged from the class record; this copy from the TA\'s paper log is a duplicate.',
    retracted: true,
  }));
  c.add('apdr-1-review', '2024-12-12', senco, 'SenSupportCycleReviewed', {
    cycleId: cycle1,
    outcomesMet: 'partly_met',
    progress: 'Blending secure for CVCC words, not yet CCVC; spells 9 of the target words. Phonics to continue alongside precision teaching for spelling.',
    nextStep: 'new_cycle',
  });
  c.add('apdr-2-plan', '2025-01-06', senco, 'SenSupportCyclePlanned', {
    cycleId: cycle2,
    assessmentSummary: 'Review of cycle 1 with Parent D; spelling assessment.',
    outcomes: ['Spells 15 of the Year 2 common exception words in independent writing'],
    reviewDueOn: '2025-03-28',
  });
  c.add('apdr-2-provision', '2025-01-06', senco, 'ProvisionPromised', {
    provisionId: spelling,
    section: 'SEN_SUPPORT',
    cycleId: cycle2,
    description: 'Precision teaching for spelling, one to one',
    deliveredBy: { organisation: school.name, role: 'Teaching assistant', qualification: 'Precision teaching trained' },
    frequency: { sessions: 5, per: 'week' },
    minutesPerSession: 10,
    groupSize: 1,
    startDate: '2025-01-13',
    endDate: '2025-03-28',
    authority: sencoAuthority(senco, school.name),
  });
  c.add('spelling-delivery-1', '2025-01-17', senco, 'ProvisionDelivered', { provisionId: spelling, sessions: 5, minutes: 50, deliveredBy: ta }, { at: '15:30' });
  // Typed up from the paper log after February half term.
  c.add('spelling-delivery-2', '2025-01-24', senco, 'ProvisionDelivered', { provisionId: spelling, sessions: 4, minutes: 40, deliveredBy: ta, notes: 'One session missed: school trip' }, { at: '15:30', lateDays: 31 });
  return c;
}
