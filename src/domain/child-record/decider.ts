import type { LedgerEntry } from '../../ledger/envelope.js';
import type { Decider } from '../decider.js';
import type { ChildCommand } from './commands.js';
import { decide } from './decide.js';
import { evolve } from './evolve.js';
import type { ChildEvent, NewChildEvent } from './events.js';
import { initialChildRecord, type ChildRecord } from './state.js';

export const childRecordDecider: Decider<ChildCommand, ChildEvent, ChildRecord, NewChildEvent> = {
  decide,
  evolve,
  initialState: initialChildRecord,
};

export { foldChildRecord } from './evolve.js';

/** Ledger entries of a child stream as the domain sees them (the envelope's legal facts kept, the rest dropped). */
export const toChildEvent = (entry: LedgerEntry): ChildEvent =>
  ({
    type: entry.type,
    data: entry.data,
    eventId: entry.eventId,
    occurredAt: entry.metadata.occurredAt,
    recordedAt: entry.metadata.recordedAt,
    actor: entry.metadata.actor,
  }) as ChildEvent;
