import { RuleViolation } from '../errors.js';
import type { IsoDate } from '../calendar/iso-date.js';
import type { ExceptionGround } from './clock-events.js';

/**
 * The Special Educational Needs and Disability (Coronavirus) (Amendment) Regulations 2020 (SI 2020/471)
 * modified the limits from 1 May to 25 September 2020 inclusive, and only where meeting one was not
 * reasonably practicable for a reason relating to the incidence or transmission of coronavirus.
 */
export const CORONAVIRUS_2020 = { from: '2020-05-01', to: '2020-09-25' } as const;

const OUTSIDE = 'coronavirus-exception-outside-2020';
const inPeriod = (date: IsoDate) => CORONAVIRUS_2020.from <= date && date <= CORONAVIRUS_2020.to;

/**
 * A coronavirus exception is a claim that the 2020 modification applied: a period outside 1 May to
 * 25 September 2020 cannot be true, so it is refused rather than read as the nearest true one.
 */
export function refuseCoronavirusExceptionOutside2020(invoked: { ground: ExceptionGround; from: IsoDate; to?: IsoDate | undefined }): void {
  if (invoked.ground !== 'coronavirus') return;
  if (!inPeriod(invoked.from)) {
    throw new RuleViolation(OUTSIDE, 'the coronavirus exception (SI 2020/471) applied only from 1 May to 25 September 2020: it cannot start on another day', 'from');
  }
  if (invoked.to !== undefined && !inPeriod(invoked.to)) {
    throw new RuleViolation(OUTSIDE, 'the coronavirus exception (SI 2020/471) applied only from 1 May to 25 September 2020: it cannot run past 25 September 2020', 'to');
  }
}

/** The same for the last day of an open coronavirus exception. */
export function refuseCoronavirusExceptionEndOutside2020(ground: ExceptionGround, lastDay: IsoDate): void {
  if (ground === 'coronavirus' && !inPeriod(lastDay)) {
    throw new RuleViolation(OUTSIDE, 'the coronavirus exception (SI 2020/471) applied only from 1 May to 25 September 2020: it cannot end on another day', 'on');
  }
}
