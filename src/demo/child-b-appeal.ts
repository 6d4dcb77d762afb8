/**
 * Child B's story after the appeal against the refusal to assess (see child-b-refused-assessment.ts):
 *
 *   2024-05-17 the LA tells the tribunal it will not oppose the appeal (reg 45) · 05-29 decision to assess
 *     (reg 45's 2 weeks met) · EP advice (report of 8 July 2024) and the NHS occupational therapy service's
 *     report of 10 January 2023 sent as its advice · sensory and learning needs added to section B
 *   2024-08-30 draft plan · 2024-09-20 final plan: late against reg 45's 14 weeks and against 20 weeks from
 *     the request of 15 January 2024. Section E outcomes; four section F lines, three tied to needs and
 *     reports; the learning need has no provision and the lunchtime club serves no need (golden-thread flags)
 *   2025-07-10 annual review · 2025-09-15 plan amended (ELSA cut to once a week); the family disagrees:
 *     mediation, then an appeal against sections F and I (EH202/25/00417) with Camden SENDIASS's help
 *   2025-12 the LA's response, the tribunal's directions, a hearing listed for 21 April 2026; the working
 *     document: the LA's changes (version 1), the plan amended again mid-appeal, the parent's changes citing an
 *     independent EP report, some agreed, some disputed, one withdrawn; version 2 sent by the parent on 20 February 2026
 */
import type { ChildScript } from './child-script.js';
import { LA_NAME, cast, panelAuthority, people, services, settings } from './cast.js';

const school = settings.primroseRow;
const senco = cast.primroseRowSenco;
const la = cast.caseworker2;
const parent = cast.parentB;

/** The ids the earlier part of Child B's script made: the refused request and the first appeal. */
export interface ChildBSoFar {
  request: string;
  firstAppeal: string;
  anxietyNeed: string;
}

export function childBAppealAndPlan(c: ChildScript, { request, firstAppeal, anxietyNeed }: ChildBSoFar): void {
  const plan = c.id('plan');
  const needs = { anxiety: anxietyNeed, sensory: c.id('need-sensory'), learning: c.id('need-learning') };
  const outcomes = { attendance: c.id('outcome-attendance'), regulation: c.id('outcome-regulation') };
  const lines = { elsa: c.id('f-elsa'), keyAdult: c.id('f-key-adult'), sensory: c.id('f-sensory-circuit'), lunchClub: c.id('f-lunch-club') };
  const advice = { ep: c.id('advice-ep'), ot: c.id('advice-ot') };
  const contentsAppeal = c.id('appeal-2');
  const epReport = { author: cast.educationalPsychologist.displayName, role: 'Educational psychologist (HCPC registered)', writtenOn: '2024-07-08', adviceRequestId: advice.ep };
  const otReport = { author: 'Priya Natarajan', role: 'Occupational therapist (HCPC registered)', writtenOn: '2023-01-10', adviceRequestId: advice.ot };
  /** Commissioned by the family for the contents appeal: the later psychological evidence. */
  const independentEp = { author: 'Dr Ruth Calloway', role: 'Educational psychologist (independent, HCPC registered)', writtenOn: '2025-10-27' };

  // --- The first appeal ends unopposed; the request stands again (reg 45) -----------------------
  c.add('appeal-not-opposed', '2024-05-17', la, 'AppealNotOpposed', {
    appealId: firstAppeal,
    outcomeId: c.id('appeal-1-not-opposed'),
    kind: 'assess',
    requestId: request,
    wording: 'The LA will not oppose the appeal (SEND Regs 2014 reg 45): it will make an EHC needs assessment on the request of 15 January 2024.',
  });
  c.add('decision-to-assess', '2024-05-29', la, 'DecisionToAssess', {
    requestId: request,
    reasons: 'The refusal of 22 February 2024 is set aside (the appeal was not opposed on 17 May 2024). The school\'s further evidence and an educational psychology consultation show the child may need provision through an EHC plan.',
  });
  c.add('advice-request-ep', '2024-05-30', la, 'AdviceRequested', {
    adviceRequestId: advice.ep,
    requestId: request,
    adviceType: 'psychological',
    from: { organisation: services.educationalPsychology, role: 'Educational psychologist' },
  });
  c.add('advice-request-ot', '2024-05-30', la, 'AdviceRequested', {
    adviceRequestId: advice.ot,
    requestId: request,
    adviceType: 'medical',
    from: { organisation: services.occupationalTherapy, role: 'Occupational therapist' },
  });
  // The OT service had assessed Child B in clinic in January 2023 and sent that report as its advice.
  c.add('advice-ot-received', '2024-06-21', la, 'AdviceReceived', {
    adviceRequestId: advice.ot,
    summary: 'Sensory processing differences: over-responsive to noise and touch, seeks movement when anxious. Recommends a daily sensory circuit and planned movement breaks, reviewed by school staff.',
    report: {
      title: 'Occupational therapy clinic assessment',
      author: { name: otReport.author, role: otReport.role },
      writtenOn: otReport.writtenOn,
      pages: 6,
      summaryPages: 1,
    },
  });
  c.add('advice-ep-received', '2024-07-12', la, 'AdviceReceived', {
    adviceRequestId: advice.ep,
    summary: 'High anxiety at transitions, with avoidance; working memory in the low range. Recommends twice-weekly ELSA sessions supervised by the EP, a key adult at the start of the day and literacy support.',
    report: {
      title: 'Educational psychology advice for the EHC needs assessment',
      author: { name: epReport.author, role: epReport.role },
      writtenOn: epReport.writtenOn,
      pages: 12,
      summaryPages: 2,
    },
  });
  c.add('need-sensory', '2024-07-15', la, 'NeedsIdentified', {
    needId: needs.sensory,
    area: 'sensory_and_physical',
    senType: 'OTH',
    rank: 'secondary',
    description: 'Sensory processing differences: overwhelmed by noise in the dining hall and playground, avoids touch in close queues, seeks movement when anxious.',
  });
  c.add('need-learning', '2024-07-15', la, 'NeedsIdentified', {
    needId: needs.learning,
    area: 'cognition_and_learning',
    senType: 'MLD',
    rank: 'secondary',
    description: 'Working memory in the low range: loses the thread of multi-step tasks; reading about 18 months behind age-related expectations.',
  });

  // --- Draft and final plan, late: 14 weeks from the concession and 20 from the request have passed ---
  c.add('draft-plan', '2024-08-30', la, 'DraftPlanIssued', {
    planId: plan,
    requestId: request,
    summary: 'Draft sent to Parent B with 15 days to comment; Primrose Row Primary consulted (Regs 13(1)). Advice arrived late over the summer.',
  });
  c.add('final-plan', '2024-09-20', la, 'FinalPlanIssued', { planId: plan, namedSetting: { name: school.name, urn: school.urn } });
  c.add('outcome-attendance', '2024-09-20', la, 'OutcomeSet', {
    outcomeId: outcomes.attendance,
    planId: plan,
    description: 'By the end of Year 3, Child B comes into school calmly with a known adult on four mornings in five and attends at least 92% of sessions.',
    needIds: [needs.anxiety],
  });
  c.add('outcome-regulation', '2024-09-20', la, 'OutcomeSet', {
    outcomeId: outcomes.regulation,
    planId: plan,
    description: 'By the end of Year 4, Child B uses a break card to ask for a sensory break before becoming overwhelmed, in class and at lunch.',
    needIds: [needs.sensory, needs.anxiety],
  });
  const panel2024 = panelAuthority('SEN-PANEL-2024-031');
  c.add('provision-f-elsa', '2024-09-20', la, 'ProvisionPromised', {
    provisionId: lines.elsa,
    section: 'F',
    planId: plan,
    description: 'Emotional literacy support sessions (ELSA), one to one, with targets set by the educational psychologist',
    deliveredBy: { organisation: school.name, role: 'Emotional literacy support assistant', qualification: 'ELSA trained, supervised by an educational psychologist' },
    frequency: { sessions: 2, per: 'week' },
    minutesPerSession: 30,
    groupSize: 1,
    startDate: '2024-09-30',
    authority: panel2024,
    evidence: [{ ...epReport, page: 9, paragraph: '4.2' }],
    needIds: [needs.anxiety],
    outcomeIds: [outcomes.attendance, outcomes.regulation],
  });
  c.add('provision-f-key-adult', '2024-09-20', la, 'ProvisionPromised', {
    provisionId: lines.keyAdult,
    section: 'F',
    planId: plan,
    description: 'A key adult meets Child B at the gate each morning and settles them with a planned greeting and a calm task',
    deliveredBy: { organisation: school.name, role: 'Teaching assistant' },
    frequency: { sessions: 5, per: 'week' },
    minutesPerSession: 15,
    groupSize: 1,
    startDate: '2024-09-30',
    authority: panel2024,
    evidence: [{ ...epReport, page: 10, paragraph: '4.5' }],
    needIds: [needs.anxiety],
    outcomeIds: [outcomes.attendance],
  });
  c.add('provision-f-sensory', '2024-09-20', la, 'ProvisionPromised', {
    provisionId: lines.sensory,
    section: 'F',
    planId: plan,
    description: 'Sensory circuit before the school day, and movement breaks planned into each lesson',
    deliveredBy: { organisation: school.name, role: 'Teaching assistant', qualification: 'Sensory circuits training from the occupational therapy service' },
    frequency: { sessions: 5, per: 'week' },
    minutesPerSession: 15,
    groupSize: 4,
    startDate: '2024-09-30',
    authority: panel2024,
    evidence: [{ ...otReport, page: 4, paragraph: '3.1' }],
    needIds: [needs.sensory],
    outcomeIds: [outcomes.regulation],
  });
  // Added at the panel without a need in B or a report behind it: the golden thread's "provision tied to no need".
  c.add('provision-f-lunch-club', '2024-09-20', la, 'ProvisionPromised', {
    provisionId: lines.lunchClub,
    section: 'F',
    planId: plan,
    description: 'A place in the lunchtime nurture club',
    deliveredBy: { organisation: school.name, role: 'Teaching assistant' },
    frequency: { sessions: 5, per: 'week' },
    minutesPerSession: 30,
    groupSize: 8,
    startDate: '2024-09-30',
    authority: panel2024,
  });
  c.add('sign-off-plan', '2024-09-20', la, 'SignedOff', {
    subject: 'plan',
    subjectId: plan,
    signatory: { name: la.displayName, role: `SEN caseworker, ${LA_NAME}` },
    statement: 'Final plan issued after the appeal was not opposed; later than reg 45 and Regs 13(2) allow, because the advice came late over the summer.',
  }, { at: '16:00' });

  // --- Delivery: the school's half-term logs ------------------------------------------------------
  const ta = people.primroseRowTa;
  const halfTerms: Array<[end: string, elsa: number, keyAdult: number, sensory: number, lunch: number]> = [
    ['2024-10-25', 9, 20, 19, 20],
    ['2024-12-20', 12, 34, 33, 35],
    ['2025-02-14', 10, 28, 27, 29],
    ['2025-04-04', 9, 24, 24, 25],
    ['2025-05-23', 9, 23, 22, 24],
    ['2025-07-18', 11, 30, 29, 30],
    ['2025-10-24', 7, 34, 33, 35],
    ['2025-12-19', 7, 35, 32, 35],
    // Twice-daily sensory circuits from 19 January 2026 (the amendment of 16 January).
    ['2026-02-13', 6, 29, 48, 29],
  ];
  const afterAmendment = '2025-09-15';
  const entries: Array<{ on: string; at: string; add: () => void }> = [];
  for (const [end, elsa, keyAdult, sensory, lunch] of halfTerms) {
    entries.push({ on: end, at: '15:40', add: () => {
      c.add(`log-elsa-${end}`, end, senco, 'ProvisionDelivered', { provisionId: lines.elsa, sessions: elsa, minutes: elsa * 30, deliveredBy: people.primroseRowElsa }, { at: '15:40' });
      c.add(`log-key-adult-${end}`, end, senco, 'ProvisionDelivered', { provisionId: lines.keyAdult, sessions: keyAdult, minutes: keyAdult * 15, deliveredBy: ta }, { at: '15:41' });
      c.add(`log-sensory-${end}`, end, senco, 'ProvisionDelivered', { provisionId: lines.sensory, sessions: sensory, minutes: sensory * 15, deliveredBy: ta }, { at: '15:42' });
      c.add(`log-lunch-club-${end}`, end, senco, 'ProvisionDelivered', { provisionId: lines.lunchClub, sessions: lunch, minutes: lunch * 30, deliveredBy: ta }, { at: '15:43' });
    } });
  }

  // --- Annual review and the amendment the family disagrees with (CFA s.44, Regs 20-22) ---------
  entries.push({ on: '2025-07-10', at: '09:30', add: () => c.add('annual-review', '2025-07-10', la, 'AnnualReviewHeld', {
    planId: plan,
    decision: 'amend',
    summary: 'Review meeting at Primrose Row with Parent B, the SENCo and the LA caseworker. Attendance 90%; mornings calmer. The LA proposes ELSA once a week from September; Parent B disagrees.',
  }) });
  const panel2025 = panelAuthority('SEN-PANEL-2025-022');
  entries.push({ on: afterAmendment, at: '09:30', add: () => {
    c.add('plan-amended', afterAmendment, la, 'PlanAmended', {
      planId: plan,
      summary: 'Section F: ELSA sessions reduced from twice to once a week.',
      reason: 'Annual review of 10 July 2025 decided to amend; amendment notice sent 28 July 2025 with 15 days for representations (Regs 22). Parent B\'s representations were considered and not accepted.',
    });
    c.add('provision-varied-elsa', afterAmendment, la, 'ProvisionVaried', {
      provisionId: lines.elsa,
      changes: { frequency: { sessions: 1, per: 'week' } },
      reason: 'Annual review of 10 July 2025: the LA judges the anxiety targets largely met.',
      authority: panel2025,
    }, { at: '09:31' });
  } });

  // --- Mediation, then an appeal against sections F and I --------------------------------------
  entries.push({ on: '2025-09-29', at: '09:30', add: () => c.add('mediation-requested', '2025-09-29', parent, 'MediationRequested', {
    mediationId: c.id('mediation-2'),
    against: 'plan_contents',
    planId: plan,
  }) });
  entries.push({ on: '2025-10-20', at: '09:30', add: () => c.add('mediation-certificate', '2025-10-20', parent, 'MediationCertificateIssued', {
    certificateId: c.id('mediation-certificate-2'),
    against: 'plan_contents',
    planId: plan,
  }) });
  entries.push({ on: '2025-11-03', at: '17:45', add: () => c.add('consent-advocate', '2025-11-03', parent, 'ConsentGranted', {
    grantId: c.id('consent-advocate'),
    to: { organisation: cast.advocate.organisation, role: 'advocate', personId: cast.advocate.id },
    scope: ['record', 'audit_trail', 'evidence_export'],
    expiresOn: '2027-06-30',
    purpose: 'Advice and representation in the First-tier Tribunal (SEND) appeal against the contents of the EHC plan (sections F and I, EH202/25/00417)',
  }, { at: '17:45' }) });
  entries.push({ on: '2025-11-12', at: '09:30', add: () => c.add('appeal-contents', '2025-11-12', parent, 'AppealRegistered', {
    appealId: contentsAppeal,
    against: 'plan_contents',
    planId: plan,
    tribunalReference: 'EH202/25/00417',
    sections: ['F', 'I'],
  }) });
  entries.push({ on: '2025-11-20', at: '09:30', add: () => c.add('tribunal-directions', '2025-11-20', la, 'TribunalDirectionsGiven', {
    appealId: contentsAppeal,
    directions: [
      { direction: 'la_response', dueOn: '2025-12-18', party: 'local_authority' },
      { direction: 'working_document', dueOn: '2026-01-09', party: 'local_authority', detail: 'The LA sends the working document (version 1) with its proposed changes' },
      { direction: 'working_document', dueOn: '2026-02-20', party: 'parent_carer', detail: 'The parent returns the working document with their changes and answers' },
      { direction: 'evidence', dueOn: '2026-03-13', detail: 'Both parties send their evidence; expert reports no more than 3 years old at the hearing' },
      { direction: 'attendance', dueOn: '2026-03-27', detail: 'Each party names its witnesses and who will attend' },
    ],
  }) });
  entries.push({ on: '2025-12-01', at: '09:30', add: () => c.add('hearing-listed', '2025-12-01', la, 'HearingListed', {
    appealId: contentsAppeal,
    hearingOn: '2026-04-21',
    venue: 'Video hearing (First-tier Tribunal, SEND)',
  }) });
  entries.push({ on: '2025-12-10', at: '09:30', add: () => c.add('appeal-response', '2025-12-10', la, 'AppealResponseSubmitted', {
    appealId: contentsAppeal,
    summary: 'The LA opposes the appeal: ELSA once a week meets the need shown by the review, and Primrose Row Primary can meet Child B\'s needs. The LA will propose a half-termly EP review of the ELSA targets.',
  }) });

  // --- The working document (SEND23): the LA's changes, version 1 --------------------------------
  const amend = {
    laElsaReview: c.id('wd-la-elsa-review'),
    laDeleteLunchClub: c.id('wd-la-delete-lunch-club'),
    parentElsaTwice: c.id('wd-parent-elsa-twice'),
    parentLiteracy: c.id('wd-parent-literacy'),
    parentNeedB: c.id('wd-parent-need-b'),
    parentOt: c.id('wd-parent-ot'),
    parentSchool: c.id('wd-parent-school'),
  };
  entries.push({ on: '2025-12-15', at: '09:30', add: () => {
    c.add('wd-la-elsa-review', '2025-12-15', la, 'PlanAmendmentProposed', {
      amendmentId: amend.laElsaReview,
      planId: plan,
      appealId: contentsAppeal,
      section: 'F',
      proposedBy: 'local_authority',
      change: 'add',
      wording: 'The educational psychologist reviews the ELSA targets with the ELSA and the SENCo each half term.',
      about: { kind: 'provision', id: lines.elsa },
      evidence: [{ ...epReport, page: 11, paragraph: '5.2' }],
    });
    c.add('wd-la-delete-lunch-club', '2025-12-15', la, 'PlanAmendmentProposed', {
      amendmentId: amend.laDeleteLunchClub,
      planId: plan,
      appealId: contentsAppeal,
      section: 'F',
      proposedBy: 'local_authority',
      change: 'delete',
      wording: 'A place in the lunchtime nurture club.',
      about: { kind: 'provision', id: lines.lunchClub },
    }, { at: '09:35' });
  } });
  entries.push({ on: '2026-01-09', at: '12:00', add: () => c.add('wd-version-1', '2026-01-09', la, 'WorkingDocumentIssued', { appealId: contentsAppeal, version: 1, issuedBy: 'local_authority' }, { at: '12:00' }) });
  // Mid-appeal the LA amends the sensory line after the school's OT training: the LA's change to the lunch club was
  // written against the plan before this amendment.
  entries.push({ on: '2026-01-16', at: '09:30', add: () => {
    c.add('plan-amended-sensory', '2026-01-16', la, 'PlanAmended', {
      planId: plan,
      summary: 'Section F: the sensory circuit runs twice a day, before school and after lunch.',
      reason: 'The school\'s report of 12 January 2026: lunchtimes are the hardest part of the day; agreed with Parent B without waiting for the hearing.',
    });
    c.add('provision-varied-sensory', '2026-01-16', la, 'ProvisionVaried', {
      provisionId: lines.sensory,
      changes: { frequency: { sessions: 10, per: 'week' }, description: 'Sensory circuit before the school day and after lunch, and movement breaks planned into each lesson' },
      reason: 'Agreed with Parent B on 14 January 2026 after the school\'s report on lunchtimes.',
      authority: panelAuthority('SEN-PANEL-2026-002'),
    }, { at: '09:31' });
  } });

  // --- The parent's changes and answers, version 2 ------------------------------------------------
  entries.push({ on: '2026-01-23', at: '19:00', add: () => {
    c.add('wd-parent-agrees-elsa-review', '2026-01-23', parent, 'PlanAmendmentAnswered', { amendmentId: amend.laElsaReview, by: 'parent_carer', answer: 'agreed' }, { at: '19:00' });
    c.add('wd-parent-disputes-lunch-club', '2026-01-23', parent, 'PlanAmendmentAnswered', {
      amendmentId: amend.laDeleteLunchClub,
      by: 'parent_carer',
      answer: 'disputed',
      reason: 'The nurture club is the only part of lunchtime Child B manages; the school\'s log shows no distress on club days this term.',
    }, { at: '19:02' });
    c.add('wd-parent-elsa-twice', '2026-01-23', parent, 'PlanAmendmentProposed', {
      amendmentId: amend.parentElsaTwice,
      planId: plan,
      appealId: contentsAppeal,
      section: 'F',
      proposedBy: 'parent_carer',
      change: 'add',
      wording: 'ELSA sessions twice a week, 30 minutes each, one to one, with the same ELSA.',
      about: { kind: 'provision', id: lines.elsa },
      evidence: [{ ...independentEp, page: 14, paragraph: '6.3' }],
    }, { at: '19:04' });
    c.add('wd-parent-literacy', '2026-01-23', parent, 'PlanAmendmentProposed', {
      amendmentId: amend.parentLiteracy,
      planId: plan,
      appealId: contentsAppeal,
      section: 'F',
      proposedBy: 'parent_carer',
      change: 'add',
      wording: 'Structured literacy teaching with working-memory support, three 30-minute sessions a week in a group of no more than three, by a teacher trained in a structured phonics programme.',
      about: { kind: 'need', id: needs.learning },
      evidence: [{ ...independentEp, page: 16, paragraph: '6.7' }, { ...epReport, page: 7, paragraph: '3.4' }],
    }, { at: '19:06' });
    c.add('wd-parent-need-b', '2026-01-23', parent, 'PlanAmendmentProposed', {
      amendmentId: amend.parentNeedB,
      planId: plan,
      appealId: contentsAppeal,
      section: 'B',
      proposedBy: 'parent_carer',
      change: 'add',
      wording: 'Anxiety is highest at unstructured times (lunch, playtime, changes of adult) and shows as refusal and hiding rather than distress.',
      about: { kind: 'need', id: needs.anxiety },
      evidence: [{ ...independentEp, page: 8, paragraph: '3.4' }],
    }, { at: '19:08' });
    c.add('wd-parent-ot', '2026-01-23', parent, 'PlanAmendmentProposed', {
      amendmentId: amend.parentOt,
      planId: plan,
      appealId: contentsAppeal,
      section: 'F',
      proposedBy: 'parent_carer',
      change: 'add',
      wording: 'A sensory programme written and reviewed each term by an occupational therapist.',
      about: { kind: 'need', id: needs.sensory },
      evidence: [{ ...otReport, page: 5, paragraph: '4.1' }],
    }, { at: '19:10' });
    c.add('wd-parent-school', '2026-01-23', parent, 'PlanAmendmentProposed', {
      amendmentId: amend.parentSchool,
      planId: plan,
      appealId: contentsAppeal,
      section: 'I',
      proposedBy: 'parent_carer',
      change: 'add',
      wording: 'Heathgate Primary School, in its specialist resource provision for social, emotional and mental health needs.',
      about: { kind: 'named_setting' },
      evidence: [{ ...independentEp, page: 18, paragraph: '7.1' }],
    }, { at: '19:12' });
  } });
  entries.push({ on: '2026-02-05', at: '10:00', add: () => {
    c.add('wd-la-agrees-literacy', '2026-02-05', la, 'PlanAmendmentAnswered', { amendmentId: amend.parentLiteracy, by: 'local_authority', answer: 'agreed' }, { at: '10:00' });
    c.add('wd-la-agrees-need-b', '2026-02-05', la, 'PlanAmendmentAnswered', { amendmentId: amend.parentNeedB, by: 'local_authority', answer: 'agreed' }, { at: '10:02' });
    c.add('wd-la-disputes-elsa-twice', '2026-02-05', la, 'PlanAmendmentAnswered', {
      amendmentId: amend.parentElsaTwice,
      by: 'local_authority',
      answer: 'disputed',
      reason: 'Attendance rose to 90% with weekly sessions; the LA\'s educational psychologist will review the targets each half term instead.',
    }, { at: '10:04' });
    c.add('wd-la-disputes-school', '2026-02-05', la, 'PlanAmendmentAnswered', {
      amendmentId: amend.parentSchool,
      by: 'local_authority',
      answer: 'disputed',
      reason: 'Primrose Row Primary can meet Child B\'s needs with the provision in section F; the resource provision has no place in Year 4.',
    }, { at: '10:06' });
  } });
  entries.push({ on: '2026-02-16', at: '18:30', add: () => c.add('wd-parent-withdraws-ot', '2026-02-16', parent, 'PlanAmendmentWithdrawn', {
    amendmentId: amend.parentOt,
    reason: 'The occupational therapy service will reassess in March; Parent B relies on the twice-daily sensory circuit meanwhile.',
  }, { at: '18:30' }) });
  entries.push({ on: '2026-02-20', at: '17:00', add: () => c.add('wd-version-2', '2026-02-20', parent, 'WorkingDocumentIssued', { appealId: contentsAppeal, version: 2, issuedBy: 'parent_carer' }, { at: '17:00' }) });

  for (const entry of entries.sort((a, b) => a.on.localeCompare(b.on) || a.at.localeCompare(b.at))) entry.add();
}
