import type { TribunalOrderStanding } from '../../domain/appeal/tribunal-orders.js';
import { daysBetween, englandDateOf, type IsoDate } from '../../domain/calendar/iso-date.js';
import type { Appeal, ChildRecord, PlanAmendment, RecordedBy } from '../../domain/child-record/state.js';
import type { StatutoryClock } from '../../domain/statutory-clocks/clock.js';
import { isOutstandingDuty } from '../../domain/statutory-clocks/clock-outcomes.js';
import {
  appealedInWords, daysInWords, directionInWords, orderedInWords, outcomeHow, partyInWords, planSection, tribunalOutcome,
} from './appeal-words.js';
import { capitalised } from './record-vocabulary.js';
import { dutyInWords, legalSourceInWords, rightInWords, type Tag } from './clock-in-words.js';
import { longDate } from './dates.js';
import { personWithRole } from './roles.js';

/**
 * An appeal as its parties read it: what is appealed and where it stands, what happened in order, what the local
 * authority must now do and whether it did it in time, the tribunal's recommendations and the working document's
 * changes (who proposed what, who answered, what remains in dispute).
 */

export interface TimelineItem {
  title: string;
  on: string;
  happened: string;
  by: string | null;
  lines: string[];
}

export interface OrderLimitInWords {
  title: string;
  source: string;
  dueBy: string;
  /** "Done on time on 29 May 2024", "Done 28 days late", "Overdue by 12 days", "Due in 9 days". */
  state: string;
  tag: Tag;
}

export interface OrderInWords {
  what: string;
  how: string;
  madeOn: string;
  wording: string;
  tag: Tag;
  /** One sentence: where the order stands. */
  standing: string;
  limits: OrderLimitInWords[];
  open: boolean;
}

export interface ChangeRow {
  amendmentId: string;
  /** "Section F", short for a table column; its name in full for a screen reader and a title. */
  section: string;
  sectionName: string;
  proposed: string;
  answered: boolean;
  change: string;
  wording: string;
  evidence: string[];
  tag: Tag;
  moves: string[];
  /** Whether the reader can answer it (it is the other party's and still open) or withdraw it (their own). */
  answerable: boolean;
  withdrawable: boolean;
}

const byWhom = (recorded: RecordedBy) => personWithRole(recorded.actor);
const dateOf = (value: string): IsoDate => (value.length === 10 ? value : englandDateOf(value));

/** The time limit in the brief words of a list: what happened, or how long is left. */
export function limitState(clock: StatutoryClock, today: IsoDate): { state: string; tag: Tag } {
  const due = clock.dueDateWithExceptions;
  const late = clock.daysLate ?? 0;
  switch (clock.state) {
    case 'met_on_time':
      return { state: `Done on time on ${longDate(clock.stoppedBy?.on)}`, tag: { text: 'Done on time', colour: 'green' } };
    case 'met_late':
      return { state: `Done ${daysInWords(late)} late, on ${longDate(clock.stoppedBy?.on)}`, tag: { text: 'Done late', colour: 'orange' } };
    case 'missed':
      return isOutstandingDuty(clock)
        ? { state: `Overdue by ${daysInWords(late)}`, tag: { text: 'Overdue', colour: 'red' } }
        : { state: `Not done: it was due by ${longDate(due)} and ended on ${longDate(clock.lapsedBy?.on)}`, tag: { text: 'Not done', colour: 'red' } };
    case 'lapsed':
      return { state: `No longer due from ${longDate(clock.lapsedBy?.on)}`, tag: { text: 'No longer due', colour: 'grey' } };
    case 'pending':
    case 'due_soon': {
      const left = daysBetween(today, due);
      return { state: left === 0 ? 'Due today' : `Due in ${daysInWords(left)}`, tag: { text: clock.state === 'due_soon' ? 'Due soon' : 'Not yet due', colour: clock.state === 'due_soon' ? 'yellow' : 'blue' } };
    }
    default:
      return { state: '', tag: { text: 'Not known', colour: 'grey' } };
  }
}

const STANDING: Record<TribunalOrderStanding['standing'], Tag> = {
  open: { text: 'Open', colour: 'blue' },
  complied_on_time: { text: 'Complied with on time', colour: 'green' },
  complied_late: { text: 'Complied with late', colour: 'orange' },
  not_complied: { text: 'Not complied with', colour: 'red' },
  in_force: { text: 'In force', colour: 'blue' },
  breached: { text: 'Broken', colour: 'red' },
};

function standingSentence(order: TribunalOrderStanding): string {
  const late = order.daysLate === null ? '' : daysInWords(order.daysLate);
  switch (order.standing) {
    case 'open':
      return order.daysLate ? `Not yet done, and overdue by ${late}.` : 'Not yet done: its time limits are still running.';
    case 'complied_on_time':
      return 'The local authority did what it had to, within every time limit.';
    case 'complied_late':
      return `The local authority did what it had to, ${late} late.`;
    case 'not_complied':
      return `The local authority did not do what it had to${late ? `: ${late} late when the time limit ended` : ''}.`;
    case 'in_force':
      return 'In force: the local authority must keep maintaining the plan.';
    case 'breached':
      return 'Broken: the plan was stopped while the order stood.';
    default:
      return '';
  }
}

/** One thing the local authority must do after an appeal, with each time limit, its law and where it stands. */
export function orderInWords(order: TribunalOrderStanding, appeal: Appeal | undefined, record: ChildRecord, today: IsoDate): OrderInWords {
  const outcome = appeal?.outcomes.find((o) => o.outcomeId === order.outcomeId);
  const tag = order.standing === 'open' && order.daysLate ? { text: 'Overdue', colour: 'red' } : STANDING[order.standing];
  return {
    what: orderedInWords(order.kind, outcome?.sections),
    how: outcomeHow(order.how),
    madeOn: longDate(order.madeOn),
    wording: order.wording,
    tag,
    standing: standingSentence(order),
    limits: order.clocks.map((clock) => {
      const duty = dutyInWords(clock, record, today);
      return { title: duty.title, source: legalSourceInWords(clock.legalSource), dueBy: duty.dueBy, ...limitState(clock, today) };
    }),
    open: order.standing === 'open' || order.standing === 'not_complied' || order.standing === 'breached',
  };
}

/** The change's status as the working document keys it. */
export function changeTag(amendment: PlanAmendment): Tag {
  if (amendment.withdrawn) return { text: 'Withdrawn', colour: 'grey' };
  const last = amendment.answers.at(-1);
  if (!last) return { text: 'Awaiting an answer', colour: 'yellow' };
  return last.answer === 'agreed' ? { text: 'Agreed', colour: 'green' } : { text: 'In dispute', colour: 'red' };
}

export function changeRow(amendment: PlanAmendment, forLocalAuthority: boolean): ChangeRow {
  const own = (amendment.proposedBy === 'local_authority') === forLocalAuthority;
  const moves = [
    ...amendment.answers.map(
      (a) => `${a.answer === 'agreed' ? 'Agreed' : 'Disputed'} by ${partyInWords(a.by)}, ${a.actor.displayName}, on ${longDate(a.on)}${a.reason ? `: “${a.reason}”` : ''}`,
    ),
    ...(amendment.withdrawn ? [`Withdrawn by ${amendment.withdrawn.actor.displayName} on ${longDate(amendment.withdrawn.on)}${amendment.withdrawn.reason ? `: “${amendment.withdrawn.reason}”` : ''}`] : []),
  ];
  return {
    amendmentId: amendment.amendmentId,
    section: `Section ${amendment.section}`,
    sectionName: capitalised(planSection(amendment.section)),
    proposed: `${capitalised(partyInWords(amendment.proposedBy))}, ${longDate(amendment.proposed.on)}, by ${amendment.proposed.actor.displayName}`,
    answered: amendment.answers.length > 0,
    change: amendment.change === 'add' ? 'Add' : 'Delete',
    wording: amendment.wording,
    evidence: amendment.evidence.map(
      (e) => `${e.author} (${e.role}), ${longDate(e.writtenOn)}${e.page !== undefined ? `, page ${e.page}` : ''}${e.paragraph ? `, paragraph ${e.paragraph}` : ''}`,
    ),
    tag: changeTag(amendment),
    moves: moves.length ? moves : ['Not answered yet'],
    answerable: !own && !amendment.withdrawn,
    withdrawable: own && !amendment.withdrawn,
  };
}

/** Where the appeal stands, in a tag. */
export function appealTag(appeal: Appeal): Tag {
  if (appeal.withdrawn) return { text: 'Withdrawn', colour: 'grey' };
  if (appeal.decision) return appeal.decision.outcome === 'dismissed' ? { text: 'Dismissed', colour: 'grey' } : { text: capitalised(tribunalOutcome(appeal.decision.outcome).replace(' the appeal', '')), colour: 'green' };
  if (appeal.outcomes.some((o) => o.how === 'not_opposed')) return { text: 'Not opposed', colour: 'green' };
  if (appeal.outcomes.some((o) => o.how === 'consent_order')) return { text: 'Consent order', colour: 'green' };
  return { text: 'Before the tribunal', colour: 'blue' };
}

/** What happened in the appeal, in order: from registration to its end, each with who recorded it. */
export function appealTimeline(appeal: Appeal, record: ChildRecord, today: IsoDate): TimelineItem[] {
  const items: Array<TimelineItem & { order: number }> = [];
  const add = (recorded: RecordedBy, title: string, lines: string[], order = 0) =>
    items.push({ title, on: recorded.on, happened: longDate(recorded.on), by: byWhom(recorded), lines, order });
  add(appeal, 'Appeal registered', [`Against: ${appealedInWords(appeal.against, appeal.sections).charAt(0).toLowerCase()}${appealedInWords(appeal.against, appeal.sections).slice(1)}.`]);
  if (appeal.response) add(appeal.response, "The local authority's response", [appeal.response.summary]);
  const directionsBy = new Map<string, Appeal['directions']>();
  for (const direction of appeal.directions) directionsBy.set(direction.given.eventId, [...(directionsBy.get(direction.given.eventId) ?? []), direction]);
  for (const directions of directionsBy.values()) {
    add(
      directions[0]!.given,
      "The tribunal's directions",
      directions.map((d) => {
        const left = daysBetween(today, d.dueOn);
        const when = left < 0 ? `was due by ${longDate(d.dueOn)} (past)` : left === 0 ? `due today, ${longDate(d.dueOn)}` : `due by ${longDate(d.dueOn)} (in ${daysInWords(left)})`;
        const from = d.party && d.direction !== 'la_response' ? ` from ${partyInWords(d.party)}` : '';
        return `${directionInWords(d.direction)}${from}: ${when}${d.detail ? `. ${d.detail}` : ''}`;
      }),
    );
  }
  for (const hearing of appeal.hearings) add(hearing, 'Hearing listed', [`Hearing on ${longDate(hearing.hearingOn)}${hearing.venue ? `, ${hearing.venue}` : ''}${daysBetween(today, hearing.hearingOn) < 0 ? ' (past)' : ''}.`]);
  if (appeal.decision) add(appeal.decision, "The tribunal's decision", [`The tribunal ${tribunalOutcome(appeal.decision.outcome)}.`, ...(appeal.decision.summary ? [appeal.decision.summary] : [])], 1);
  for (const outcome of appeal.outcomes) {
    const title = outcome.how === 'not_opposed' ? 'Not opposed by the local authority' : outcome.how === 'consent_order' ? 'Consent order' : "The tribunal's order";
    add(outcome.made, title, [`${orderedInWords(outcome.kind, outcome.sections)}.`, outcome.wording], 2);
  }
  for (const request of Object.values(record.assessmentRequests)) {
    for (const setAside of request.setAside) {
      if (setAside.by.how !== 'reversed') continue;
      if (request.requestId !== appeal.requestId && !appeal.outcomes.some((o) => o.requestId === request.requestId) && record.appeals.length > 1) continue;
      const what = setAside.refusal === 'refusal_to_assess' ? 'not to carry out an EHC needs assessment' : 'not to issue an EHC plan';
      add(setAside.by, 'Refusal reversed', [`The local authority reversed its decision of ${longDate(setAside.was.on)} ${what}.`], 2);
    }
  }
  for (const version of appeal.workingDocuments) add(version, `Working document, version ${version.version}`, [`Sent by ${partyInWords(version.issuedBy)}.`], 3);
  for (const recommendation of Object.values(record.recommendations).filter((r) => r.appealId === appeal.appealId)) {
    add(recommendation.made, "The tribunal's recommendation", [`About ${planSection(recommendation.section)}, made to ${recommendation.madeTo}.`], 3);
  }
  if (appeal.withdrawn) add(appeal.withdrawn, 'Appeal withdrawn', appeal.withdrawn.reason ? [appeal.withdrawn.reason] : [], 4);
  // Newest first, as the record's own timeline reads; on one day, the later step first.
  return items.sort((a, b) => dateOf(b.on).localeCompare(dateOf(a.on)) || b.on.localeCompare(a.on) || b.order - a.order).map(({ order: _order, ...item }) => item);
}

/** The family's window to appeal the decision this appeal is against: registered in time or after it closed. */
export function appealWindowInWords(appeal: Appeal, clocks: readonly StatutoryClock[], today: IsoDate, readerHoldsTheRight: boolean): string | null {
  const clock = clocks.find((c) => c.ruleId === 'appeal-window' && c.stoppedBy?.eventId === appeal.eventId);
  return clock ? rightInWords(clock, today, readerHoldsTheRight).outcome : null;
}

/** Mediation about the decision appealed: asked for, and the certificate. */
export function mediationInWords(appeal: Appeal, record: ChildRecord): string[] {
  const same = (m: { against: string; requestId?: string | undefined; planId?: string | undefined }) =>
    m.against === appeal.against && (m.requestId === undefined || appeal.requestId === undefined || m.requestId === appeal.requestId);
  return [
    ...record.mediationRequests.filter(same).map((m) => `Mediation asked for on ${longDate(m.on)} by ${byWhom(m)}.`),
    ...record.mediationCertificates.filter(same).map((m) => `Mediation certificate issued on ${longDate(m.on)}.`),
  ];
}

/** A refusal set aside: the assessment (or the plan) revived, its time limits running on from the original request. */
export function revivedInWords(record: ChildRecord): string[] {
  return Object.values(record.assessmentRequests).flatMap((request) =>
    request.setAside.map((setAside) => {
      const how = setAside.by.how === 'reversed' ? 'reversed by the local authority' : setAside.by.how === 'not_opposed' ? 'conceded: the local authority did not oppose the appeal' : "overturned by the tribunal's order";
      const what = setAside.refusal === 'refusal_to_assess' ? 'not to carry out an EHC needs assessment' : 'not to issue an EHC plan';
      const revived = setAside.refusal === 'refusal_to_assess' ? 'The EHC needs assessment was revived' : 'The EHC plan must now be made';
      return `The decision of ${longDate(setAside.was.on)} ${what} was ${how} on ${longDate(setAside.by.on)}. ${revived}: its time limits still run from the original request of ${longDate(request.received.on)}, not from ${longDate(setAside.by.on)}.`;
    }),
  );
}

/** The tribunal's recommendations in the appeal, each with its answer and whether the answer came within 5 weeks. */
export function recommendationsInWords(appeal: Appeal, record: ChildRecord, clocks: readonly StatutoryClock[], today: IsoDate) {
  return Object.values(record.recommendations)
    .filter((r) => r.appealId === appeal.appealId)
    .map((r) => {
      const clock = clocks.find((c) => c.ruleId === 'tribunal-recommendation-answer' && (c.subject.id === r.recommendationId || c.startedBy.eventId === r.made.eventId));
      const timing = clock ? limitState(clock, today) : null;
      return {
        recommendationId: r.recommendationId,
        section: capitalised(planSection(r.section)),
        madeTo: r.madeTo,
        made: longDate(r.made.on),
        wording: r.wording,
        answer: r.answered
          ? `${r.answered.follows ? 'It will be followed' : 'It will not be followed'}: “${r.answered.reasons}” (${r.answered.answeredBy.name}, ${r.answered.answeredBy.role}, on ${longDate(r.answered.on)}).`
          : null,
        timing: timing && { ...timing, within: clock?.state === 'met_on_time' ? 'Answered within 5 weeks' : clock?.state === 'met_late' ? 'Answered after the 5 weeks' : timing.state },
        answerable: !r.answered,
      };
    });
}
