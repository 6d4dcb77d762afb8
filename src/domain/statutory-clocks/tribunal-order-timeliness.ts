import type { ClockSummary } from './judged-on.js';
import { familyOfRule } from './rules.js';
import { proportion, type Proportion } from './sen2-timeliness.js';

export interface TribunalOrderTimeliness {
  /** The time limits of tribunal orders and unopposed appeals (reg 44, reg 45) due in the year with a known outcome: met (on time or late) or overdue. */
  tribunalOrdersDue: number;
  /** Of tribunalOrdersDue, those met by their due date. */
  tribunalOrdersCompliedOnTime: Proportion;
}

/**
 * Whether the LA complied on time with what tribunals ordered and with the appeals it conceded, for a calendar year: each
 * time limit (a notice, a draft, a final or amended plan) counts once. Not a SEN2 figure; a limit not yet due, or one
 * that never applied (the 10 weeks for a notice not to issue, where the LA issued a plan), is not counted.
 */
export function tribunalOrderTimeliness(clocks: readonly ClockSummary[], year: number): TribunalOrderTimeliness {
  const due = clocks.filter((clock) => {
    const family = familyOfRule(clock.ruleId);
    return (
      (family === 'tribunal_order' || family === 'unopposed_appeal') &&
      clock.dueDate.startsWith(`${year}-`) &&
      (clock.state === 'met_on_time' || clock.state === 'met_late' || clock.state === 'missed')
    );
  });
  return { tribunalOrdersDue: due.length, tribunalOrdersCompliedOnTime: proportion(due.filter((clock) => clock.state === 'met_on_time').length, due.length) };
}
