import type { IsoDate } from '../calendar/iso-date.js';
import type { PhaseTransfer, RuleVersion, StatutoryRule, TriggerEntry } from './rule-types.js';
import type { Placed } from './timeline.js';

/** A phase transfer a clock is for: its kind and first day, and the entry they come from. */
export interface TransferOfClock {
  kind: PhaseTransfer;
  startsOn: IsoDate;
  from: 'date_of_birth' | 'named_placement';
  /** The child's registration (date of birth) or the named placement. */
  source: Placed;
  /** The year group the transfer moves the child into, when it comes from the date of birth. */
  intoYearGroup: number | null;
}

/** A clock that has started: the rule and version governing it, what started it, and which entries it reads. */
export interface StartedClock {
  rule: StatutoryRule;
  version: RuleVersion;
  trigger: TriggerEntry;
  /** The entry that started it. */
  placed: Placed;
  triggerDate: IsoDate;
  subjectId: string | null;
  /** The first timeline position whose entry can end the clock. */
  opensAt: number;
  /** A later entry starting the same rule for the same subject: it owns what follows, and supersedes an unmet duty. */
  startedAgainBy: Placed | null;
  transfer: TransferOfClock | null;
}
