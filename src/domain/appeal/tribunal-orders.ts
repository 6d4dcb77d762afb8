import type { IsoDate } from '../calendar/iso-date.js';
import type { ChildRecord } from '../child-record/state.js';
import type { TribunalOrderKind } from '../child-record/vocabulary.js';
import type { StatutoryClock } from '../statutory-clocks/clock.js';

/**
 * Where one thing the tribunal ordered (reg 44), or the LA agreed not to oppose (reg 45), stands: the time limits it
 * set, each a clock like the others, and whether the LA complied, on time or late, or has not yet.
 */
export interface TribunalOrderStanding {
  appealId: string;
  tribunalReference: string | null;
  outcomeId: string;
  how: 'ordered' | 'consent_order' | 'not_opposed';
  kind: TribunalOrderKind;
  wording: string;
  /** The order's date, or the day the LA told the tribunal it would not oppose. */
  madeOn: IsoDate;
  requestId: string | null;
  planId: string | null;
  /** The clocks the order started (reg 44 or reg 45), in the order they fall due; none for "continue to maintain". */
  clocks: StatutoryClock[];
  /**
   * open: a limit still running (not yet due, or overdue and unmet); complied_on_time / complied_late: every limit met;
   * not_complied: a limit ended unmet after it was due; in_force: an order with no limit (continue to maintain) not breached;
   * breached: such an order broken (the plan ceased while it stood).
   */
  standing: 'open' | 'complied_on_time' | 'complied_late' | 'not_complied' | 'in_force' | 'breached';
  /** The most days late of its clocks (met late, or missed so far); null while none is late. */
  daysLate: number | null;
}

// SCAFFOLD (issue 19): H1 implements tribunalOrdersOf(record, clocks).
export declare function tribunalOrdersOf(record: ChildRecord, clocks: readonly StatutoryClock[]): TribunalOrderStanding[];
