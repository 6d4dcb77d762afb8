import type { Actor } from '../../ledger/envelope.js';
import { requestAssessment } from './assessment.js';
import { DAY_MS, WEEK_MS, dayOf, nextTerm, weekday, workingTime, type Term } from './calendar.js';
import type { SimChild } from './child.js';
import { END_SEN_SUPPORT, LATE_SHARE } from './model.js';
import { NEEDS, OUTCOMES, PROGRESS, pick } from './words.js';

// ------------------------------------------------------------------------------------------------
// Registration
// ------------------------------------------------------------------------------------------------

export function register(child: SimChild, actor: Actor): void {
  const { random } = child;
  child.rec('ChildRegistered', {
    childId: child.childId,
    displayName: `${child.label} (pseudonym)`,
    dateOfBirth: child.dateOfBirth,
    laCode: child.world.cast.laCode,
    settingUrn: child.setting.urn,
    settingName: child.setting.name,
  }, actor);
  child.world.stats.registrations++;
  child.rec('ParentCarerRecorded', {
    personId: child.parent.id,
    displayName: child.parent.displayName,
    relationship: pick(random, ['Mother', 'Father', 'Grandmother (special guardian)', 'Foster carer', 'Mother', 'Father']),
    parentalResponsibility: true,
  }, actor);
  const primary = pick(random, NEEDS);
  child.rec('NeedsIdentified', { needId: random.uuid(), area: primary.area, rank: 'primary', description: primary.text }, actor);
  if (random.chance(0.5)) {
    const secondary = pick(random, NEEDS.filter((n) => n.area !== primary.area));
    child.rec('NeedsIdentified', { needId: random.uuid(), area: secondary.area, rank: 'secondary', description: secondary.text }, actor);
  }
}

// ------------------------------------------------------------------------------------------------
// SEN support: Assess-Plan-Do-Review cycles, one a term
// ------------------------------------------------------------------------------------------------

export function scheduleCycle(child: SimChild, term: Term = nextTerm(child.world.now)): void {
  child.track = 'sen_support';
  child.nextGeneration();
  const start = workingTime(Math.max(term.start + child.random.int(3, 15) * DAY_MS, child.world.now), child.random);
  child.later(start, () => startCycle(child, term));
}

function startCycle(child: SimChild, term: Term): void {
  const { random, world } = child;
  const setting = child.setting;
  const reviewDue = weekday(term.end - random.int(3, 8) * DAY_MS);
  if (reviewDue - world.now < 4 * WEEK_MS) return scheduleCycle(child, nextTerm(term.end + DAY_MS));
  const cycleId = random.uuid();
  const provisionId = random.uuid();
  const senco = setting.senco;
  const planned = child.rec('SenSupportCyclePlanned', {
    cycleId,
    assessmentSummary: 'Class teacher concerns, standardised assessments and a meeting with the family about the next steps.',
    outcomes: [pick(random, OUTCOMES), ...(random.chance(0.6) ? [pick(random, OUTCOMES)] : [])].filter((o, i, all) => all.indexOf(o) === i),
    reviewDueOn: dayOf(reviewDue),
    ...(random.chance(0.7) ? { targetsSetWith: ['parent_carer', 'school', ...(random.chance(0.5) ? (['child'] as const) : [])] } : {}),
  }, senco);
  if (planned === null) return;
  world.stats.senSupportCycles++;
  const minutes = pick(random, [15, 20, 30]);
  const perWeek = random.int(1, 4);
  child.rec('ProvisionPromised', {
    provisionId,
    section: 'SEN_SUPPORT',
    cycleId,
    description: pick(random, ['Small-group language intervention', 'Precision teaching of high-frequency words, one to one', 'Emotional literacy support sessions', 'Structured phonics catch-up in a small group', 'Fine motor skills group']),
    deliveredBy: { organisation: setting.name, role: setting.staffRole, ...(random.chance(0.6) ? { qualification: 'Trained in the intervention' } : {}) },
    frequency: { sessions: perWeek, per: 'week' },
    minutesPerSession: minutes,
    groupSize: random.int(1, 4),
    startDate: dayOf(world.now),
    endDate: dayOf(reviewDue),
    authority: { name: senco.displayName, role: `SENCo, ${setting.name}` },
  }, senco);
  world.stats.provisionLines++;
  if (random.chance(0.3) && child.rightsHolder() === 'parent_carer') {
    child.rec('SignedOff', { subject: 'sen_support_plan', subjectId: cycleId, signatory: { name: child.parent.displayName, role: 'Parent' } }, child.parent);
  }
  if (random.chance(0.2)) {
    child.rec('DecisionNotified', { notificationId: random.uuid(), decisionEventId: planned, notifiedTo: 'parent_carer', rightsExplained: { mediation: false, appeal: false } }, senco);
  }
  const deliver = (at: number) => {
    const late = random.chance(LATE_SHARE);
    const occurred = workingTime(at, random);
    child.later(late ? occurred + random.int(15, 30) * DAY_MS : occurred, () => {
      child.rec('ProvisionDelivered', {
        provisionId,
        sessions: perWeek * 5,
        minutes: perWeek * 5 * minutes,
        deliveredBy: { name: `${setting.staffRole} at ${setting.name}`, role: setting.staffRole },
      }, child.setting.senco, occurred);
      world.stats.deliveries++;
    });
  };
  if (random.chance(0.5)) deliver(world.now + Math.floor((reviewDue - world.now) / 2));
  deliver(reviewDue - 3 * DAY_MS);
  if (random.chance(0.4)) {
    child.later(workingTime(reviewDue - random.int(14, 21) * DAY_MS, random), () => {
      child.rec('MeetingInvitationSent', { invitationId: random.uuid(), meeting: 'sen_support_review', subjectId: cycleId, meetingDate: dayOf(reviewDue), invitees: ['parent_carer', 'school'] }, child.setting.senco);
    });
  }
  child.later(workingTime(reviewDue, random), () => reviewCycle(child, cycleId, term));
}

function reviewCycle(child: SimChild, cycleId: string, term: Term): void {
  const { random, world, flags } = child;
  const leaving = child.curriculumYear() >= 11 && term.name === 'summer';
  const requestRoll = random.next();
  const endRoll = random.next();
  const request = !leaving && !flags.noRequest && requestRoll < world.requestChance();
  const end = !flags.alwaysNewCycle && (leaving || endRoll < END_SEN_SUPPORT);
  const nextStep = request ? 'request_ehc_needs_assessment' : end ? 'end_sen_support' : 'new_cycle';
  const reviewed = child.rec('SenSupportCycleReviewed', {
    cycleId,
    outcomesMet: request ? 'not_met' : random.weighted({ met: 3, partly_met: 5, not_met: 2 }),
    progress: pick(random, PROGRESS),
    nextStep,
  }, child.setting.senco);
  if (reviewed === null) return;
  if (request) return requestAssessment(child, 'school', child.setting.senco, workingTime(world.now + random.int(7, 40) * DAY_MS, random));
  if (end) {
    child.track = 'gone';
    return;
  }
  scheduleCycle(child, nextTerm(term.end + DAY_MS));
}
