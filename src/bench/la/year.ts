import { DAY_MS, academicYearOf, addMonthsMs, ageOn, curriculumYear, dayOf, termAt, utc, weekday, workingTime } from './calendar.js';
import type { Setting } from './cast.js';
import type { SimChild } from './child.js';
import { MOVE_OUT_PER_YEAR, POST16_CEASE_PER_YEAR, POST16_CEASE_REASONS, TRANSFER_ON_TIME } from './model.js';
import { ceasePlan, scheduleDeliveries, scheduleReview, startPlan } from './plan.js';
import { register } from './sen-support.js';
import { PANEL_REASONS, pick } from './words.js';

// ------------------------------------------------------------------------------------------------
// Once a year: phase transfers (Regs 18), leaving education after 16, moves to another LA (Regs 15)
// ------------------------------------------------------------------------------------------------

const TRANSFERS: Record<number, { transfer: 'early_years_to_school' | 'primary_to_secondary' | 'secondary_to_post16'; to: Setting['kind']; deadline: [number, number] }> = {
  [-1]: { transfer: 'early_years_to_school', to: 'primary', deadline: [2, 15] },
  6: { transfer: 'primary_to_secondary', to: 'secondary', deadline: [2, 15] },
  11: { transfer: 'secondary_to_post16', to: 'college', deadline: [3, 31] },
};

export function yearStart(child: SimChild, year: number): void {
  const { random, world, flags } = child;
  if (!child.alive) return;
  const nc = curriculumYear(child.dateOfBirth, year);
  const sept = utc(year, 9, 1);
  // SEN support pupils change school with their cohort (no plan, so no named placement).
  if (child.track === 'sen_support' || child.track === 'assessment') {
    if (child.track === 'sen_support' && nc >= 12) {
      child.track = 'gone';
      return;
    }
    const kind = nc >= 12 ? 'college' : nc >= 7 ? 'secondary' : nc >= 0 ? 'primary' : 'earlyYears';
    if (child.setting.kind !== kind && child.setting.kind !== 'special') {
      const to = flags.fixedSettings ? world.cast.settings[kind][0]! : world.settingFor(kind, random);
      child.changeSetting(to, workingTime(sept + random.int(3, 12) * DAY_MS, random));
    }
    return;
  }
  if (child.track !== 'plan' || !child.plan) return;
  const planId = child.plan.planId;
  const transfer = TRANSFERS[nc];
  if (transfer) {
    const deadline = utc(year + 1, transfer.deadline[0], transfer.deadline[1]);
    const onTime = random.chance(TRANSFER_ON_TIME);
    const named = workingTime(onTime ? deadline - random.int(1, 70) * DAY_MS : deadline + random.int(1, 75) * DAY_MS, random);
    const special = child.setting.kind === 'special';
    const to = special ? child.setting : flags.fixedSettings ? world.cast.settings[transfer.to][0]! : world.settingFor(transfer.to, random);
    const startsOn = weekday(utc(year + 1, 9, 3));
    child.later(named, () => {
      if (child.plan?.planId !== planId) return;
      const recorded = child.rec('PhaseTransferPlacementNamed', { planId, transfer: transfer.transfer, settingName: to.name, settingUrn: to.urn, startsOn: dayOf(startsOn) }, child.caseworker);
      if (recorded === null) return;
      world.stats.phaseTransfers++;
      if (world.now <= deadline + DAY_MS) world.stats.phaseTransfersOnTime++;
      child.later(workingTime(startsOn - random.int(5, 20) * DAY_MS, random), () => {
        if (child.plan?.planId === planId && child.track === 'plan') child.changeSetting(to, workingTime(startsOn + random.int(0, 5) * DAY_MS, random));
      }, false);
    }, false);
  }
  if (nc >= 12 && !flags.noCease) {
    const age = ageOn(child.dateOfBirth, sept + 300 * DAY_MS);
    if (age >= 25) {
      child.later(workingTime(utc(year + 1, 7, 10), random), () => ceasePlan(child, planId, 'max_age'), false);
    } else if (random.chance(POST16_CEASE_PER_YEAR)) {
      const reason = random.weighted(POST16_CEASE_REASONS);
      child.later(workingTime(sept + random.int(30, 330) * DAY_MS, random), () => ceasePlan(child, planId, reason), false);
    }
  }
  if (!flags.noMoves && random.chance(MOVE_OUT_PER_YEAR)) {
    child.later(workingTime(sept + random.int(10, 300) * DAY_MS, random), () => moveOut(child, planId), false);
  }
}

function moveOut(child: SimChild, planId: string): void {
  const { random, world } = child;
  if (child.plan?.planId !== planId || child.track !== 'plan' || !child.journal.state.plans[planId] || child.journal.state.plans[planId]!.status !== 'final') return;
  const toLaCode = pick(random, Object.keys(world.cast.neighbourOfficers));
  const officer = world.cast.neighbourOfficers[toLaCode]!;
  const moveId = random.uuid();
  const moveDate = workingTime(world.now + random.int(14, 42) * DAY_MS, random);
  if (child.rec('LaMoveNotified', { moveId, planId, toLaCode, moveDate: dayOf(moveDate), learnedOn: dayOf(world.now - random.int(0, 10) * DAY_MS) }, child.caseworker) === null) return;
  // From here the plan is on its way to the new LA: nothing more of this LA's is scheduled for it.
  child.track = 'moving';
  child.plan = undefined;
  world.stats.moves++;
  const transferIn = workingTime(moveDate + random.int(0, 10) * DAY_MS, random);
  world.schedule(moveDate, () => {
    child.rec('PlanTransferredOut', { moveId, planId, toLaCode }, child.caseworker);
    world.schedule(transferIn, () => {
      child.rec('PlanTransferredIn', { moveId, planId, fromLaCode: world.cast.laCode }, officer);
      world.schedule(workingTime(transferIn + random.int(14, 40) * DAY_MS, random), () => {
        child.rec('NewLaDecisionNotified', {
          moveId, planId, decision: random.weighted({ maintain_as_transferred: 7, reassess: 1, no_reassessment: 2 }), reviewBy: dayOf(transferIn + 60 * DAY_MS),
        }, officer);
        child.track = 'gone';
      });
    });
  });
}

// ------------------------------------------------------------------------------------------------
// The LA's plans and statements when the ledger starts (September 2016), imported with their history
// ------------------------------------------------------------------------------------------------

/** A statement of SEN (made before the 2014 reform), transferred to an EHC plan by 1 April 2018. */
export function importStatement(child: SimChild): void {
  const { random, world } = child;
  register(child, child.caseworker);
  const statementId = random.uuid();
  const born = Date.parse(`${child.dateOfBirth}T00:00:00Z`);
  const madeFrom = Math.max(born + 3 * 365 * DAY_MS, utc(2006, 1, 1));
  const made = workingTime(madeFrom + random.int(0, Math.max(1, Math.floor((utc(2014, 7, 31) - madeFrom) / DAY_MS))) * DAY_MS, random);
  child.rec('StatementMade', {
    statementId, madeBy: world.cast.laCode, provisionSummary: 'Part 3: 15 hours a week of teaching assistant support; speech and language therapy programme.',
    namedSchool: { name: child.setting.name, urn: child.setting.urn },
  }, child.caseworker, made);
  child.track = 'plan';
  const transferAt = workingTime(world.now + random.int(14, Math.max(15, Math.floor((utc(2018, 3, 20) - world.now) / DAY_MS))) * DAY_MS, random);
  child.later(transferAt, () => {
    const planId = random.uuid();
    const transferred = child.rec('StatementTransferredToEhcPlan', { statementId, planId, namedSetting: { name: child.setting.name, urn: child.setting.urn } }, child.caseworker);
    if (transferred === null) return;
    world.stats.statementsTransferred++;
    startPlan(child, planId, transferred, `TRANSFER-REVIEW-${random.int(1, 400)}`, true);
  });
}

/** An EHC plan made between the reform and the ledger's start, imported with its assessment history. */
export function importPlan(child: SimChild): void {
  const { random, world } = child;
  register(child, child.caseworker);
  const finalMs = workingTime(utc(2014, 11, 1) + random.int(0, 640) * DAY_MS, random);
  const requested = workingTime(finalMs - random.int(100, 200) * DAY_MS, random);
  const requestId = random.uuid();
  const planId = random.uuid();
  child.rec('AssessmentRequested', { requestId, requestedBy: random.weighted({ parent_carer: 1, school: 1 }) }, child.caseworker, requested);
  child.rec('DecisionToAssess', { requestId, reasons: pick(random, PANEL_REASONS) }, child.caseworker, requested + random.int(28, 42) * DAY_MS);
  child.rec('DraftPlanIssued', { planId, requestId }, child.caseworker, finalMs - random.int(18, 30) * DAY_MS);
  const final = child.rec('FinalPlanIssued', { planId, namedSetting: { name: child.setting.name, urn: child.setting.urn } }, child.caseworker, finalMs);
  startPlan(child, planId, final, `SEN-PANEL-${academicYearOf(finalMs)}-${random.int(1, 120)}`, true);
  // Reviews were due a year after the plan, or after the last review before the ledger started.
  let due = addMonthsMs(finalMs, 12);
  while (due < world.now) due = addMonthsMs(due, 12);
  child.nextGeneration();
  scheduleDeliveries(child, termAt(world.now));
  scheduleReview(child, due);
}

