import { ruleById } from '../../domain/statutory-clocks/rules.js';
import type { ClockJudgement } from '../../../projections/audit-trail.js';
import { capitalised } from './record-vocabulary.js';

export interface JudgementInWords {
  /** "Started the time limit", "Met the duty"... */
  what: string;
  /** The rule's title: "Issue the final EHC plan". */
  rule: string;
  /** The law that sets it, for anyone who checks. */
  legalSource: string;
  /** Why it ended there, when it ended: "the final EHC plan was issued". */
  reason: string | null;
}

const WHAT: Record<ClockJudgement, string> = {
  started: 'Started the time limit to',
  stopped: 'Met the duty to',
  exercised: "Used the family's right to",
  lapsed: 'Ended, unmet, the time limit to',
};

/** A time the LA asked for itself (provision confirmed in place): a request, not a duty in law, and said so. */
const WHAT_ASKED: Record<ClockJudgement, string> = {
  started: "Started the local authority's time (not the law's) to",
  stopped: 'Answered the request to',
  exercised: 'Answered the request to',
  lapsed: 'Ended, unanswered, the request to',
};

/** A statutory time limit an entry started, met, used or ended, in words. */
export function judgementInWords(judgement: { ruleId: string; legalSource: string; as: ClockJudgement; reason: string | null }): JudgementInWords {
  const rule = ruleById(judgement.ruleId);
  const title = rule?.title ?? capitalised(judgement.ruleId.replaceAll('-', ' '));
  const askedByTheLa = rule?.obligation.kind === 'duty' && rule.obligation.holder === 'setting';
  return {
    what: (askedByTheLa ? WHAT_ASKED : WHAT)[judgement.as],
    rule: title.charAt(0).toLowerCase() + title.slice(1),
    legalSource: judgement.legalSource,
    reason: judgement.reason,
  };
}
