import { daysBetween, type IsoDate } from '../../calendar/iso-date.js';
import { ukDate } from '../../calendar/uk-dates.js';
import type { EhcPlan } from '../../child-record/state.js';
import type { StatutoryClock } from '../../statutory-clocks/clock.js';
import { ruleById } from '../../statutory-clocks/rules.js';
import { PHASE_TRANSFER_WORDS } from './annex-a-words.js';
import { date, none, number, text, yesNo, type AnnexACell } from './cells.js';
import { dayOf, identityCells, laCell, needCells, Sources } from './child-cells.js';
import type { AnnexARow } from './annex-a-row.js';
import type { ChildOnDay } from '../record-on-day.js';

/** A plan the LA maintains on the day: final, not ceased, not handed to another LA (reg 15), and the child the LA's. */
export function plansMaintainedBy(child: ChildOnDay, laCode: string): EhcPlan[] {
  const { record } = child;
  if (record.profile?.laCode !== laCode || record.erased) return [];
  const movedAway = new Set(Object.values(record.laMoves).filter((move) => move.transferredOut && move.fromLaCode === laCode).map((move) => move.planId));
  return Object.values(record.plans).filter((plan) => plan.status === 'final' && !movedAway.has(plan.planId));
}

const running = (clock: StatutoryClock) => clock.stoppedBy === null && clock.lapsedBy === null;

/**
 * Whether the final plan came within 20 weeks of the request (SEND Regs 2014 reg 13(2)), judged as SEN2 judges it: on
 * the statutory date, an exception making the plan an exception case rather than moving the date (sen2-timeliness.ts).
 */
function timelinessCells(plan: EhcPlan, clocks: readonly StatutoryClock[], sources: Sources): Record<'within20Weeks' | 'weeksLate' | 'exceptionCase', AnnexACell> {
  if (plan.origin.kind === 'statement_transfer') {
    const why = none('Not applicable: transferred from a statement of SEN');
    return { within20Weeks: why, weeksLate: why, exceptionCase: why };
  }
  const requestId = plan.origin.requestId;
  const clock = clocks.find((c) => c.ruleId === 'final-plan' && c.subject.id === requestId && c.stoppedBy?.type === 'FinalPlanIssued');
  if (!clock || !clock.stoppedBy) {
    const why = none('No 20-week clock: the request is not in the ledger');
    return { within20Weeks: why, weeksLate: why, exceptionCase: why };
  }
  sources.add(clock.startedBy.eventId, clock.stoppedBy.eventId, ...clock.exceptions.map((e) => e.invokedBy.eventId));
  const daysBeyond = Math.max(0, daysBetween(clock.dueDate, clock.stoppedBy.on));
  return {
    within20Weeks: yesNo(daysBeyond === 0),
    // Weeks to one decimal place: 3 days late is 0.4 weeks, not "on time".
    weeksLate: number(Math.round((daysBeyond / 7) * 10) / 10),
    exceptionCase: yesNo(clock.exceptionApplied || clock.modification !== null),
  };
}

/** The last review held, the next due (CFA 2014 s.44(1), or reg 15(5) after a move), and whether it is overdue on the day. */
function reviewCells(plan: EhcPlan, clocks: readonly StatutoryClock[], sources: Sources): Record<'lastReview' | 'nextReviewDue' | 'reviewOverdue', AnnexACell> {
  const last = plan.reviews.at(-1);
  if (last) sources.add(last.eventId);
  const reviewClocks = clocks.filter((c) => (c.ruleId === 'annual-review' || c.ruleId === 'review-after-transfer') && c.subject.id === plan.planId);
  const current = reviewClocks.filter(running).sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
  if (current) sources.add(current.startedBy.eventId);
  return {
    lastReview: last ? date(dayOf(last.on)) : none('No annual review held yet'),
    nextReviewDue: current ? date(current.dueDateWithExceptions) : none('No review clock running'),
    reviewOverdue: yesNo(current?.state === 'missed'),
  };
}

/** The next setting named for a phase transfer of this plan (Regs 18), the latest named. */
function phaseTransferCell(child: ChildOnDay, plan: EhcPlan, sources: Sources): AnnexACell {
  const named = child.record.phaseTransfers.filter((t) => t.planId === undefined || t.planId === plan.planId).at(-1);
  if (!named) return none('None named');
  sources.add(named.named.eventId);
  const urn = named.settingUrn ? ` (URN ${named.settingUrn})` : '';
  return text(`${PHASE_TRANSFER_WORDS[named.transfer]}: ${named.settingName}${urn}, from ${ukDate(named.startsOn)}`);
}

/** Tribunal orders and conceded appeals (regs 44-45) with a time limit still running on the day. */
function openOrdersCell(clocks: readonly StatutoryClock[], sources: Sources): AnnexACell {
  const open = new Set<string>();
  for (const clock of clocks) {
    const family = ruleById(clock.ruleId)?.family;
    if ((family === 'tribunal_order' || family === 'unopposed_appeal') && running(clock)) open.add(clock.startedBy.eventId);
  }
  sources.add(...open);
  return number(open.size);
}

/** List 1: one row per EHC plan the LA maintains on the day. */
export function ehcPlanRows(child: ChildOnDay, options: { laCode: string; laName: string | null; asOf: IsoDate }): AnnexARow[] {
  const { record, clocks } = child;
  return plansMaintainedBy(child, options.laCode).map((plan) => {
    const sources = new Sources();
    sources.add(plan.draftIssued.eventId, plan.finalIssued?.eventId, ...plan.amendments.map((a) => a.eventId));
    const named = plan.namedSetting;
    const caseworker = record.caseworker;
    if (caseworker) sources.add(caseworker.assigned.eventId);
    const cells: Record<string, AnnexACell> = {
      ...identityCells(record, options.asOf, sources),
      ...needCells(record, sources),
      setting: named ? text(named.name) : none('No setting named'),
      settingUrn: named?.urn ? text(named.urn) : none('No URN recorded'),
      planIssued: date(dayOf((plan.finalIssued ?? plan.draftIssued).on)),
      ...timelinessCells(plan, clocks, sources),
      ...reviewCells(plan, clocks, sources),
      phaseTransfer: phaseTransferCell(child, plan, sources),
      openTribunalOrders: openOrdersCell(clocks, sources),
      la: laCell(options.laCode, options.laName),
      caseworker: caseworker ? text(caseworker.displayName) : none('No caseworker named'),
    };
    return { childId: child.childId, planId: plan.planId, cells, sources: sources.list() };
  });
}
