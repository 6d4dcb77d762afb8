import { toChildEvent } from '../src/domain/child-record/decider.js';
import type { ChildEvent } from '../src/domain/child-record/events.js';
import type { LedgerEntry } from '../src/ledger/envelope.js';

export interface ProvisionHistory {
  provisionId: string;
  childId: string;
  /** Every entry about this provision line, in log order, including corrections of them. */
  events: ChildEvent[];
}

/** Read model behind `promises`: who promised which provision, every later version, and its delivery record. */
export interface PromiseRegister {
  position: number;
  provisions: Map<string, ProvisionHistory>;
  /** Which provision an entry is about, so a correction can be filed with it. */
  provisionOfEntry: Map<string, string>;
  /** Plan cessations, by plan id (what ends a plan's promises). */
  planCessations: Map<string, ChildEvent[]>;
}

export const createPromiseRegister = (): PromiseRegister => ({
  position: 0,
  provisions: new Map(),
  provisionOfEntry: new Map(),
  planCessations: new Map(),
});

const PROVISION_TYPES = new Set(['ProvisionPromised', 'ProvisionVaried', 'ProvisionWithdrawn', 'ProvisionDelivered', 'ShortfallReported']);

/** Fold one entry of the global log into the register. Updates in place: the register is the projection's private state. */
export function projectPromise(register: PromiseRegister, entry: LedgerEntry): PromiseRegister {
  register.position = entry.globalPosition;
  if (!entry.streamId.startsWith('child-')) return register;
  const event = toChildEvent(entry);
  const childId = entry.streamId.slice('child-'.length);

  if (PROVISION_TYPES.has(event.type)) {
    const provisionId = String((event.data as { provisionId: string }).provisionId);
    const history = register.provisions.get(provisionId) ?? { provisionId, childId, events: [] };
    history.events.push(event);
    register.provisions.set(provisionId, history);
    register.provisionOfEntry.set(event.eventId, provisionId);
  } else if (event.type === 'PlanCeased') {
    register.planCessations.set(event.data.planId, [...(register.planCessations.get(event.data.planId) ?? []), event]);
  } else if (event.type === 'EntryCorrected') {
    const provisionId = register.provisionOfEntry.get(event.data.supersedesEventId);
    if (provisionId) register.provisions.get(provisionId)!.events.push(event);
  }
  return register;
}
