import { englandDateOf, type IsoDate } from '../calendar/iso-date.js';
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

const byDueDate = (a: StatutoryClock, b: StatutoryClock) => a.dueDate.localeCompare(b.dueDate) || a.ruleId.localeCompare(b.ruleId);

/** What judging an order's standing reads of each of its clocks: whole, or in summary (an LA's list). */
export type OrderClock = Pick<StatutoryClock, 'state' | 'daysLate'> & { stoppedBy: object | null; lapsedBy: object | null };

/** A limit that never applied (the 10 weeks for a notice not to issue, where the LA issued a plan), or fell away before it was due. */
const fellAway = (clock: OrderClock) => clock.state === 'lapsed';
const stillRunning = (clock: OrderClock) => clock.stoppedBy === null && clock.lapsedBy === null;

/** The standing of an order with at least one clock, and the most days late of them (see TribunalOrderStanding). */
export function standingOf(clocks: readonly OrderClock[]): Pick<TribunalOrderStanding, 'standing' | 'daysLate'> {
  const applying = clocks.filter((clock) => !fellAway(clock));
  const late = applying.map((clock) => clock.daysLate ?? 0).filter((days) => days > 0);
  const daysLate = late.length > 0 ? Math.max(...late) : null;
  if (applying.some(stillRunning)) return { standing: 'open', daysLate };
  // Every limit ended unmet (the plan ceased or moved before any was due): the order was not complied with, though no one was late.
  if (applying.length === 0) return { standing: 'not_complied', daysLate: null };
  if (applying.some((clock) => clock.stoppedBy === null)) return { standing: 'not_complied', daysLate };
  return { standing: applying.some((clock) => clock.state === 'met_late') ? 'complied_late' : 'complied_on_time', daysLate };
}

/**
 * Where each thing a tribunal ordered (or the LA conceded) stands, from the child's record and clocks: one standing per
 * appeal outcome, in the order they were made, with the clocks its entry started. An order with no period (continue to
 * maintain, or a concession under the original reg 45 the clocks do not model) is in force until the plan it is about
 * ceases after it: then it was breached.
 */
export function tribunalOrdersOf(record: ChildRecord, clocks: readonly StatutoryClock[]): TribunalOrderStanding[] {
  const standings: TribunalOrderStanding[] = [];
  for (const appeal of record.appeals) {
    for (const outcome of appeal.outcomes) {
      const subjectId = outcome.requestId ?? outcome.planId ?? null;
      const own = clocks
        .filter((clock) => clock.startedBy.eventId === outcome.made.eventId && (subjectId === null || clock.subject.id === subjectId))
        .sort(byDueDate);
      const madeOn = englandDateOf(outcome.made.on);
      let judged: Pick<TribunalOrderStanding, 'standing' | 'daysLate'>;
      if (own.length > 0) {
        judged = standingOf(own);
      } else {
        const ceased = outcome.planId ? record.plans[outcome.planId]?.ceased : undefined;
        judged = { standing: ceased && englandDateOf(ceased.on) >= madeOn ? 'breached' : 'in_force', daysLate: null };
      }
      standings.push({
        appealId: appeal.appealId,
        tribunalReference: appeal.tribunalReference ?? null,
        outcomeId: outcome.outcomeId,
        how: outcome.how,
        kind: outcome.kind,
        wording: outcome.wording,
        madeOn,
        requestId: outcome.requestId ?? null,
        planId: outcome.planId ?? null,
        clocks: own,
        ...judged,
      });
    }
  }
  return standings;
}
