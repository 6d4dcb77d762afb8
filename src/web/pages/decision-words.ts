import { daysBetween, type IsoDate } from '../../domain/calendar/iso-date.js';
import type { CaseStep, NextDecision } from '../../domain/child-record/next-decision.js';
import type { ClockEffect } from '../../application/decision-preview.js';
import { legalSourceInWords } from '../presenters/clock-in-words.js';
import { longDate } from '../presenters/dates.js';

/** The words of a caseworker's desk, case page and decision forms: what is due, by when, and what a decision does to it. */

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** What a duty asks for, as a line on the desk names it (the group's heading gives the rule). */
export const DUE_WHAT: Record<string, string> = {
  'decide-whether-to-assess': 'Decision whether to assess',
  advice: 'Advice from the service asked',
  'decision-whether-to-issue': 'Draft plan, or notice not to issue one',
  'final-plan': 'Final EHC plan',
  'annual-review': 'Annual review meeting',
  'review-decision': 'Decision notice after the review',
  'amended-plan': 'Amended EHC plan',
  'phase-transfer': 'Plan amended for the next phase',
  'transfer-out': 'Plan transferred to the new local authority',
  'new-la-notice': 'Notice to the family after the transfer',
  'review-after-transfer': 'Review after the transfer',
  'provision-confirmation': "The school's confirmation that the provision is in place",
};

/** How near a duty is, as a tag: "Overdue by 12 days", "Due today", "Due in 5 days". */
export function dueTag(daysLeft: number): { text: string; colour: string } {
  if (daysLeft < 0) return { text: `Overdue by ${days(-daysLeft)}`, colour: 'red' };
  if (daysLeft === 0) return { text: 'Due today', colour: 'orange' };
  return { text: `Due in ${days(daysLeft)}`, colour: daysLeft <= 7 ? 'yellow' : 'blue' };
}

/** The form each step of a case is recorded with, and what it asks, as the case page offers it. */
export const STEP_WORDS: Record<CaseStep, { action: string; form: string | null }> = {
  'decide-assessment': { action: 'Decide whether to carry out an EHC needs assessment', form: 'decide-assessment' },
  'request-advice': { action: 'Request advice for the assessment', form: 'request-advice' },
  'decide-not-to-issue': { action: 'Decide not to issue an EHC plan', form: 'decide-not-to-issue' },
  'issue-draft': { action: 'Issue a draft EHC plan', form: 'issue-draft' },
  'issue-final': { action: 'Issue the final EHC plan', form: 'issue-final' },
  'amend-plan': { action: 'Amend the EHC plan', form: 'amend-plan' },
  'cease-plan': { action: 'Stop maintaining the EHC plan (cease it)', form: 'cease-plan' },
  'notify-review-decision': { action: 'Tell the family the decision after the review meeting', form: 'notify-review-decision' },
  'hold-review': { action: 'Hold the review of the EHC plan', form: null },
};

/** When a decision may and must be made: " from 7 March 2026 (...), by 23 March 2026", " by 16 February 2026, overdue by 14 days". */
export function whenInWords(next: NextDecision, today: IsoDate): string {
  const from = next.from && next.from > today ? ` from ${longDate(next.from)} (after the family's 15 days to comment on the draft)` : '';
  if (!next.dueBy) return from;
  const left = daysBetween(today, next.dueBy);
  const when = left < 0 ? `, overdue by ${days(-left)}` : left === 0 ? ', today is the last day' : '';
  return `${from}${from ? ',' : ''} by ${longDate(next.dueBy)}${when}`;
}

/** The next decision as one sentence: what, from when, by when. */
export const nextDecisionInWords = (next: NextDecision, today: IsoDate): string => `${STEP_WORDS[next.step].action}${whenInWords(next, today).replace(/^ by/, ', by')}`;

/** What recording a decision does to a time limit, before it is recorded: met on time or late, ended, started. */
export function effectInWords(effect: ClockEffect, decidedOn: IsoDate): { text: string; late: boolean; law: string } {
  const { clock } = effect;
  const law = legalSourceInWords(clock.legalSource);
  const period = clock.dueDateBasis.period;
  const title = clock.title.charAt(0).toLowerCase() + clock.title.slice(1);
  const due = clock.dueDateWithExceptions;
  if (effect.how === 'meets') {
    const late = daysBetween(due, decidedOn);
    return late > 0
      ? { text: `This is ${days(late)} late: the duty to ${title} was due by ${longDate(due)} (${period}), and this decision is dated ${longDate(decidedOn)}.`, late: true, law }
      : { text: `This meets the ${period} limit to ${title}: due by ${longDate(due)}, decided on ${longDate(decidedOn)}.`, late: false, law };
  }
  if (effect.how === 'ends') {
    const late = clock.daysLate ?? 0;
    return { text: `This ends the duty to ${title} without meeting it${late > 0 ? `, ${days(late)} after it was due (${longDate(due)})` : ''}: ${clock.lapsedBy?.reason.replace(/\bthe LA\b/g, 'the local authority') ?? ''}.`, late: late > 0, law };
  }
  if (clock.obligation.kind === 'right') return { text: `This starts the family's right to appeal to the tribunal, until ${longDate(due)}.`, late: false, law };
  return { text: `This starts the time limit to ${title}: due by ${longDate(due)}.`, late: false, law };
}
