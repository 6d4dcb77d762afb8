import type { LedgerEntry } from '../../ledger/envelope.js';
import type { Decider } from '../decider.js';
import type { LocalOfferCommand } from './commands.js';
import { decide } from './decide.js';
import { evolve } from './evolve.js';
import type { LocalOfferEvent, NewLocalOfferEvent } from './events.js';
import { initialLocalOffer, type LocalOffer } from './state.js';

export const localOfferDecider: Decider<LocalOfferCommand, LocalOfferEvent, LocalOffer, NewLocalOfferEvent> = {
  decide,
  evolve,
  initialState: initialLocalOffer,
};

export { foldLocalOffer } from './evolve.js';

/** Ledger entries of a Local Offer stream as the domain sees them. */
export const toLocalOfferEvent = (entry: LedgerEntry): LocalOfferEvent =>
  ({
    type: entry.type,
    data: entry.data,
    eventId: entry.eventId,
    occurredAt: entry.metadata.occurredAt,
    recordedAt: entry.metadata.recordedAt,
    actor: entry.metadata.actor,
  }) as LocalOfferEvent;
