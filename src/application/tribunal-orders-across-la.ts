import { standingOf, type TribunalOrderStanding } from '../domain/appeal/tribunal-orders.js';
import type { IsoDate } from '../domain/calendar/iso-date.js';
import type { ClockState } from '../domain/statutory-clocks/clock.js';
import type { RuleFamily } from '../domain/statutory-clocks/rule-types.js';
import { ruleById } from '../domain/statutory-clocks/rules.js';
import { casesInScope, noteCasesShown } from './cases-in-scope.js';
import type { ChildClockSummary } from './child-summaries.js';
import type { ChildRecordsDependencies, Reader } from './child-records.js';

export interface OrderClockRow {
  ruleId: string;
  title: string;
  dueDate: IsoDate;
  dueDateWithExceptions: IsoDate;
  state: ClockState;
  daysLate: number | null;
  /** The day it was met, or ended unmet; null while it runs. */
  endedOn: IsoDate | null;
}

/** One order (or concession) of one child of the LA, from its clocks in summary. */
export interface LaTribunalOrderRow {
  childId: string;
  childName: string;
  /** The entry that made the order or concession: the trigger its clocks share. */
  madeBy: string;
  madeOn: IsoDate;
  family: Extract<RuleFamily, 'tribunal_order' | 'unopposed_appeal'>;
  clocks: OrderClockRow[];
  standing: TribunalOrderStanding['standing'];
  daysLate: number | null;
  /** The earliest due date among its limits still running; null when none runs. */
  nextDue: IsoDate | null;
}

const familyOf = (clock: ChildClockSummary) => {
  const family = ruleById(clock.ruleId)?.family;
  return family === 'tribunal_order' || family === 'unopposed_appeal' ? family : null;
};

const STANDING_ORDER: Record<TribunalOrderStanding['standing'], number> = { open: 0, not_complied: 1, breached: 2, complied_late: 3, complied_on_time: 4, in_force: 5 };

/**
 * The tribunal orders and conceded appeals of every child of an LA the reader may read now, one row an order, from the
 * clocks kept in summary per revision: the open ones first, soonest due first, then those not complied with, late,
 * on time. An order with no period (continue to maintain) starts no clock and is not listed here; the child's own
 * list (tribunalOrdersOfChild) shows it. Each child with a row is noted in the access log as read, as a page of the
 * desk notes the cases it shows.
 */
export async function tribunalOrdersAcrossLa(deps: ChildRecordsDependencies, reader: Reader, laCode: string, today: IsoDate): Promise<LaTribunalOrderRow[]> {
  const cases = await casesInScope(deps, reader, { laCode }, today);
  const rows: LaTribunalOrderRow[] = [];
  const shown = [];
  for (const listed of cases) {
    const byOrder = new Map<string, ChildClockSummary[]>();
    for (const clock of listed.clocks) {
      if (familyOf(clock) === null) continue;
      const same = byOrder.get(clock.startedBy.eventId) ?? [];
      same.push(clock);
      byOrder.set(clock.startedBy.eventId, same);
    }
    if (byOrder.size === 0) continue;
    shown.push(listed);
    for (const [madeBy, clocks] of byOrder) {
      clocks.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.ruleId.localeCompare(b.ruleId));
      const running = clocks.filter((clock) => clock.stoppedBy === null && clock.lapsedBy === null);
      rows.push({
        childId: listed.childId,
        childName: listed.listing.name,
        madeBy,
        madeOn: clocks[0]!.triggerDate,
        family: familyOf(clocks[0]!)!,
        clocks: clocks.map((clock) => ({
          ruleId: clock.ruleId,
          title: ruleById(clock.ruleId)?.title ?? clock.ruleId,
          dueDate: clock.dueDate,
          dueDateWithExceptions: clock.dueDateWithExceptions,
          state: clock.state,
          daysLate: clock.daysLate,
          endedOn: clock.stoppedBy?.on ?? clock.lapsedBy?.on ?? null,
        })),
        ...standingOf(clocks),
        nextDue: running.length > 0 ? running.map((clock) => clock.dueDateWithExceptions).sort()[0]! : null,
      });
    }
  }
  rows.sort(
    (a, b) =>
      STANDING_ORDER[a.standing] - STANDING_ORDER[b.standing] ||
      (a.nextDue ?? a.madeOn).localeCompare(b.nextDue ?? b.madeOn) ||
      a.childId.localeCompare(b.childId) ||
      a.madeBy.localeCompare(b.madeBy),
  );
  noteCasesShown(reader, shown, 'tribunalOrdersAcrossLa');
  return rows;
}
