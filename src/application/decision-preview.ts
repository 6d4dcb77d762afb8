import { englandDateOf, type IsoDate } from '../domain/calendar/iso-date.js';
import { NotFound } from '../domain/errors.js';
import type { StatutoryClock } from '../domain/statutory-clocks/clock.js';
import type { ClockEntry } from '../domain/statutory-clocks/clock-events.js';
import { computeClocks } from '../domain/statutory-clocks/compute-clocks.js';
import type { ProposedEvent } from '../ledger/envelope.js';
import type { EventStore } from '../store/port.js';
import { childRecordAsOf } from './child-record-as-of.js';
import type { OneChildDependencies, Reader } from './child-records.js';
import { recordDecision } from './record-decision.js';
import { childEventsOf } from './record-views.js';

/** What recording the decision would do to one of the child's time limits. */
export interface ClockEffect {
  /** Meets a duty (on time or late), ends one unmet, or starts one (or the family's right to appeal). */
  how: 'meets' | 'ends' | 'starts';
  clock: StatutoryClock;
}

export type DecisionPreview =
  /** The same form was already recorded (its idempotency key is in the record): recording it again records nothing. */
  | { kind: 'already_recorded' }
  | {
      kind: 'would_record';
      /** The decision's legal date: the day it is claimed to have been made, in England. */
      on: IsoDate;
      entries: ReadonlyArray<Pick<ProposedEvent, 'type' | 'data'>>;
      effects: ClockEffect[];
    };

/** The write path got as far as appending: what it would have appended. */
class WouldAppend extends Error {
  constructor(readonly proposed: ProposedEvent[]) {
    super('a preview records nothing');
  }
}

/** The store as the write path sees it, except that nothing is appended: the proposed entries come back instead. */
function storeThatRecordsNothing(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'append') {
        return async (_streamId: string, proposed: ProposedEvent[]) => {
          throw new WouldAppend(proposed);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const asClockEntry = (event: ProposedEvent, recordedAt: string): ClockEntry => ({
  type: event.type,
  data: event.data,
  eventId: event.eventId,
  occurredAt: event.metadata.occurredAt,
  recordedAt,
  actor: event.metadata.actor,
});

/**
 * A decision judged as it would be recorded now, and nothing recorded: the same path as recordDecision (the entry's
 * schema, the claimed date, who may record it, the child record's rules), which throws the same refusals, stopped
 * short of the append; and the child's clocks worked out with and without it, to say which time limit it meets (on
 * time or late), ends or starts. The record is read for the reader through the access-checked path (and logged as
 * `what`): a child they may not read is not found.
 */
export async function previewDecision(
  deps: OneChildDependencies,
  reader: Reader,
  name: string,
  request: { childId: string; input: Record<string, unknown>; options?: Record<string, unknown>; correlationId: string; causationId: string },
  what: string,
): Promise<DecisionPreview> {
  const known = await childRecordAsOf(deps, reader, request.childId, what);
  if (!known) throw new NotFound('child');
  let proposed: ProposedEvent[];
  try {
    await recordDecision({ store: storeThatRecordsNothing(deps.store), clock: deps.clock }, reader.actor, name, request);
    return { kind: 'already_recorded' };
  } catch (error) {
    if (!(error instanceof WouldAppend)) throw error;
    proposed = error.proposed;
  }

  const now = deps.clock().toISOString();
  const today = englandDateOf(now);
  const current = childEventsOf(known.entries);
  const before = computeClocks(current, today);
  const after = computeClocks([...current, ...proposed.map((event) => asClockEntry(event, now))], today);
  const ids = new Set(proposed.map((event) => event.eventId));
  const wasRunning = (clock: StatutoryClock) =>
    before.some((b) => b.ruleId === clock.ruleId && b.startedBy.eventId === clock.startedBy.eventId && b.stoppedBy === null && b.lapsedBy === null);
  const effects: ClockEffect[] = [];
  for (const clock of after) {
    if (clock.stoppedBy && ids.has(clock.stoppedBy.eventId) && wasRunning(clock)) effects.push({ how: 'meets', clock });
    else if (clock.lapsedBy && ids.has(clock.lapsedBy.eventId) && wasRunning(clock)) effects.push({ how: 'ends', clock });
    else if (ids.has(clock.startedBy.eventId)) effects.push({ how: 'starts', clock });
  }
  return {
    kind: 'would_record',
    on: englandDateOf(proposed[0]!.metadata.occurredAt),
    entries: proposed.map(({ type, data }) => ({ type, data })),
    effects,
  };
}
