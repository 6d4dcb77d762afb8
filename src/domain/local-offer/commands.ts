import type { Actor } from '../../ledger/envelope.js';
import type { LocalOfferEventData, LocalOfferEventType } from './events.js';

/**
 * A command asks to record one entry in an LA's Local Offer. It names the LA, so the decider can
 * tell that LA's own officers from everyone else's; ids are chosen before the decider sees it.
 */
export type LocalOfferCommand = {
  [T in LocalOfferEventType]: { record: T; data: LocalOfferEventData<T>; actor: Actor; occurredAt: string; laCode: string };
}[LocalOfferEventType];

export type LocalOfferCommandOf<T extends LocalOfferEventType> = Extract<LocalOfferCommand, { record: T }>;
