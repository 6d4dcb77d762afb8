import { daysBetween, englandDateOf, type IsoDate } from '../../domain/calendar/iso-date.js';
import { ukDate } from '../../domain/calendar/uk-dates.js';
import { isOpen, standingInRecord } from '../../domain/child-record/provision-standing.js';
import type { ChildRecord, RecordedBy } from '../../domain/child-record/state.js';
import { SETTING_ROLES, type Role } from '../../domain/roles.js';
import type { Actor } from '../../ledger/envelope.js';
import { roleName } from './roles.js';
import {
  capitalised, frequencyInWords, groupInWords, listInWords, minutesInWords, nextStep, outcomesMet, sessionsInWords, targetSetter,
} from './record-vocabulary.js';

/**
 * A child's SEN support (the graduated approach, SEN CoP 6.44-6.56: assess, plan, do, review) as the evidence an LA
 * asks for before it agrees to assess: each cycle, what it aimed at and with whom, what provision it planned and how
 * much of it was delivered, and what the review found. One reading for the page and the printed history, so both say
 * the same; the words borrow the record's vocabulary, as the tribunal bundle's do.
 */

export interface CycleProvision {
  provisionId: string;
  description: string;
  /** "Teaching assistant, Kentish Vale Primary School". */
  deliveredBy: string;
  /** "3 sessions a week, 20 minutes each, in a group of 3". */
  howOften: string;
  /** "From 30 September 2024 until 13 December 2024". */
  when: string;
  /** "10 of 30 sessions expected so far delivered (3 hours 20 minutes); 1 shortfall reported (2 sessions missed)". */
  delivered: string;
  open: boolean;
}

export interface CycleInWords {
  cycleId: string;
  /** 1 for the first cycle planned, in the order they were planned. */
  number: number;
  plannedOn: string;
  plannedBy: string;
  assessmentSummary: string;
  outcomes: string[];
  /** "Targets set with the child and the parent or carer"; null for a cycle planned before this was recorded. */
  targetsSetWith: string | null;
  reviewDueOn: string;
  reviewDueIso: IsoDate;
  /** No review yet and its date has passed. */
  overdue: boolean;
  /** "Review due by 13 December 2024 (overdue by 80 days)". */
  reviewDue: string;
  provision: CycleProvision[];
  review: { on: string; by: string; outcomesMet: string; progress: string; nextStep: string } | null;
}

export interface SenSupportHistory {
  cycles: CycleInWords[];
  reviewedCount: number;
  /** "3 cycles of SEN support were planned; 2 were reviewed." */
  summary: string;
}

const personOf = (by: RecordedBy) => `${by.actor.displayName} (${roleName(by.actor.role)})`;
const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** Staff of the setting the child is on roll at now: who plans and reviews the child's SEN support. */
export const isStaffOfChildSetting = (actor: Actor, record: ChildRecord): boolean =>
  SETTING_ROLES.includes(actor.role as Role) && record.onRoll?.urn !== null && record.onRoll?.urn !== undefined && actor.organisation === record.onRoll.urn;

/** Each SEN support cycle of the record, oldest first, in words, judged on `today` (a review past its date is overdue). */
export function senSupportHistory(record: ChildRecord, today: IsoDate): SenSupportHistory {
  const shortfalls = new Map<string, { reports: number; missed: number }>();
  for (const event of record.history) {
    if (event.type !== 'ShortfallReported') continue;
    const known = shortfalls.get(event.data.provisionId) ?? { reports: 0, missed: 0 };
    shortfalls.set(event.data.provisionId, { reports: known.reports + 1, missed: known.missed + event.data.sessionsMissed });
  }
  const cycles = Object.values(record.senSupportCycles)
    .sort((a, b) => a.planned.on.localeCompare(b.planned.on))
    .map((cycle, index): CycleInWords => {
      const dueIn = daysBetween(today, cycle.reviewDueOn);
      const overdue = !cycle.review && cycle.reviewDueOn < today;
      const provision = Object.values(record.provisions)
        .filter((line) => line.cycleId === cycle.cycleId)
        .sort((a, b) => a.promised.on.localeCompare(b.promised.on))
        .map((line): CycleProvision => {
          const standing = standingInRecord(record, line, today);
          const short = shortfalls.get(line.provisionId);
          const expected = standing.sessionsExpectedSoFar;
          const time = line.deliveries.minutes > 0 ? ` (${minutesInWords(line.deliveries.minutes)})` : '';
          const delivered = [
            expected === 0 && line.deliveries.sessions === 0
              ? 'no sessions due yet'
              : `${line.deliveries.sessions} of the ${sessionsInWords(expected)} due${isOpen(standing.status) ? ' so far' : ''} recorded as delivered${time}`,
            short ? `${plural(short.reports, 'shortfall', 'shortfalls')} reported (${plural(short.missed, 'session', 'sessions')} missed)` : '',
          ].filter(Boolean);
          return {
            provisionId: line.provisionId,
            description: line.description,
            deliveredBy: `${line.deliveredBy.role}, ${line.deliveredBy.organisation}`,
            howOften: [frequencyInWords(line.frequency), `${minutesInWords(line.minutesPerSession)} each`, groupInWords(line.groupSize)].filter(Boolean).join(', '),
            when: `From ${ukDate(line.startDate)}${line.endDate ? ` until ${ukDate(line.endDate)}` : ''}`,
            delivered: capitalised(delivered.join('; ')),
            open: isOpen(standing.status),
          };
        });
      return {
        cycleId: cycle.cycleId,
        number: index + 1,
        plannedOn: ukDate(englandDateOf(cycle.planned.on)),
        plannedBy: personOf(cycle.planned),
        assessmentSummary: cycle.assessmentSummary,
        outcomes: cycle.outcomes,
        targetsSetWith: cycle.targetsSetWith ? `Targets set with ${listInWords(cycle.targetsSetWith.map(targetSetter))}` : null,
        reviewDueOn: ukDate(cycle.reviewDueOn),
        reviewDueIso: cycle.reviewDueOn,
        overdue,
        reviewDue: cycle.review
          ? `To be reviewed by ${ukDate(cycle.reviewDueOn)}`
          : overdue
            ? `Review was due by ${ukDate(cycle.reviewDueOn)}: overdue by ${plural(-dueIn, 'day', 'days')}`
            : `Review due by ${ukDate(cycle.reviewDueOn)}${dueIn === 0 ? ' (today)' : ` (in ${plural(dueIn, 'day', 'days')})`}`,
        provision,
        review: cycle.review
          ? {
              on: ukDate(englandDateOf(cycle.review.on)),
              by: personOf(cycle.review),
              outcomesMet: capitalised(`outcomes ${outcomesMet(cycle.review.outcomesMet)}`),
              progress: cycle.review.progress,
              nextStep: capitalised(nextStep(cycle.review.nextStep)),
            }
          : null,
      };
    });
  const reviewedCount = cycles.filter((c) => c.review).length;
  const summary =
    cycles.length === 0
      ? 'No cycle of SEN support has been planned yet.'
      : `${capitalised(plural(cycles.length, 'cycle', 'cycles'))} of SEN support ${cycles.length === 1 ? 'was' : 'were'} planned; ${reviewedCount === cycles.length ? (cycles.length === 1 ? 'it was reviewed' : `all ${cycles.length} were reviewed`) : reviewedCount === 0 ? 'none has been reviewed yet' : `${reviewedCount} ${reviewedCount === 1 ? 'was' : 'were'} reviewed`}.`;
  return { cycles, reviewedCount, summary };
}
