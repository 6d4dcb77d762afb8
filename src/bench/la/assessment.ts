import type { Actor } from '../../ledger/envelope.js';
import { DAY_MS, academicYearOf, dayOf, nextTerm, workingTime } from './calendar.js';
import { bump, type SimChild } from './child.js';
import { APPEAL_RATE, APPEAL_WON, EXCEPTION_SHARE, LATE_SHARE, NOT_TO_ISSUE, REFUSE_TO_ASSESS, REQUESTERS, SPECIAL_SCHOOL_SHARE, timelyShare } from './model.js';
import { startPlan } from './plan.js';
import { scheduleCycle } from './sen-support.js';
import { PANEL_REASONS, REFUSAL_REASONS, pick } from './words.js';

// ------------------------------------------------------------------------------------------------
// EHC needs assessment (Regs 5-13)
// ------------------------------------------------------------------------------------------------

type Requester = keyof typeof REQUESTERS;

export function requestAssessment(child: SimChild, via: Requester | 'tribunal', actor: Actor, at: number): void {
  child.track = 'assessment';
  child.nextGeneration();
  child.later(at, () => {
    const { random, world } = child;
    let requestedBy: Requester = via === 'tribunal' ? 'other' : via;
    if (via !== 'tribunal' && via !== 'school') requestedBy = random.weighted(REQUESTERS);
    const holder = child.rightsHolder();
    if (requestedBy === 'young_person' && holder !== 'young_person') requestedBy = 'parent_carer';
    if (requestedBy === 'parent_carer' && holder === 'young_person') requestedBy = 'young_person';
    const requester = requestedBy === 'parent_carer' ? child.parent : requestedBy === 'school' ? child.setting.senco : child.caseworker;
    const requestId = random.uuid();
    const recorded = child.rec('AssessmentRequested', {
      requestId,
      requestedBy,
      ...(via === 'tribunal' ? { requesterDescription: 'Assessment ordered by the First-tier Tribunal (SEND) on appeal' } : {}),
    }, via === 'tribunal' ? child.caseworker : requester);
    if (recorded === null) return;
    bump(world.stats.requestsByYear, academicYearOf(world.now));
    const receivedMs = world.now;
    if (random.chance(0.6)) {
      child.later(workingTime(receivedMs + random.int(1, 10) * DAY_MS, random), () => {
        if (child.rightsHolder() !== 'parent_carer') return;
        child.rec('ViewsRecorded', {
          viewsId: random.uuid(), whose: 'parent_carer', how: 'written', givenBy: { name: child.parent.displayName, relationship: 'Parent' },
          summary: 'Wants the LA to assess because support at school has not been enough; worried about the move to the next phase.',
          about: { kind: 'general' },
        }, child.parent);
      });
    }
    const decideIn = random.chance(0.85) ? random.int(20, 42) : random.int(43, 70);
    child.later(workingTime(receivedMs + decideIn * DAY_MS, random), () => decideAssessment(child, requestId, receivedMs, via === 'tribunal'));
  });
}

/** The family is told of a decision, whatever happens next in the journey. */
export function noticeOf(child: SimChild, decisionEventId: string, at: number): void {
  const { random } = child;
  child.later(workingTime(at, random), () => {
    child.rec('DecisionNotified', {
      notificationId: random.uuid(),
      decisionEventId,
      notifiedTo: child.rightsHolder(),
      rightsExplained: { mediation: random.chance(0.95), appeal: random.chance(0.97) },
    }, child.caseworker);
  }, false);
}

export function appeal(child: SimChild, against: keyof typeof APPEAL_RATE, planId?: string): boolean {
  const { random, world } = child;
  const roll = random.next();
  if (child.flags.noAppeals || roll >= APPEAL_RATE[against]) return false;
  child.later(workingTime(world.now + random.int(30, 60) * DAY_MS, random), () => {
    if (child.rec('AppealRegistered', { appealId: random.uuid(), against, ...(planId ? { planId } : {}) }, child.caseworker) !== null) bump(world.stats.appeals, against);
  }, false);
  return true;
}

function decideAssessment(child: SimChild, requestId: string, receivedMs: number, ordered: boolean): void {
  const { random, world } = child;
  const refuse = random.chance(REFUSE_TO_ASSESS) && !ordered && !child.flags.forcePlan;
  if (refuse) {
    const decision = child.rec('DecisionNotToAssess', { requestId, reasons: pick(random, REFUSAL_REASONS) }, child.caseworker);
    if (decision === null) return;
    world.stats.refusedToAssess++;
    noticeOf(child, decision, world.now + random.int(0, 3) * DAY_MS);
    if (appeal(child, 'refusal_to_assess') && random.chance(APPEAL_WON)) {
      return requestAssessment(child, 'tribunal', child.caseworker, workingTime(world.now + random.int(150, 210) * DAY_MS, random));
    }
    return scheduleCycle(child);
  }
  const decision = child.rec('DecisionToAssess', { requestId, reasons: pick(random, PANEL_REASONS) }, child.caseworker);
  if (decision === null) return;
  world.stats.assessed++;
  noticeOf(child, decision, world.now + random.int(0, 3) * DAY_MS);

  // Advice (Regs 6-8): asked within a week, each due in 6 weeks.
  const asked = workingTime(world.now + random.int(1, 7) * DAY_MS, random);
  const ep = child.flags.fixedSettings ? world.cast.educationalPsychologists[0]! : pick(random, world.cast.educationalPsychologists);
  type Adviser = { type: 'educational' | 'psychological' | 'medical' | 'social_care'; from: { organisation: string; role: string }; by: Actor; involvement?: 'health' | 'social_care' | 'educational_psychology' };
  const advisers: Adviser[] = [
    // The setting's advice is filed by the LA that asked for it: settings do not record advice (write permissions).
    { type: 'educational', from: { organisation: child.setting.name, role: 'SENCo' }, by: child.caseworker },
    { type: 'psychological', from: { organisation: 'Synthetic Educational Psychology Service', role: 'Educational psychologist' }, by: ep, involvement: 'educational_psychology' },
    { type: 'medical', from: { organisation: 'Synthetic Community Paediatrics (NHS)', role: 'Community paediatrician' }, by: world.cast.paediatrician, involvement: 'health' },
    ...(random.chance(0.4) ? [{ type: 'social_care' as const, from: { organisation: 'Synthetic Children\'s Social Care', role: 'Social worker' }, by: world.cast.socialWorker, involvement: 'social_care' as const }] : []),
  ];
  child.later(asked, () => {
    for (const adviser of advisers) {
      if (adviser.involvement) child.involve(adviser.by, adviser.involvement);
      const adviceRequestId = random.uuid();
      if (child.rec('AdviceRequested', { adviceRequestId, requestId, adviceType: adviser.type, from: adviser.from }, child.caseworker) === null) return;
      const due = random.chance(0.75) ? random.int(21, 42) : random.int(43, 70);
      const received = workingTime(world.now + due * DAY_MS, random);
      const late = random.chance(LATE_SHARE);
      child.later(late ? received + random.int(15, 30) * DAY_MS : received, () => {
        child.rec('AdviceReceived', { adviceRequestId, summary: `Advice (${adviser.type.replace('_', ' ')}): needs described with recommended provision, quantified.` }, adviser.by, received);
      });
    }
  });

  if (random.chance(EXCEPTION_SHARE) && !child.flags.forcePlan) {
    const from = receivedMs + random.int(20, 60) * DAY_MS;
    child.later(workingTime(from + random.int(1, 5) * DAY_MS, random), () => {
      if (child.rec('ExceptionInvoked', {
        exceptionId: random.uuid(), requestId, ground: random.weighted({ c: 3, d: 1 }), reason: 'Exceptional personal circumstances of the family (Regs 10(4)(c)); the family was told.',
        from: dayOf(from), to: dayOf(from + random.int(21, 42) * DAY_MS),
      }, child.caseworker) !== null) world.stats.exceptions++;
    });
  }

  if (random.chance(NOT_TO_ISSUE) && !child.flags.forcePlan) {
    child.later(workingTime(receivedMs + random.int(84, 112) * DAY_MS, random), () => {
      const decided = child.rec('DecisionNotToIssue', { requestId, reasons: 'Assessment completed: the child\'s needs can be met from the resources normally available to the setting. Appeal rights set out in the letter (Regs 10).' }, child.caseworker);
      if (decided === null) return;
      world.stats.notToIssue++;
      noticeOf(child, decided, world.now + random.int(0, 5) * DAY_MS);
      appeal(child, 'refusal_to_issue');
      scheduleCycle(child);
    });
    return;
  }

  // Regs 13(2): final plan within 20 weeks of the request, in the share of cases the national figures show.
  const timely = random.chance(timelyShare(new Date(receivedMs).getUTCFullYear()));
  const finalDays = timely ? random.int(119, 138) : 141 + Math.min(230, Math.round(-Math.log(1 - random.next()) * 56));
  const draftBefore = random.int(16, 35);
  const finalMs = workingTime(receivedMs + finalDays * DAY_MS, random);
  const draftMs = workingTime(Math.max(finalMs - draftBefore * DAY_MS, world.now + 14 * DAY_MS), random);
  const planId = random.uuid();
  child.later(draftMs, () => {
    if (child.rec('DraftPlanIssued', { planId, requestId, summary: 'Draft sent to the family with 15 days to comment and to ask for a meeting; settings consulted (Regs 13(1)).' }, child.caseworker) === null) return;
    if (random.chance(0.5)) {
      child.later(workingTime(world.now + random.int(3, 12) * DAY_MS, random), () => {
        if (child.rightsHolder() !== 'parent_carer') return;
        child.rec('ViewsRecorded', {
          viewsId: random.uuid(), whose: 'parent_carer', how: 'written', givenBy: { name: child.parent.displayName, relationship: 'Parent' },
          summary: 'Comments on the draft: asks for therapy to be quantified and for the named school to be the family\'s preference.', about: { kind: 'plan_section_a' },
        }, child.parent);
      });
    }
    const earliestFinal = world.now + 16 * DAY_MS;
    child.later(workingTime(Math.max(finalMs, earliestFinal), random), () => issueFinalPlan(child, planId, receivedMs));
  });
}

function issueFinalPlan(child: SimChild, planId: string, receivedMs: number): void {
  const { random, world } = child;
  const year = academicYearOf(world.now);
  const special = !child.flags.fixedSettings && child.setting.kind !== 'special' && random.chance(SPECIAL_SCHOOL_SHARE / 2);
  const named = special ? world.settingFor('special', random) : child.setting;
  const final = child.rec('FinalPlanIssued', { planId, namedSetting: { name: named.name, urn: named.urn } }, child.caseworker);
  if (final === null) return;
  // Section I names a special school: the child starts there at the next term.
  if (named !== child.setting) {
    const start = nextTerm(world.now).start;
    child.later(workingTime(start - random.int(5, 15) * DAY_MS, random), () => child.changeSetting(named, workingTime(start, random)), false);
  }
  bump(world.stats.finalPlansByYear, year);
  if (world.now - receivedMs <= 140 * DAY_MS) bump(world.stats.timelyByYear, year);
  startPlan(child, planId, final, `SEN-PANEL-${year}-${random.int(1, 120)}`);
}

/** A final plan (issued, or transferred from a statement): its lines, sign-off, notice and the plan's life. */
