import { noticeOf, appeal } from './assessment.js';
import { DAY_MS, WEEK_MS, academicYearOf, addMonthsMs, dayOf, nextTerm, termAt, weekday, workingTime, type Term } from './calendar.js';
import type { Service } from './cast.js';
import { bump, type SimChild } from './child.js';
import type { ChildInput } from './journal.js';
import { LATE_SHARE, PROVISION, REVIEW_DECISIONS, REVIEW_ON_TIME, SHORTFALL_SHARE } from './model.js';
import { scheduleCycle } from './sen-support.js';
import { REVIEW_SUMMARIES, pick } from './words.js';

// ------------------------------------------------------------------------------------------------
// A plan's provision lines (sections F, G, H2), as the LA specifies them
// ------------------------------------------------------------------------------------------------

const SCHOOL_LINES = [
  { description: 'Language programme set by the speech and language therapist, delivered one to one', qualification: 'Elklan Level 3 trained', sessions: 3, per: 'week' as const, minutes: 20, group: 1 },
  { description: 'Precision teaching for reading and spelling, one to one', qualification: 'Precision teaching trained', sessions: 4, per: 'week' as const, minutes: 15, group: 1 },
  { description: 'Adult support in class for independence and regulation, with a visual timetable', qualification: 'Trained in autism-informed practice', sessions: 5, per: 'week' as const, minutes: 60, group: 1 },
  { description: 'Social communication group', qualification: 'Trained in the programme', sessions: 1, per: 'week' as const, minutes: 45, group: 4 },
];
const VAGUE_LINES = ['Access to speech and language support as required', 'Regular opportunities for small-group work where appropriate'];

function promiseLine(child: SimChild, planId: string, section: 'F' | 'G' | 'H2', reference: string): string | null {
  const { random, world } = child;
  const provisionId = random.uuid();
  const startDate = dayOf(world.now + random.int(7, 21) * DAY_MS);
  const authority = { ...world.cast.panelChair, reference };
  const vague = random.chance(PROVISION.vague);
  let line: ChildInput<'ProvisionPromised'>;
  const serviceLine = (service: Service, sessions: number, per: 'week' | 'fortnight' | 'month' | 'term', minutes: number): ChildInput<'ProvisionPromised'> => {
    const serviceId = world.localOfferServiceId(service.key);
    return {
      provisionId, section, planId, startDate, authority, minutesPerSession: minutes, groupSize: 1, frequency: { sessions, per },
      description: vague ? pick(random, VAGUE_LINES) : `${service.role}: direct sessions targeting the outcomes in section E`,
      deliveredBy: { organisation: service.organisation, role: service.role, qualification: service.qualification },
      ...(serviceId ? { localOfferServiceId: serviceId } : {}),
    };
  };
  const service = (key: Service['key']) => world.cast.services.find((s) => s.key === key)!;
  if (section === 'G') line = random.chance(0.5) ? serviceLine(service('ot'), 1, 'fortnight', 45) : serviceLine(service('camhs'), 1, 'week', 50);
  else if (section === 'H2') line = serviceLine(service('socialCare'), 1, 'month', 240);
  else {
    const kind = random.weighted({ school: 5, salt: 3, specialist: 2, ep: 1 });
    if (kind === 'salt') line = serviceLine(service('salt'), 1, random.chance(0.6) ? 'week' : 'fortnight', random.int(3, 9) * 5);
    else if (kind === 'specialist') line = serviceLine(service('specialistTeaching'), 2, 'week', 45);
    else if (kind === 'ep') line = serviceLine(service('ep'), 1, 'term', 60);
    else {
      const template = pick(random, SCHOOL_LINES);
      line = {
        provisionId, section, planId, startDate, authority, minutesPerSession: template.minutes, groupSize: template.group,
        frequency: { sessions: template.sessions, per: template.per },
        description: vague ? pick(random, VAGUE_LINES) : template.description,
        deliveredBy: { organisation: child.setting.name, role: child.setting.staffRole, qualification: template.qualification },
      };
    }
  }
  const promised = child.rec('ProvisionPromised', line, child.caseworker);
  if (promised === null) return null;
  world.stats.provisionLines++;
  const deliverer = world.cast.services.find((s) => s.organisation === line.deliveredBy.organisation);
  if (deliverer?.professional && deliverer.involvement) child.involve(deliverer.professional, deliverer.involvement);
  return provisionId;
}

export function startPlan(child: SimChild, planId: string, finalEventId: string | null, reference: string, imported = false): void {
  const { random, world } = child;
  child.track = 'plan';
  child.nextGeneration();
  const lines: string[] = [];
  const sections: Array<'F' | 'G' | 'H2'> = [
    ...Array.from({ length: random.int(PROVISION.fMin, PROVISION.fMax) }, () => 'F' as const),
    ...(random.chance(PROVISION.g) ? ['G' as const] : []),
    ...(random.chance(PROVISION.h2) ? ['H2' as const] : []),
  ];
  for (const section of sections) {
    const line = promiseLine(child, planId, section, reference);
    if (line) lines.push(line);
  }
  child.rec('SignedOff', { subject: 'plan', subjectId: planId, signatory: { name: child.caseworker.displayName, role: `SEN caseworker, ${world.cast.laCode}` } }, child.caseworker);
  if (finalEventId && !imported) {
    noticeOf(child, finalEventId, world.now + random.int(0, 2) * DAY_MS);
    if (appeal(child, 'plan_contents', planId) && random.chance(0.7)) {
      child.later(workingTime(world.now + random.int(120, 210) * DAY_MS, random), () => {
        child.rec('PlanAmended', { planId, summary: 'Sections B and F amended as ordered by the First-tier Tribunal (SEND).', reason: 'Tribunal order on appeal' }, child.caseworker);
      });
    }
  }
  child.plan = { planId, lines, finalMs: world.now, lastReviewMs: world.now };
  scheduleDeliveries(child, termAt(world.now));
  scheduleReview(child, addMonthsMs(world.now, 12));
}

// ------------------------------------------------------------------------------------------------
// A maintained plan: deliveries, annual reviews, amendments, cessation
// ------------------------------------------------------------------------------------------------

const SESSIONS_PER_TERM: Record<string, number> = { day: 60, week: 12, fortnight: 6, month: 3, half_term: 2, term: 1, year: 1 };

function activeLines(child: SimChild): string[] {
  // A plan on its way to another LA is no longer this LA's to deliver or report on.
  if (child.track !== 'plan') return [];
  const state = child.journal.state;
  return (child.plan?.lines ?? []).filter((id) => state.provisions[id]?.status === 'active');
}

function recordDelivery(child: SimChild, provisionId: string, sessions: number, occurred: number): void {
  const { world } = child;
  const line = child.journal.state.provisions[provisionId];
  if (!line || line.status !== 'active' || dayOf(occurred) < line.startDate) return;
  const professional = world.cast.services.find((s) => s.organisation === line.deliveredBy.organisation)?.professional ?? null;
  const delivered = Math.max(1, Math.min(100, sessions));
  child.rec('ProvisionDelivered', {
    provisionId,
    sessions: delivered,
    minutes: Math.min(10_000, delivered * line.minutesPerSession),
    deliveredBy: { name: professional ? professional.displayName : `${line.deliveredBy.role} at ${line.deliveredBy.organisation}`, role: line.deliveredBy.role },
  }, professional ?? child.setting.senco, occurred);
  world.stats.deliveries++;
}

export function scheduleDeliveries(child: SimChild, term: Term): void {
  const { random } = child;
  if (child.flags.weeklyLogs) {
    // Every Friday of term, each line's sessions that week.
    const fridays: number[] = [];
    for (let week = weekday(term.start); week <= term.end; week += WEEK_MS) fridays.push(week + 4 * DAY_MS + 15 * 3_600_000);
    for (const friday of fridays) {
      child.later(friday, () => {
        for (const provisionId of activeLines(child)) {
          const line = child.journal.state.provisions[provisionId]!;
          const perWeek = Math.max(1, Math.round((SESSIONS_PER_TERM[line.frequency.per]! * line.frequency.sessions) / 12));
          recordDelivery(child, provisionId, perWeek, child.world.now);
        }
      });
    }
  } else {
    const occurred = workingTime(term.end - random.int(0, 3) * DAY_MS, random);
    const late = random.chance(LATE_SHARE);
    child.later(late ? occurred + random.int(15, 30) * DAY_MS : occurred, () => {
      for (const provisionId of activeLines(child)) {
        const line = child.journal.state.provisions[provisionId]!;
        const expected = Math.max(1, SESSIONS_PER_TERM[line.frequency.per]! * line.frequency.sessions);
        const shortfall = random.chance(SHORTFALL_SHARE);
        const delivered = shortfall ? Math.max(1, Math.round(expected * random.int(30, 75) / 100)) : Math.max(1, Math.round(expected * random.int(85, 100) / 100));
        recordDelivery(child, provisionId, delivered, occurred);
        if (shortfall && expected - delivered >= 1 && line.startDate <= dayOf(term.end)) {
          child.rec('ShortfallReported', {
            provisionId, periodFrom: dayOf(term.start), periodTo: dayOf(term.end), sessionsMissed: Math.min(1000, expected - delivered),
            reason: pick(random, ['Staff absence without cover.', 'Service vacancy: sessions not offered this term.', 'Sessions cancelled for exams and trips.']),
          }, child.caseworker, occurred);
          child.world.stats.shortfalls++;
        }
      }
    });
  }
  child.later(term.end + DAY_MS, () => scheduleDeliveries(child, nextTerm(term.end + DAY_MS)));
}

export function scheduleReview(child: SimChild, dueMs: number): void {
  const { random, world } = child;
  const onTime = random.chance(REVIEW_ON_TIME);
  let meeting = onTime ? dueMs - random.int(0, 42) * DAY_MS : dueMs + random.int(7, 84) * DAY_MS;
  meeting = workingTime(Math.max(meeting, world.now + random.int(21, 60) * DAY_MS), random);
  const planId = child.plan!.planId;
  const isPlan = () => child.plan?.planId === planId && child.track === 'plan';
  child.later(workingTime(meeting - random.int(14, 24) * DAY_MS, random), () => {
    if (!isPlan()) return;
    child.rec('MeetingInvitationSent', {
      invitationId: random.uuid(), meeting: 'annual_review', subjectId: planId, meetingDate: dayOf(meeting),
      invitees: ['parent_carer', 'school', 'la', ...(random.chance(0.5) ? (['health'] as const) : []), child.rightsHolder() === 'young_person' ? 'young_person' as const : 'child' as const],
    }, child.setting.senco);
  });
  child.later(workingTime(meeting - random.int(0, 5) * DAY_MS, random), () => {
    if (!isPlan()) return;
    const young = child.rightsHolder() === 'young_person';
    child.rec('ViewsRecorded', {
      viewsId: random.uuid(), whose: young ? 'young_person' : 'child', how: random.weighted({ meeting: 2, conversation: 2, through_advocate: 1 }),
      givenBy: { name: `${child.label}`, relationship: young ? 'The young person' : 'The child' },
      summary: pick(random, ['Likes the small group sessions; finds the dinner hall too loud.', 'Wants to stay with friends at the next school.', 'Would like more help with reading.']),
      about: { kind: 'review', subjectId: planId },
    }, child.setting.senco);
  });
  child.later(workingTime(meeting + random.int(2, 25) * DAY_MS, random), () => {
    if (!isPlan()) return;
    holdReview(child, planId, meeting, dueMs, onTime);
  });
}

function holdReview(child: SimChild, planId: string, meeting: number, dueMs: number, onTime: boolean): void {
  const { random, world, flags } = child;
  const roll = random.weighted(REVIEW_DECISIONS);
  const decision = flags.noCease && roll === 'cease' ? 'maintain' : roll;
  const review = child.rec('AnnualReviewHeld', { planId, decision, summary: REVIEW_SUMMARIES[decision === 'maintain' ? random.int(0, 1) : decision === 'amend' ? 2 : 3]! }, child.caseworker);
  if (review === null) return;
  world.stats.reviews++;
  world.stats.reviewDecisions[decision]++;
  if (onTime || meeting <= dueMs) world.stats.reviewsOnTime++;
  child.rec('ReviewDecisionNotified', { planId, decision }, child.caseworker);
  noticeOf(child, review, world.now + random.int(0, 3) * DAY_MS);
  if (random.chance(0.4)) {
    child.later(workingTime(world.now + random.int(1, 7) * DAY_MS, random), () => {
      child.rec('SignedOff', { subject: 'review', subjectId: review, signatory: { name: child.setting.headteacher.displayName, role: `Headteacher, ${child.setting.name}` } }, child.setting.headteacher);
    });
  }
  child.plan!.lastReviewMs = world.now;
  if (decision === 'amend') {
    child.later(workingTime(meeting + random.int(28, 84) * DAY_MS, random), () => amendPlan(child, planId));
  } else if (decision === 'cease') {
    child.later(workingTime(world.now + random.int(28, 70) * DAY_MS, random), () => ceasePlan(child, planId, 'needs_met'));
    return;
  }
  scheduleReview(child, addMonthsMs(world.now, 12));
}

function amendPlan(child: SimChild, planId: string): void {
  const { random, world } = child;
  if (child.plan?.planId !== planId) return;
  if (child.rec('PlanAmended', { planId, summary: 'Sections B, E and F amended after the annual review.', reason: 'Needs changed since the last review' }, child.caseworker) === null) return;
  const lines = activeLines(child);
  const varied = lines.length > 0 ? pick(random, lines) : undefined;
  if (varied) {
    const line = child.journal.state.provisions[varied]!;
    const sessions = line.frequency.sessions > 1 && random.chance(0.5) ? line.frequency.sessions - 1 : Math.min(100, line.frequency.sessions + 1);
    child.rec('ProvisionVaried', {
      provisionId: varied, changes: { frequency: { sessions, per: line.frequency.per } }, reason: 'Frequency changed at the annual review',
      authority: { ...world.cast.panelChair, reference: `SEN-PANEL-${academicYearOf(world.now)}-${random.int(1, 120)}` },
    }, child.caseworker);
  }
  if (lines.length > 1 && random.chance(0.1)) {
    const withdrawn = pick(random, lines.filter((id) => id !== varied));
    child.rec('ProvisionWithdrawn', { provisionId: withdrawn, reason: 'Outcome met: no longer needed', authority: world.cast.panelChair }, child.caseworker);
  }
  if (random.chance(0.3)) {
    const line = promiseLine(child, planId, 'F', `SEN-PANEL-${academicYearOf(world.now)}-${random.int(1, 120)}`);
    if (line) child.plan!.lines.push(line);
  }
}

export function ceasePlan(child: SimChild, planId: string, reason: string): void {
  const { random, world } = child;
  if (child.plan?.planId !== planId || child.track !== 'plan' || child.flags.noCease) return;
  const ceased = child.rec('PlanCeased', { planId, reason: reason as 'needs_met', detail: 'Decision sent to the family and the setting with mediation and appeal rights (Regs 32).' }, child.caseworker);
  if (ceased === null) return;
  world.stats.ceased++;
  bump(world.stats.ceaseReasons, reason);
  noticeOf(child, ceased, world.now + random.int(0, 3) * DAY_MS);
  appeal(child, 'cease', planId);
  child.plan = undefined;
  // Under 16 and still in school, needs met: back to the setting's SEN support; otherwise the record ends here.
  if (reason === 'needs_met' && child.curriculumYear() <= 10) scheduleCycle(child);
  else child.track = 'gone';
}
