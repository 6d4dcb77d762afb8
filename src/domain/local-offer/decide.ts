import type { LocalOfferCommand, LocalOfferCommandOf } from './commands.js';
import type { LocalOfferEventType, NewLocalOfferEvent } from './events.js';
import type { LocalOffer } from './state.js';
import * as feedback from './rules/feedback-rules.js';
import * as service from './rules/service-rules.js';

/** The rule that guards each kind of entry, one place per entry type. A rule throws to refuse. */
type Rule<T extends LocalOfferEventType> = (command: LocalOfferCommandOf<T>, offer: LocalOffer) => void;
const RULES: { [T in LocalOfferEventType]: Rule<T> } = {
  LocalOfferServiceListed: service.serviceListed,
  LocalOfferServiceUpdated: service.serviceUpdated,
  LocalOfferServiceWithdrawn: service.serviceWithdrawn,
  LocalOfferServiceChecked: service.serviceChecked,
  LocalOfferCommentReceived: feedback.commentReceived,
  LocalOfferResponsePublished: feedback.responsePublished,
};

export function decide(command: LocalOfferCommand, offer: LocalOffer): NewLocalOfferEvent[] {
  (RULES[command.record] as Rule<typeof command.record>)(command as never, offer);
  return [{ type: command.record, data: command.data } as NewLocalOfferEvent];
}
