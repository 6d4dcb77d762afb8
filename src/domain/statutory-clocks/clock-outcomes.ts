import type { StatutoryClock } from './clock.js';

/**
 * The one reading, for every list, figure and document, of what a clock says about whoever it binds.
 * Only a duty can fail; the appeal window is the family's right, whose unused or late use is nobody's failure.
 */

type Judged = Pick<StatutoryClock, 'obligation' | 'state'>;

/** A duty met late or missed (so far, or up to the day it ended): the duty holder's failure. */
export const isFailureOfDuty = (clock: Judged): boolean => clock.obligation.kind === 'duty' && (clock.state === 'missed' || clock.state === 'met_late');

/** A duty still to be met: not yet due, due soon, or overdue and still running. */
/** Whole or in summary: only whether an ending is there counts, so a clock in summary (endings kept as their day) is judged alike. */
export const isOutstandingDuty = (clock: Judged & { stoppedBy: object | null; lapsedBy: object | null }): boolean =>
  clock.obligation.kind === 'duty' &&
  clock.stoppedBy === null &&
  clock.lapsedBy === null &&
  (clock.state === 'pending' || clock.state === 'due_soon' || clock.state === 'missed');

/** A time the LA asked for itself (provision confirmed in place): shown with the rest, never counted as the law's. */
export const isSetByLaw = (clock: Pick<Judged, 'obligation'>): boolean => !(clock.obligation.kind === 'duty' && clock.obligation.holder === 'setting');
