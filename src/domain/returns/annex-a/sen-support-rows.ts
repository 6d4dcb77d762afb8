import type { IsoDate } from '../../calendar/iso-date.js';
import { date, none, text, yesNo, type AnnexACell } from './cells.js';
import { dayOf, identityCells, laCell, needCells, Sources } from './child-cells.js';
import type { AnnexARow } from './annex-a-row.js';
import type { ChildOnDay } from '../record-on-day.js';

/**
 * The cycle of the graduated approach (assess, plan, do, review: SEND Code of Practice 6.44-6.56) the child is in on
 * the day: the one planned last. None when no cycle was ever planned, or the last one's review ended SEN support.
 */
export function currentSenSupportCycle(child: ChildOnDay) {
  const cycles = Object.values(child.record.senSupportCycles).sort((a, b) => a.planned.on.localeCompare(b.planned.on));
  const last = cycles.at(-1);
  return last && last.review?.nextStep !== 'end_sen_support' ? last : null;
}

/**
 * List 2: a child of the LA on SEN support on the day (a cycle current, and no EHC plan in force: a child with a plan
 * is on List 1), one row.
 */
export function senSupportRow(child: ChildOnDay, options: { laCode: string; laName: string | null; asOf: IsoDate }): AnnexARow | null {
  const { record } = child;
  if (record.profile?.laCode !== options.laCode || record.erased) return null;
  if (Object.values(record.plans).some((plan) => plan.status === 'final')) return null;
  const cycle = currentSenSupportCycle(child);
  if (!cycle) return null;
  const sources = new Sources();
  sources.add(cycle.planned.eventId, cycle.review?.eventId, record.onRoll?.since.eventId);
  const open = Object.values(record.assessmentRequests).filter((request) => !request.decision && !request.notToIssue);
  sources.add(...open.map((request) => request.received.eventId));
  const cells: Record<string, AnnexACell> = {
    ...identityCells(record, options.asOf, sources),
    ...needCells(record, sources),
    setting: record.onRoll?.name ? text(record.onRoll.name) : none('No setting recorded'),
    settingUrn: record.onRoll?.urn ? text(record.onRoll.urn) : none('No URN recorded'),
    cycleStarted: date(dayOf(cycle.planned.on)),
    reviewDue: date(cycle.reviewDueOn),
    reviewHeld: cycle.review ? date(dayOf(cycle.review.on)) : none('No review held yet'),
    reviewOverdue: yesNo(!cycle.review && cycle.reviewDueOn < options.asOf),
    assessmentRequested: yesNo(open.length > 0),
    la: laCell(options.laCode, options.laName),
  };
  return { childId: child.childId, planId: null, cells, sources: sources.list() };
}
