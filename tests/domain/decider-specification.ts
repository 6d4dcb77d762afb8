/**
 * A small given/when/then harness for the child record decider, in the spirit of Emmett's
 * DeciderSpecification:
 *
 *   given(registered, requested)
 *     .when(command('DecisionToAssess', { requestId }, { on: '2025-02-17', by: laOfficer }))
 *     .then([{ type: 'DecisionToAssess', data: { requestId } }]);
 *
 *   given(registered).when(...).thenThrows(RuleViolation, { rule: 'decision-before-request', field: 'occurredAt' });
 *
 * The given events are folded with `foldChildRecord` (corrections applied first), exactly as the
 * command handler does before it calls `decide`.
 */
import { expect } from 'vitest';
import type { ChildCommand, CommandOf } from '../../src/domain/child-record/commands.js';
import { decide } from '../../src/domain/child-record/decide.js';
import { foldChildRecord } from '../../src/domain/child-record/decider.js';
import type { ChildEvent, ChildEventData, ChildEventType, NewChildEvent } from '../../src/domain/child-record/events.js';
import type { ChildRecord } from '../../src/domain/child-record/state.js';
import type { Role } from '../../src/domain/roles.js';
import type { Actor } from '../../src/ledger/envelope.js';

// ---------------------------------------------------------------------------------------------
// Actors (as a verified token would carry them)
// ---------------------------------------------------------------------------------------------

const actor = (role: Role, id: string, displayName: string, organisation: string): Actor => ({ id, displayName, role, organisation });

// Tokens name an LA by its DfE code, as the child's laCode does.
export const laOfficer = actor('la_officer', 'la-officer-1', 'Casey Caseworker', '202');
export const senco = actor('senco', 'senco-1', 'Sam Senco', 'Hillside Primary School');
export const headteacher = actor('headteacher', 'head-1', 'Harper Head', 'Hillside Primary School');
export const parent = actor('parent_carer', 'parent-1', 'Pat Parent', 'Family');
export const educationalPsychologist = actor('educational_psychologist', 'ep-1', 'Elliot EP', 'Camden EP Service');
export const tribunal = actor('tribunal', 'tribunal-1', 'First-tier Tribunal clerk', 'HMCTS');

// ---------------------------------------------------------------------------------------------
// Envelope facts
// ---------------------------------------------------------------------------------------------

/** `'2025-03-01'` becomes `'2025-03-01T09:00:00.000Z'`; a full date-time is kept as given. */
export const at = (on: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(on) ? `${on}T09:00:00.000Z` : on);

/** Calendar-day arithmetic on YYYY-MM-DD, in UTC. */
export const plusDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

let eventSequence = 0;
/** Deterministic, valid (v4-shaped) UUIDs for event ids, distinct from the fixtures' domain ids. */
export const nextEventId = (): string => `e0000000-0000-4000-8000-${(++eventSequence).toString(16).padStart(12, '0')}`;

export interface When {
  /** The claimed date (YYYY-MM-DD, 09:00 UTC) or an ISO date-time. */
  on: string;
  by: Actor;
}

/** An event as the store would hand it to the fold: data plus envelope facts. */
export function recorded<T extends ChildEventType>(
  type: T,
  data: ChildEventData<T>,
  { on, by, eventId = nextEventId(), recordedAt }: When & { eventId?: string; recordedAt?: string },
): ChildEvent {
  return { type, data, eventId, occurredAt: at(on), recordedAt: recordedAt ?? at(on), actor: by } as ChildEvent;
}

/** A command as the command handler builds it for the decider. */
export function command<T extends ChildEventType>(type: T, data: ChildEventData<T>, { on, by }: When): CommandOf<T> {
  return { record: type, data, actor: by, occurredAt: at(on) } as unknown as CommandOf<T>;
}

/** What `decide` is expected to emit for a command: its type and (possibly normalised) data. */
export const emitted = <T extends ChildEventType>(type: T, data: ChildEventData<T>): NewChildEvent => ({ type, data }) as NewChildEvent;

/** The command that would have produced a recorded event (same type, data, actor and claimed time). */
export const asCommand = (event: ChildEvent): ChildCommand =>
  ({ record: event.type, data: event.data, actor: event.actor, occurredAt: event.occurredAt }) as ChildCommand;

/** Decide each command on the history so far and append what it emits, as the command handler would. */
export function afterCommands(history: readonly ChildEvent[], ...commands: ChildCommand[]): ChildEvent[] {
  const events = [...history];
  for (const next of commands) {
    for (const decided of decide(next, foldChildRecord(events))) {
      events.push({ ...decided, eventId: nextEventId(), occurredAt: next.occurredAt, recordedAt: next.occurredAt, actor: next.actor } as ChildEvent);
    }
  }
  return events;
}

// ---------------------------------------------------------------------------------------------
// given / when / then
// ---------------------------------------------------------------------------------------------

export interface ExpectedRefusal {
  /** The stable rule id (RuleViolation only). */
  rule?: string;
  /** The input field named by the refusal (RuleViolation only); pass `undefined` to assert there is none. */
  field?: string | undefined;
}

type ErrorClass<E extends Error> = new (...args: never[]) => E;

export interface WhenStep {
  /** The events decide emits, compared with toEqual. Also checks decide left its state untouched. */
  then(expected: NewChildEvent[]): NewChildEvent[];
  /** decide refuses with this error class (and rule / field, when given). Returns the error. */
  thenThrows<E extends Error>(errorClass: ErrorClass<E>, expected?: ExpectedRefusal): E;
}

export interface GivenStep {
  when(command: ChildCommand): WhenStep;
  /** The record the given events fold to. */
  readonly state: ChildRecord;
}

export function given(...history: ChildEvent[]): GivenStep {
  const state = foldChildRecord(history);
  return {
    state,
    when(cmd: ChildCommand): WhenStep {
      return {
        then(expected) {
          const before = structuredClone(state);
          const actual = decide(cmd, state);
          expect(actual).toEqual(expected);
          expect(state, 'decide must not change the state it is given').toEqual(before);
          return actual;
        },
        thenThrows<E extends Error>(errorClass: ErrorClass<E>, expected: ExpectedRefusal = {}): E {
          let outcome: { threw: true; error: unknown } | { threw: false; events: NewChildEvent[] };
          try {
            outcome = { threw: false, events: decide(cmd, state) };
          } catch (error) {
            outcome = { threw: true, error };
          }
          if (!outcome.threw) {
            expect.fail(`expected ${errorClass.name} but decide emitted ${JSON.stringify(outcome.events.map((e) => e.type))}`);
          }
          const error = outcome.error;
          expect(error).toBeInstanceOf(errorClass);
          const keys = Object.keys(expected) as Array<keyof ExpectedRefusal>;
          if (keys.length > 0) {
            const actual = Object.fromEntries(keys.map((key) => [key, (error as Partial<Record<keyof ExpectedRefusal, string>>)[key]]));
            expect(actual, `refusal: ${(error as Error).message}`).toEqual(expected);
          }
          return error as E;
        },
      };
    },
  };
}
