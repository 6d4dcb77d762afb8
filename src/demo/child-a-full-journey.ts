/**
 * Child A (pseudonym): the whole statutory journey, 2022-2025, and a move to secondary school.
 *
 *   2022-01 registered at Kentish Vale Primary (Year 3), needs identified, two APDR cycles
 *   2022-09-19 parent requests an EHC needs assessment · 10-27 decision to assess (within 6 weeks)
 *   2022-10-28 EP and health advice requested · received in December (health advice filed late)
 *   2023-01-19 draft plan · 2023-02-06 final plan (18 days after the draft; week 20 exactly)
 *   2023-02-06 three section F lines and one section G line, each quantified · deliveries weekly in March,
 *     then each provider's log once a half term; termly paediatric reviews
 *   2023-03-22 a delivery's date corrected · 2023-05-26 shortfall in specialist teaching reported
 *   2024-01-25 annual review (amend) · 2024-03-14 plan amended, therapy varied to fortnightly
 *   2024-11-21 Year 6 phase-transfer review · 2025-02-13 section I amended to name Fleet Hill School
 *     (Regs 18: by 15 Feb); the Key Stage 2 programme ends with Year 6, a Key Stage 3 one starts at Fleet Hill
 *   2025-07-21 Kentish Vale issues the handover · 2025-09-03 Fleet Hill's SENCo signs for it (literacy disputed)
 *   2025-10-06 Parent A gives an advocate at Camden SENDIASS consent to read the record and export evidence
 *   2025-12-19 Fleet Hill's autumn logs: programme and therapy delivered, specialist literacy not (shortfall)
 */
import { ChildScript } from './child-script.js';
import { LA_CODE, LA_NAME, cast, localOfferServiceIds, panelAuthority, people, sencoAuthority, services, settings } from './cast.js';

const school = settings.kentishVale;
const senco = cast.kentishValeSenco;
const la = cast.caseworker;

export function childA(): ChildScript {
  const c = new ChildScript(
    'child-a',
    'Child A (pseudonym): full journey: SEN support at Kentish Vale Primary, EHC plan 2023 (3 F + 1 G lines), reviewed and amended; moved to Fleet Hill School in September 2025 (section I amended, handover accepted)',
  );
  const plan = c.id('plan');
  const request = c.id('request-1');
  const cycle1 = c.id('cycle-1');
  const cycle2 = c.id('cycle-2');
  const lines = {
    language: c.id('sen-support-language-group'),
    precision: c.id('sen-support-precision-teaching'),
    salt: c.id('f-speech-and-language-therapy'),
    programme: c.id('f-language-programme'),
    literacy: c.id('f-specialist-literacy'),
    paediatrics: c.id('g-community-paediatrics'),
  };
  const ta = people.kentishValeTa;

  // --- Registration and needs (the school opens the record) -------------------------------
  c.add('registered', '2022-01-10', senco, 'ChildRegistered', {
    childId: c.childId,
    displayName: 'Child A (pseudonym)',
    dateOfBirth: '2014-03-12',
    laCode: LA_CODE,
    settingUrn: school.urn,
    settingName: school.name,
  });
  c.add('parent-carer', '2022-01-10', senco, 'ParentCarerRecorded', {
    personId: cast.parentA.id,
    displayName: 'Parent A (pseudonym)',
    relationship: 'Mother',
    parentalResponsibility: true,
  });
  c.add('need-primary', '2022-01-12', senco, 'NeedsIdentified', {
    needId: c.id('need-language'),
    area: 'communication_and_interaction',
    senType: 'SLCN',
    rank: 'primary',
    description: 'Receptive and expressive language difficulties: WellComm screening in the red band for age; finds multi-step instructions and retelling events in order hard.',
  });
  c.add('need-secondary', '2022-01-12', senco, 'NeedsIdentified', {
    needId: c.id('need-literacy'),
    area: 'cognition_and_learning',
    senType: 'SPLD',
    rank: 'secondary',
    description: 'Reading and spelling well below age-related expectations (reading age 6y2m at 7y10m); weak phonological working memory.',
  });

  // --- SEN support: two Assess-Plan-Do-Review cycles ---------------------------------------
  c.add('apdr-1-plan', '2022-01-17', senco, 'SenSupportCyclePlanned', {
    cycleId: cycle1,
    assessmentSummary: 'Class teacher concerns, WellComm screening and a phonics assessment; discussed with Parent A on 14 January 2022.',
    outcomes: ['Follows a two-part classroom instruction without a visual prompt', 'Retells a short story in the correct sequence using story-map prompts'],
    reviewDueOn: '2022-03-31',
  });
  c.add('apdr-1-provision', '2022-01-17', senco, 'ProvisionPromised', {
    provisionId: lines.language,
    section: 'SEN_SUPPORT',
    cycleId: cycle1,
    description: 'Talk Boost KS2 small-group language intervention',
    deliveredBy: { organisation: school.name, role: 'Teaching assistant', qualification: 'Talk Boost KS2 trained' },
    frequency: { sessions: 3, per: 'week' },
    minutesPerSession: 30,
    groupSize: 4,
    startDate: '2022-01-24',
    endDate: '2022-04-01',
    authority: sencoAuthority(senco, school.name),
  });
  (['2022-01-28', '2022-02-04', '2022-02-11'] as const).forEach((on, i) =>
    c.add(`apdr-1-delivery-${i + 1}`, on, senco, 'ProvisionDelivered', { provisionId: lines.language, sessions: 3, minutes: 90, deliveredBy: ta },
      // The third week's log was typed up after half term.
      { at: '15:30', ...(i === 2 ? { lateDays: 24 } : {}) }),
  );
  // The rest of the spring term's sessions, from the TA's log (one week missed for staff absence).
  c.add('apdr-1-delivery-log', '2022-03-25', senco, 'ProvisionDelivered', { provisionId: lines.language, sessions: 15, minutes: 450, deliveredBy: ta }, { at: '15:30' });
  c.add('apdr-1-review', '2022-03-30', senco, 'SenSupportCycleReviewed', {
    cycleId: cycle1,
    outcomesMet: 'partly_met',
    progress: 'Now follows two-part instructions in small groups but not yet in whole-class teaching; story sequencing still needs adult prompts. Reading has not moved.',
    nextStep: 'new_cycle',
  });
  c.add('apdr-2-plan', '2022-04-25', senco, 'SenSupportCyclePlanned', {
    cycleId: cycle2,
    assessmentSummary: 'Review of cycle 1 with Parent A; Salford reading test shows reading age 6y4m; advice sought from the specialist teaching service.',
    outcomes: ['Reads 40 of the first 100 high-frequency words at sight', 'Uses a word mat to spell common exception words in independent writing'],
    reviewDueOn: '2022-07-15',
  });
  c.add('apdr-2-provision', '2022-04-25', senco, 'ProvisionPromised', {
    provisionId: lines.precision,
    section: 'SEN_SUPPORT',
    cycleId: cycle2,
    description: 'Precision teaching of high-frequency words, one to one',
    deliveredBy: { organisation: school.name, role: 'Teaching assistant', qualification: 'Precision teaching trained' },
    frequency: { sessions: 4, per: 'week' },
    minutesPerSession: 10,
    groupSize: 1,
    startDate: '2022-04-25',
    endDate: '2022-07-20',
    authority: sencoAuthority(senco, school.name),
  });
  c.add('apdr-2-sign-off', '2022-04-27', cast.parentA, 'SignedOff', {
    subject: 'sen_support_plan',
    subjectId: cycle2,
    signatory: { name: 'Parent A (pseudonym)', role: 'Parent' },
    statement: 'I have read the support plan and agree the outcomes.',
  });
  (['2022-05-06', '2022-05-13', '2022-05-20'] as const).forEach((on, i) =>
    c.add(`apdr-2-delivery-${i + 1}`, on, senco, 'ProvisionDelivered', { provisionId: lines.precision, sessions: 4, minutes: 40, deliveredBy: ta }, { at: '15:30' }),
  );
  // The rest of the summer term's sessions (23 May to 8 July, less the half-term week), from the TA's log.
  c.add('apdr-2-delivery-log', '2022-07-08', senco, 'ProvisionDelivered', { provisionId: lines.precision, sessions: 26, minutes: 260, deliveredBy: ta }, { at: '15:30' });
  c.add('apdr-2-review', '2022-07-13', senco, 'SenSupportCycleReviewed', {
    cycleId: cycle2,
    outcomesMet: 'not_met',
    progress: 'Reads 22 of the first 100 high-frequency words; language needs persist across the curriculum. School and Parent A agree to ask the LA for an EHC needs assessment.',
    nextStep: 'request_ehc_needs_assessment',
  });

  // --- EHC needs assessment (Regs 5-8) -----------------------------------------------------
  c.add('assessment-request', '2022-09-19', cast.parentA, 'AssessmentRequested', {
    requestId: request,
    requestedBy: 'parent_carer',
    requesterDescription: 'Parent A (pseudonym), mother, with the school\'s support',
  });
  c.add('decision-to-assess', '2022-10-27', la, 'DecisionToAssess', {
    requestId: request,
    reasons: 'SEN panel of 26 October 2022: two APDR cycles with limited progress; the child may need special educational provision through an EHC plan (CFA s.36(8)).',
  });
  c.add('advice-request-ep', '2022-10-28', la, 'AdviceRequested', {
    adviceRequestId: c.id('advice-ep'),
    requestId: request,
    adviceType: 'psychological',
    from: { organisation: services.educationalPsychology, role: 'Educational psychologist' },
  });
  c.add('advice-request-health', '2022-10-28', la, 'AdviceRequested', {
    adviceRequestId: c.id('advice-health'),
    requestId: request,
    adviceType: 'medical',
    from: { organisation: services.paediatrics, role: 'Community paediatrician' },
  });
  // Asked for advice, the services become involved: their professionals may read the record while they are.
  c.add('involvement-ep', '2022-10-28', la, 'ProfessionalInvolved', {
    involvementId: c.id('involvement-ep'),
    organisation: services.educationalPsychology,
    service: 'educational_psychology',
    description: 'Psychological advice for the EHC needs assessment',
  });
  c.add('involvement-paediatrics', '2022-10-28', la, 'ProfessionalInvolved', {
    involvementId: c.id('involvement-paediatrics'),
    organisation: services.paediatrics,
    service: 'health',
    description: 'Medical advice for the EHC needs assessment, then termly paediatric review',
  });
  c.add('advice-ep-received', '2022-12-02', cast.educationalPsychologist, 'AdviceReceived', {
    adviceRequestId: c.id('advice-ep'),
    summary: 'Verbal comprehension well below average, non-verbal reasoning average. Needs direct language therapy, a daily language programme and specialist literacy teaching in a small group.',
    // Longer than the tribunal's 15 pages with a 3-page summary (limit 2): the bundle check has something to find.
    report: {
      title: 'Educational psychology advice for the EHC needs assessment',
      author: { name: cast.educationalPsychologist.displayName, role: 'Educational psychologist (HCPC registered)' },
      writtenOn: '2022-11-29',
      pages: 18,
      summaryPages: 3,
    },
  });
  // Sent on time, but uploaded after the Christmas break.
  c.add('advice-health-received', '2022-12-09', cast.paediatrician, 'AdviceReceived', {
    adviceRequestId: c.id('advice-health'),
    summary: 'No hearing loss (audiology November 2022). Concerns about attention and sleep; termly paediatric review recommended while ADHD assessment is considered.',
    report: {
      title: 'Medical advice for the EHC needs assessment',
      author: { name: cast.paediatrician.displayName, role: 'Consultant community paediatrician' },
      writtenOn: '2022-12-07',
      pages: 7,
      summaryPages: 1,
    },
  }, { lateDays: 28 });

  // --- Draft and final plan (Regs 13) ------------------------------------------------------
  c.add('draft-plan', '2023-01-19', la, 'DraftPlanIssued', {
    planId: plan,
    requestId: request,
    summary: 'Draft sent to Parent A with 15 days to comment and to ask for a meeting; Kentish Vale Primary consulted (Regs 13(1)).',
  });
  c.add('final-plan', '2023-02-06', la, 'FinalPlanIssued', { planId: plan, namedSetting: { name: school.name, urn: school.urn } });

  const panel2023 = panelAuthority('SEN-PANEL-2023-014');
  c.add('provision-f-salt', '2023-02-06', la, 'ProvisionPromised', {
    provisionId: lines.salt,
    section: 'F',
    planId: plan,
    description: 'Direct speech and language therapy targeting expressive language and narrative skills',
    deliveredBy: { organisation: services.salt, role: 'Speech and language therapist', qualification: 'HCPC-registered speech and language therapist' },
    localOfferServiceId: localOfferServiceIds.salt,
    frequency: { sessions: 1, per: 'week' },
    minutesPerSession: 45,
    groupSize: 1,
    startDate: '2023-02-27',
    authority: panel2023,
  });
  c.add('provision-f-language-programme', '2023-02-06', la, 'ProvisionPromised', {
    provisionId: lines.programme,
    section: 'F',
    planId: plan,
    description: 'Language programme set by the speech and language therapist, delivered one to one in school',
    deliveredBy: { organisation: school.name, role: 'Teaching assistant', qualification: 'Elklan Level 3 (Speech and Language Support for 5-11s)' },
    frequency: { sessions: 3, per: 'week' },
    minutesPerSession: 20,
    groupSize: 1,
    startDate: '2023-02-27',
    authority: panel2023,
  });
  c.add('provision-f-literacy', '2023-02-06', la, 'ProvisionPromised', {
    provisionId: lines.literacy,
    section: 'F',
    planId: plan,
    description: 'Specialist literacy teaching (structured, cumulative, multisensory phonics) in a small group',
    deliveredBy: { organisation: services.specialistTeaching, role: 'Specialist teacher', qualification: 'Level 7 SpLD qualification with AMBDA' },
    localOfferServiceId: localOfferServiceIds.specialistTeaching,
    frequency: { sessions: 2, per: 'week' },
    minutesPerSession: 45,
    groupSize: 3,
    startDate: '2023-02-27',
    authority: panel2023,
  });
  c.add('provision-g-paediatrics', '2023-02-06', la, 'ProvisionPromised', {
    provisionId: lines.paediatrics,
    section: 'G',
    planId: plan,
    description: 'Community paediatric review of attention and sleep, with advice to school and family',
    deliveredBy: { organisation: services.paediatrics, role: 'Community paediatrician', qualification: 'GMC-registered consultant paediatrician' },
    frequency: { sessions: 1, per: 'term' },
    minutesPerSession: 30,
    groupSize: 1,
    startDate: '2023-04-17',
    authority: { ...panel2023, role: `${people.panelChair.role} (health provision agreed with the ICB's Designated Clinical Officer)` },
  });
  c.add('sign-off-plan', '2023-02-06', la, 'SignedOff', {
    subject: 'plan',
    subjectId: plan,
    signatory: { name: la.displayName, role: `SEN caseworker, ${LA_NAME}` },
    statement: 'Final plan issued under Regs 13(2), 20 weeks from the request.',
  }, { at: '16:00' });
  c.add('sign-off-section-f', '2023-02-07', la, 'SignedOff', {
    subject: 'section',
    subjectId: plan,
    section: 'F',
    signatory: people.panelChair,
    statement: 'Section F provision agreed at SEN panel SEN-PANEL-2023-014.',
  });

  // --- Delivery, a corrected date, a shortfall --------------------------------------------
  // Therapy on Thursdays; the TA's and the specialist teacher's logs are entered on Fridays.
  const weeks = [
    ['2023-03-02', '2023-03-03'],
    ['2023-03-09', '2023-03-10'],
    ['2023-03-17', '2023-03-17'], // the therapy session is entered with Friday's date: corrected below
    ['2023-03-23', '2023-03-24'],
    ['2023-03-30', '2023-03-31'],
  ] as const;
  weeks.forEach(([thursday, friday], i) => {
    const week = i + 1;
    if (week === 4) {
      c.add('correction-salt-date', '2023-03-22', senco, 'EntryCorrected', (ref) => ({
        supersedesEventId: ref('delivery-salt-3'),
        reason: 'Logged with the date it was entered (Friday 17 March); the therapist\'s notes show the session took place on Thursday 16 March.',
        correctedOccurredAt: '2023-03-16T13:30:00.000Z',
      }));
    }
    c.add(`delivery-salt-${week}`, thursday, senco, 'ProvisionDelivered', { provisionId: lines.salt, sessions: 1, minutes: 45, deliveredBy: people.therapist }, { at: '13:30' });
    // Weeks 4 and 5 of the TA's log were entered after the Easter holidays.
    const late = week >= 4 ? { lateDays: week === 4 ? 28 : 21 } : {};
    c.add(`delivery-programme-${week}`, friday, senco, 'ProvisionDelivered', { provisionId: lines.programme, sessions: 3, minutes: 60, deliveredBy: ta }, { at: '15:45', ...late });
    c.add(`delivery-literacy-${week}`, friday, senco, 'ProvisionDelivered', { provisionId: lines.literacy, sessions: 2, minutes: 90, deliveredBy: people.specialistTeacher }, { at: '15:50' });
  });

  // From the summer term each provider's log is entered once a half term, on its last day (sessions in the half term).
  const panel2024 = panelAuthority('SEN-PANEL-2024-009');
  const ks3Programme = c.id('f-language-programme-ks3');
  const fleetHill = settings.fleetHill;
  const fleetHillSenco = cast.fleetHillSenco;
  const fleetHillTa = { name: 'Omar Reid', role: 'Teaching assistant' };
  type Step = { on: string; at: string; add: () => void };
  const steps: Step[] = [];
  const at = (on: string, time: string, add: () => void) => steps.push({ on, at: time, add });
  const log = (step: string, on: string, by: typeof senco, provisionId: string, sessions: number, minutesEach: number, deliveredBy: { name: string; role: string }, time: string) =>
    at(on, time, () => c.add(step, on, by, 'ProvisionDelivered', { provisionId, sessions, minutes: sessions * minutesEach, deliveredBy }, { at: time }));

  // Kentish Vale's half-term logs: the TA's language programme (3 a week, a session or two missed most half terms),
  // the specialist teacher's literacy group (2 a week, none while she was off sick), the therapist's visits.
  const kentishValeHalfTerms: Array<[end: string, programme: number, literacy: number, salt: number]> = [
    ['2023-05-26', 17, 0, 6],
    ['2023-07-21', 20, 14, 7],
    ['2023-10-20', 20, 14, 7],
    ['2023-12-20', 21, 14, 7],
    ['2024-02-09', 17, 12, 6],
    ['2024-03-28', 17, 12, 0],
    ['2024-05-24', 17, 12, 2],
    ['2024-07-19', 20, 14, 4],
    ['2024-10-18', 21, 14, 4],
    ['2024-12-20', 23, 16, 4],
    ['2025-02-14', 17, 12, 3],
    ['2025-04-04', 18, 12, 3],
    ['2025-05-23', 15, 10, 3],
    ['2025-07-18', 20, 14, 3],
  ];
  for (const [end, programme, literacy, salt] of kentishValeHalfTerms) {
    log(`log-programme-${end}`, end, senco, lines.programme, programme, 20, ta, '15:40');
    if (literacy > 0) log(`log-literacy-${end}`, end, senco, lines.literacy, literacy, 45, people.specialistTeacher, '15:42');
    // Weekly 45-minute sessions until the March 2024 variation, then fortnightly and an hour.
    if (salt > 0) log(`log-salt-${end}`, end, senco, lines.salt, salt, end < '2024-03-14' ? 45 : 60, people.therapist, '15:44');
  }
  // The last weekly therapy sessions before the variation (22 and 29 February, 7 March 2024).
  log('log-salt-2024-03-13', '2024-03-13', senco, lines.salt, 3, 45, people.therapist, '15:44');
  // Termly paediatric reviews, the first in May 2023.
  at('2023-05-11', '09:30', () => c.add('delivery-paediatrics-1', '2023-05-11', cast.paediatrician, 'ProvisionDelivered', {
    provisionId: lines.paediatrics, sessions: 1, minutes: 30, deliveredBy: { name: cast.paediatrician.displayName, role: 'Community paediatrician' },
  }));
  for (const on of ['2023-11-16', '2024-03-07', '2024-06-13', '2024-11-14', '2025-03-06', '2025-06-12', '2025-11-13']) {
    log(`review-paediatrics-${on}`, on, cast.paediatrician, lines.paediatrics, 1, 30, { name: cast.paediatrician.displayName, role: 'Community paediatrician' }, '11:00');
  }
  at('2023-05-26', '16:00', () => c.add('shortfall-literacy', '2023-05-26', senco, 'ShortfallReported', {
    provisionId: lines.literacy,
    periodFrom: '2023-04-17',
    periodTo: '2023-05-26',
    sessionsMissed: 12,
    reason: 'Specialist teacher on sick leave and the service provided no cover. Parent A informed; the LA has been asked to arrange catch-up sessions.',
  }, { at: '16:00' }));

  // --- Annual review, amendment, variation (CFA s.44, Regs 20-22) -------------------------
  at('2024-01-25', '09:30', () => c.add('annual-review', '2024-01-25', la, 'AnnualReviewHeld', {
    planId: plan,
    decision: 'amend',
    summary: 'Review meeting at Kentish Vale with Parent A, the SENCo, the headteacher, the therapist and the LA caseworker. Expressive language targets largely met; reading still about two years behind. Decision: amend sections B, E and F.',
  }));
  at('2024-01-26', '09:30', () => c.add('sign-off-review', '2024-01-26', cast.kentishValeHead, 'SignedOff', (ref) => ({
    subject: 'review',
    subjectId: ref('annual-review'),
    signatory: { name: cast.kentishValeHead.displayName, role: `Headteacher, ${school.name}` },
    statement: 'Review report and advice sent to the LA within two weeks of the meeting (Regs 20).',
  })));
  at('2024-03-14', '09:30', () => c.add('plan-amended', '2024-03-14', la, 'PlanAmended', {
    planId: plan,
    summary: 'Sections B, E and F updated: speech and language therapy moves to fortnightly, longer sessions; Key Stage 2 reading outcomes revised.',
    reason: 'Annual review of 25 January 2024 decided to amend; amendment notice sent 8 February 2024 with 15 days for representations (Regs 22).',
  }));
  at('2024-03-14', '09:31', () => c.add('provision-varied-salt', '2024-03-14', la, 'ProvisionVaried', {
    provisionId: lines.salt,
    changes: {
      description: 'Direct speech and language therapy (expressive language and narrative), including a consultation with class staff at each visit',
      frequency: { sessions: 1, per: 'fortnight' },
      minutesPerSession: 60,
    },
    reason: 'Annual review of 25 January 2024: the therapist reports expressive targets largely met; therapy becomes fortnightly with time to train class staff.',
    authority: panel2024,
  }, { at: '09:31' }));
  (['2024-03-21', '2024-04-18'] as const).forEach((on, i) =>
    at(on, '13:30', () => c.add(`delivery-salt-fortnightly-${i + 1}`, on, senco, 'ProvisionDelivered', { provisionId: lines.salt, sessions: 1, minutes: 60, deliveredBy: people.therapist }, { at: '13:30' })),
  );

  // --- Phase transfer to secondary (Regs 18) ----------------------------------------------
  at('2024-11-21', '09:30', () => c.add('phase-transfer-review', '2024-11-21', la, 'AnnualReviewHeld', {
    planId: plan,
    decision: 'amend',
    summary: 'Year 6 phase-transfer review. Parent A prefers Fleet Hill School; section I and the secondary provision to be settled by 15 February 2025.',
  }));
  at('2025-02-13', '09:30', () => c.add('phase-transfer', '2025-02-13', la, 'PhaseTransferPlacementNamed', {
    planId: plan,
    transfer: 'primary_to_secondary',
    settingName: fleetHill.name,
    settingUrn: fleetHill.urn,
    startsOn: '2025-09-03',
  }));
  const panel2025 = panelAuthority('SEN-PANEL-2025-004');
  at('2025-02-13', '09:31', () => c.add('plan-amended-phase-transfer', '2025-02-13', la, 'PlanAmended', {
    planId: plan,
    summary: 'Section I amended to name Fleet Hill School from 3 September 2025; section F: the Key Stage 2 language programme ends with Year 6 and a Key Stage 3 programme starts at Fleet Hill.',
    reason: 'Phase transfer: amended by 15 February of the transfer year (Regs 18) after the review of 21 November 2024.',
    namedSetting: { name: fleetHill.name, urn: fleetHill.urn },
  }, { at: '09:31' }));
  at('2025-02-13', '09:32', () => c.add('provision-ends-ks2-programme', '2025-02-13', la, 'ProvisionVaried', {
    provisionId: lines.programme,
    changes: { endDate: '2025-07-18' },
    reason: 'Phase transfer: the Key Stage 2 programme at Kentish Vale ends with the summer term of Year 6.',
    authority: panel2025,
  }, { at: '09:32' }));
  at('2025-02-13', '09:33', () => c.add('provision-f-ks3-programme', '2025-02-13', la, 'ProvisionPromised', {
    provisionId: ks3Programme,
    section: 'F',
    planId: plan,
    description: 'Language programme set by the speech and language therapist, delivered one to one at Fleet Hill',
    deliveredBy: { organisation: fleetHill.name, role: 'Teaching assistant', qualification: 'Elklan Level 3 (Speech and Language Support for 11-16s)' },
    frequency: { sessions: 3, per: 'week' },
    minutesPerSession: 20,
    groupSize: 1,
    startDate: '2025-09-03',
    authority: panel2025,
  }, { at: '09:33' }));

  // --- Transition plan and handover to the secondary (Regs 18; the receiving setting signs) -----
  const transition = c.id('transition-to-secondary');
  at('2025-03-10', '09:30', () => c.add('transition-plan', '2025-03-10', senco, 'TransitionPlanMade', {
    transitionId: transition,
    transition: 'primary_to_secondary',
    fromSetting: { name: school.name, urn: school.urn },
    toSetting: { name: fleetHill.name, urn: fleetHill.urn },
    actions: [
      { actionId: c.id('action-reports'), description: 'Send therapy, EP and literacy reports to the Fleet Hill SENCo', owner: { name: senco.displayName, role: 'SENCo' }, dueOn: '2025-06-13' },
      { actionId: c.id('action-visits'), description: 'Two familiarisation visits to Fleet Hill with a known teaching assistant', owner: { name: senco.displayName, role: 'SENCo' }, dueOn: '2025-07-11' },
    ],
  }));
  at('2025-06-10', '09:30', () => c.add('transition-reports-sent', '2025-06-10', senco, 'TransitionActionDone', { transitionId: transition, actionId: c.id('action-reports') }));
  at('2025-07-10', '09:30', () => c.add('transition-visits-done', '2025-07-10', senco, 'TransitionActionDone', { transitionId: transition, actionId: c.id('action-visits') }));
  // At the end of Year 6 the loader cuts the pack and records its hash (see load-demo.ts): the Key Stage 2
  // programme has ended by then, so it is listed apart; the Key Stage 3 programme is open, not yet started.
  at('2025-07-21', '10:00', () => c.add('handover-issued', '2025-07-21', senco, 'HandoverIssued', {
    handoverId: c.id('handover-to-secondary'),
    transitionId: transition,
    toSetting: { name: fleetHill.name, urn: fleetHill.urn },
  } as never, { at: '10:00' }));
  // On the first day of Year 7 the Fleet Hill SENCo signs: every other open promise accepted (the loader lists
  // them), one disputed with a reason. From that day the child is on Fleet Hill's roll.
  at('2025-09-03', '09:00', () => c.add('handover-accepted', '2025-09-03', fleetHillSenco, 'HandoverAccepted', {
    handoverId: c.id('handover-to-secondary'),
    signatory: { name: fleetHillSenco.displayName, role: `SENCo, ${fleetHill.name}` },
    disputedProvisions: [{ provisionId: lines.literacy, reason: 'Fleet Hill has no SpLD specialist teacher until January 2026; two sessions a week with a trained TA offered meanwhile' }],
  } as never, { at: '09:00' }));
  at('2025-09-03', '09:05', () => c.add('handover-sign-off', '2025-09-03', fleetHillSenco, 'SignedOff', (ref) => ({
    subject: 'handover',
    subjectId: ref('phase-transfer'),
    signatory: { name: fleetHillSenco.displayName, role: `SENCo, ${fleetHill.name}` },
    statement: 'Transition meeting held with Kentish Vale and Parent A; the plan, provision map and therapy and EP reports received.',
  }), { at: '09:05' }));

  // --- Parent A asks Camden SENDIASS for help with the disputed literacy provision: consent to the advocate --------
  at('2025-10-06', '18:30', () => c.add('consent-advocate', '2025-10-06', cast.parentA, 'ConsentGranted', {
    grantId: c.id('consent-advocate'),
    to: { organisation: cast.advocate.organisation, role: 'advocate', personId: cast.advocate.id },
    scope: ['record', 'audit_trail', 'evidence_export'],
    expiresOn: '2027-12-31',
    purpose: 'Advice and support with the EHC plan and any appeal',
  }, { at: '18:30' }));

  // --- Year 7 at Fleet Hill: the Key Stage 3 programme and therapy delivered; specialist literacy not ---------
  for (const [end, programme, salt] of [['2025-10-24', 20, 4], ['2025-12-19', 21, 3]] as const) {
    log(`log-ks3-programme-${end}`, end, fleetHillSenco, ks3Programme, programme, 20, fleetHillTa, '15:40');
    log(`log-salt-fleet-hill-${end}`, end, fleetHillSenco, lines.salt, salt, 60, people.therapist, '15:44');
  }
  at('2025-12-19', '16:00', () => c.add('shortfall-literacy-fleet-hill', '2025-12-19', fleetHillSenco, 'ShortfallReported', {
    provisionId: lines.literacy,
    periodFrom: '2025-09-03',
    periodTo: '2025-12-19',
    sessionsMissed: 30,
    reason: 'No SpLD specialist teacher at Fleet Hill this term (disputed at the handover); the LA has been asked to commission the specialist teaching service directly.',
  }, { at: '16:00' }));

  for (const step of steps.sort((a, b) => a.on.localeCompare(b.on) || a.at.localeCompare(b.at))) step.add();
  return c;
}
