import { addDays, dayOfWeek, englandDateOf, makeDate, monthOf, yearOf, type IsoDate } from '../calendar/iso-date.js';
import type { RightsHolder } from '../child-record/vocabulary.js';

/**
 * Who holds the rights to take part in and challenge decisions: the child's parent, or from the end of
 * compulsory school age the young person (CFA 2014 s.83(2)), who is presumed to have capacity (MCA 2005 s.1(2))
 * unless an assessment says otherwise for the decision in hand (MCA 2005 s.2-3; CFA 2014 s.80).
 *
 * No entry records the hand-over: it happens by law on a date computed from the date of birth.
 */

/** The last Friday of June in a year: the "school leaving date" (Education (School Leaving Date) Order 1997). */
export function lastFridayOfJune(year: number): IsoDate {
  const june30 = makeDate(year, 6, 30);
  return addDays(june30, -((dayOfWeek(june30) - 5 + 7) % 7));
}

/**
 * The last day of compulsory school age (Education Act 1996 s.8(3)-(4)): the school leaving date (last Friday
 * of June) of the school year, 1 September to 31 August, in which the child turns 16. A child born on
 * 31 August turns 16 in the school year ending that day, so leaves that June; one born on 1 September
 * turns 16 at the start of the next school year, and leaves the June after.
 */
export function endOfCompulsorySchoolAge(dateOfBirth: IsoDate): IsoDate {
  const turns16In = yearOf(dateOfBirth) + 16;
  const schoolYearEnds = monthOf(dateOfBirth) >= 9 ? turns16In + 1 : turns16In;
  return lastFridayOfJune(schoolYearEnds);
}

/** The first day the rights are the young person's: compulsory school age ends at the end of the leaving date. */
export const rightsPassOn = (dateOfBirth: IsoDate): IsoDate => addDays(endOfCompulsorySchoolAge(dateOfBirth), 1);

/** A Mental Capacity Act assessment as the rights-holder rule reads it. */
export interface CapacityAssessment {
  /** When it was made: a date or an ISO date-time (its date in England counts). */
  on: string;
  hasCapacity: boolean;
  decisionScope: string;
  eventId?: string;
}

export interface RightsHolderAnswer {
  holder: RightsHolder;
  endOfCompulsorySchoolAge: IsoDate;
  /** The assessment that decided it, when one did (the latest on or before the date, for the scope). */
  capacityAssessment?: CapacityAssessment;
}

const sameScope = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Who holds the rights on a date, with the reason. Before the end of compulsory school age: the parent.
 * After it: the young person, unless the latest capacity assessment made on or before the date (and, when
 * `scope` is given, for that decision scope) found that they lack capacity, when the parent still acts.
 */
export function rightsHolderDetail(
  dateOfBirth: IsoDate,
  onDate: IsoDate,
  capacityAssessments: readonly CapacityAssessment[] = [],
  scope?: string,
): RightsHolderAnswer {
  const end = endOfCompulsorySchoolAge(dateOfBirth);
  if (onDate <= end) return { holder: 'parent_carer', endOfCompulsorySchoolAge: end };
  const latest = capacityAssessments
    .filter((a) => englandDateOf(a.on) <= onDate && (scope === undefined || sameScope(a.decisionScope, scope)))
    .map((a, index) => ({ a, index }))
    .sort((x, y) => englandDateOf(x.a.on).localeCompare(englandDateOf(y.a.on)) || x.index - y.index)
    .at(-1)?.a;
  if (!latest) return { holder: 'young_person', endOfCompulsorySchoolAge: end };
  return { holder: latest.hasCapacity ? 'young_person' : 'parent_carer', endOfCompulsorySchoolAge: end, capacityAssessment: latest };
}

/** `'parent_carer'` or `'young_person'` on a date (see rightsHolderDetail). */
export const rightsHolderOn = (
  dateOfBirth: IsoDate,
  onDate: IsoDate,
  capacityAssessments: readonly CapacityAssessment[] = [],
  scope?: string,
): RightsHolder => rightsHolderDetail(dateOfBirth, onDate, capacityAssessments, scope).holder;
