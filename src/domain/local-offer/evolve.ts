import type { RecordedBy } from '../child-record/state.js';
import type { LocalOfferEvent } from './events.js';
import { initialLocalOffer, type ListedService, type LocalOffer } from './state.js';

const by = (event: LocalOfferEvent): RecordedBy => ({ eventId: event.eventId, on: event.occurredAt, actor: event.actor });

/**
 * Fold one entry into the Local Offer. Pure, and it touches only the service, comments or response
 * the entry names, so the register can fold a document at a time with this same function.
 */
export function evolve(offer: LocalOffer, event: LocalOfferEvent): LocalOffer {
  switch (event.type) {
    case 'LocalOfferServiceListed': {
      const { serviceId, directoryId, ...terms } = event.data;
      const service: ListedService = {
        serviceId, ...(directoryId === undefined ? {} : { directoryId }), terms, status: 'listed', listed: by(event), updates: [], checks: [],
      };
      return { ...offer, services: { ...offer.services, [serviceId]: service } };
    }
    case 'LocalOfferServiceUpdated':
      return updateService(offer, event.data.serviceId, (service) => ({
        ...service,
        terms: { ...service.terms, ...event.data.changes },
        updates: [...service.updates, { ...by(event), changes: event.data.changes, reason: event.data.reason }],
      }));
    case 'LocalOfferServiceWithdrawn':
      return updateService(offer, event.data.serviceId, (service) => ({ ...service, status: 'withdrawn', withdrawn: { ...by(event), reason: event.data.reason } }));
    case 'LocalOfferServiceChecked': {
      const { serviceId: _serviceId, ...check } = event.data;
      return updateService(offer, event.data.serviceId, (service) => ({ ...service, checks: [...service.checks, { ...check, ...by(event) }] }));
    }
    case 'LocalOfferCommentReceived':
      return { ...offer, comments: { ...offer.comments, [event.data.commentId]: { ...event.data, received: { eventId: event.eventId, on: event.occurredAt } } } };
    case 'LocalOfferResponsePublished': {
      const answered = { responseId: event.data.responseId, on: event.occurredAt };
      const comments = { ...offer.comments };
      for (const commentId of event.data.commentIds) {
        const comment = comments[commentId];
        if (comment) comments[commentId] = { ...comment, answered };
      }
      return { ...offer, comments, responses: { ...offer.responses, [event.data.responseId]: { ...event.data, published: by(event) } } };
    }
  }
}

function updateService(offer: LocalOffer, serviceId: string, change: (service: ListedService) => ListedService): LocalOffer {
  const service = offer.services[serviceId];
  return service ? { ...offer, services: { ...offer.services, [serviceId]: change(service) } } : offer;
}

export const foldLocalOffer = (events: readonly LocalOfferEvent[]): LocalOffer => events.reduce(evolve, initialLocalOffer());
