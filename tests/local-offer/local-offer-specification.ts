/**
 * Given/when/then for the Local Offer decider, as tests/domain/decider-specification.ts is for the
 * child record: given events are folded with `foldLocalOffer`, as the command handler does.
 */
import { expect } from 'vitest';
import type { LocalOfferCommandOf } from '../../src/domain/local-offer/commands.js';
import { decide } from '../../src/domain/local-offer/decide.js';
import { foldLocalOffer } from '../../src/domain/local-offer/decider.js';
import type { LocalOfferEvent, LocalOfferEventData, LocalOfferEventType, NewLocalOfferEvent } from '../../src/domain/local-offer/events.js';
import type { LocalOfferCommand } from '../../src/domain/local-offer/commands.js';
import type { Role } from '../../src/domain/roles.js';
import type { Actor } from '../../src/ledger/envelope.js';
import { at, nextEventId, type ExpectedRefusal } from '../domain/decider-specification.js';

const actor = (role: Role, id: string, displayName: string, organisation: string): Actor => ({ id, displayName, role, organisation });

/** The Local Offer under test is Camden's (202). */
export const LA = '202';
export const laOfficer = actor('la_officer', 'la-officer-1', 'Casey Caseworker', LA);
export const otherLaOfficer = actor('la_officer', 'la-officer-9', 'Morgan Elsewhere', '380');
export const inspector = actor('inspector', 'inspector-1', 'Ira Inspector', 'Ofsted');
export const parent = actor('parent_carer', 'parent-1', 'Pat Parent', 'Family');
export const senco = actor('senco', 'senco-1', 'Sam Senco', 'Hillside Primary School');

export interface When { on: string; by: Actor }

export function recorded<T extends LocalOfferEventType>(type: T, data: LocalOfferEventData<T>, { on, by }: When): LocalOfferEvent {
  return { type, data, eventId: nextEventId(), occurredAt: at(on), recordedAt: at(on), actor: by } as LocalOfferEvent;
}

export function command<T extends LocalOfferEventType>(type: T, data: LocalOfferEventData<T>, { on, by }: When, laCode = LA): LocalOfferCommandOf<T> {
  return { record: type, data, actor: by, occurredAt: at(on), laCode } as LocalOfferCommandOf<T>;
}

export const emitted = <T extends LocalOfferEventType>(type: T, data: LocalOfferEventData<T>): NewLocalOfferEvent => ({ type, data }) as NewLocalOfferEvent;

type ErrorClass<E extends Error> = new (...args: never[]) => E;

export function given(...history: LocalOfferEvent[]) {
  const state = foldLocalOffer(history);
  return {
    state,
    when(cmd: LocalOfferCommand) {
      return {
        then(expected: NewLocalOfferEvent[]) {
          const before = structuredClone(state);
          expect(decide(cmd, state)).toEqual(expected);
          expect(state, 'decide must not change the state it is given').toEqual(before);
        },
        thenThrows<E extends Error>(errorClass: ErrorClass<E>, expected: ExpectedRefusal = {}): E {
          let error: unknown;
          let events: NewLocalOfferEvent[] | undefined;
          try {
            events = decide(cmd, state);
          } catch (caught) {
            error = caught;
          }
          if (events) expect.fail(`expected ${errorClass.name} but decide emitted ${JSON.stringify(events.map((e) => e.type))}`);
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
