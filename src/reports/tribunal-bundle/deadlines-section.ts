import { childPromises } from '../../../projections/child-promises.js';
import { isFailureOfDuty, isSetByLaw } from '../../domain/statutory-clocks/clock-outcomes.js';
import { deadlinesInWords, dutyInWords } from '../../web/presenters/clock-in-words.js';
import { deliveredByInWords, howOftenInWords } from '../../web/presenters/promise-in-words.js';
import { provisionSection } from '../../web/presenters/record-vocabulary.js';
import type { Block, BundleSection } from './bundle-content.js';
import { deliveryInWords, forceInWords, standingInWords } from './promise-standing.js';
import type { RecordReading } from './record-reading.js';
import { ordersOf } from './appeal-progress.js';
import type { StatutoryClock } from '../../domain/statutory-clocks/clock.js';
import { ukDate } from '../../domain/calendar/uk-dates.js';

/**
 * Section F: the statutory deadlines missed or met late, judged on the day the bundle was compiled, each with
 * the law that sets it; and every promise with its legal force and what was delivered. Only a duty can be
 * missed: the family's appeal window is their right, so an unused one is nobody's failure and is not listed.
 */
export function deadlinesSection(reading: RecordReading): BundleSection {
  const { clocks, record, compiledOn } = reading;
  const blocks: Block[] = [{ kind: 'heading', text: 'Statutory deadlines missed or met late', indexed: true }];
  const summary = deadlinesInWords(clocks, record, compiledOn, false).summary;
  blocks.push({ kind: 'paragraph', text: `As of ${ukDate(compiledOn)}. ${summary}` });
  // A time limit the LA asked a school for is not the law's: its lateness is on the deadlines page, not listed here.
  // An order of the tribunal, or what the LA conceded (reg 45), is a duty in law: one not complied with in time is listed.
  const orderClocks = reading.edition >= 2 ? ordersOf(reading).flatMap((order) => order.clocks) : [];
  const failures = [...clocks, ...orderClocks.filter((o) => !clocks.some((c) => sameClock(c, o)))]
    .filter((clock) => isFailureOfDuty(clock) && isSetByLaw(clock))
    .sort((a, b) => a.dueDateWithExceptions.localeCompare(b.dueDateWithExceptions) || a.ruleId.localeCompare(b.ruleId));
  if (failures.length === 0) blocks.push({ kind: 'paragraph', text: 'No statutory deadline was missed or met late.' });
  else {
    blocks.push({
      kind: 'table',
      header: ['Time limit', 'Whose duty, and the law', 'Due by', 'What happened'],
      widths: [0.18, 0.4, 0.14, 0.28],
      rows: failures.map((clock) => {
        const duty = dutyInWords(clock, record, compiledOn);
        const due = duty.dueByWithoutExceptions ? `${ukDate(clock.dueDateWithExceptions)} (${ukDate(clock.dueDate)} before the exceptions claimed)` : ukDate(clock.dueDateWithExceptions);
        return [duty.about ? `${duty.title}: ${duty.about}` : duty.title, `${duty.whoseDuty}. ${duty.law} ${duty.source}.`, due, duty.outcome];
      }),
    });
  }
  if (reading.edition >= 2) {
    blocks.push({
      kind: 'paragraph',
      text: "What the tribunal ordered, and what the local authority agreed not to oppose, are duties in law with their own time limits (SEND Regulations 2014, regulations 44 and 45): one not complied with in time is listed with the rest.",
      style: 'quiet',
    });
  }
  blocks.push({
    kind: 'paragraph',
    text: "The family's right to appeal is not a duty: a window to appeal that closed unused is not anyone's failure, and is not listed here.",
    style: 'quiet',
  });

  blocks.push({ kind: 'heading', text: 'What was promised, its legal force, and what was delivered', indexed: true });
  const promises = childPromises(reading.input.entries, compiledOn);
  if (promises.length === 0) blocks.push({ kind: 'paragraph', text: 'No provision is promised in this record.' });
  else {
    blocks.push({
      kind: 'table',
      header: ['Promise', 'Legal force', 'Delivery'],
      widths: [0.38, 0.27, 0.35],
      rows: promises.map((p) => [
        `${p.terms.description}. ${howOftenInWords(p.terms)}; ${deliveredByInWords(p.terms.deliveredBy)}. In ${provisionSection(p.section)}, promised on ${ukDate(p.promisedAt)}.`,
        forceInWords(p),
        `${standingInWords(p, compiledOn)}. ${deliveryInWords(p)}`,
      ]),
    });
  }
  return { id: 'F', title: 'Deadlines and provision', part: 'party_evidence', blocks };
}

const sameClock = (a: StatutoryClock, b: StatutoryClock) =>
  a.ruleId === b.ruleId && a.subject.id === b.subject.id && a.startedBy.eventId === b.startedBy.eventId;
