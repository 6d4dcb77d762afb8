import type { PromiseView } from '../../../projections/promise-view.js';
import { legalSourceInWords } from '../../web/presenters/clock-in-words.js';
import { legalForceInWords } from '../../web/presenters/legal-force.js';
import { deliveredInWords, shortfallsInWords } from '../../web/presenters/promise-in-words.js';
import { ukDate } from '../../domain/calendar/uk-dates.js';

/** Whether a promise was owed on the day the bundle was compiled, and if not, since when and why. */
export function standingInWords(view: PromiseView, compiledOn: string): string {
  const on = view.stopped ? ukDate(view.stopped.on) : '';
  switch (view.status) {
    case 'active':
      return `Owed on ${ukDate(compiledOn)}${view.setting?.name ? `, at ${view.setting.name}` : ''}`;
    case 'not_started':
      return `Not started: it starts on ${ukDate(view.terms.startDate)}`;
    case 'ended':
      return `Ended on ${on}, the end date it was promised until`;
    case 'withdrawn': {
      const why = view.history.findLast((v) => v.kind === 'withdrawn')?.reason;
      return `Withdrawn on ${on}${why ? `: ${why}` : ''}`;
    }
    case 'plan_ceased':
      return `Ended on ${on}, when the local authority stopped maintaining the EHC plan`;
    case 'not_taken_on':
      return `Ended on ${on}: the new school did not take it on at the handover`;
    default:
      return 'Not known';
  }
}

/** "The local authority must secure this by law (Children and Families Act 2014, section 42)". */
export const forceInWords = (view: PromiseView): string =>
  `${legalForceInWords(view.legalForce.kind)} (${legalSourceInWords(view.legalForce.source)})`;

/** Sessions delivered against those owed, and missed sessions reported. */
export const deliveryInWords = (view: PromiseView): string =>
  `Delivered: ${deliveredInWords(view)}. Missed sessions reported: ${shortfallsInWords(view).charAt(0).toLowerCase()}${shortfallsInWords(view).slice(1)}.`;
