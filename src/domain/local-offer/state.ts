import type { RecordedBy } from '../child-record/state.js';
import type { LocalOfferEventData, ServiceTerms } from './events.js';

export interface ServiceCheck extends RecordedBy, Omit<LocalOfferEventData<'LocalOfferServiceChecked'>, 'serviceId'> {}

export interface ListedService {
  serviceId: string;
  /** The service's id in the LA's service directory, where it is not the serviceId itself. */
  directoryId?: string;
  /** The terms in force: the listing with every update applied. */
  terms: ServiceTerms;
  status: 'listed' | 'withdrawn';
  listed: RecordedBy;
  updates: Array<RecordedBy & { changes: Partial<ServiceTerms>; reason: string }>;
  withdrawn?: RecordedBy & { reason: string };
  checks: ServiceCheck[];
}

/**
 * A comment as the Local Offer keeps it. Who sent it stays in the ledger entry's envelope only:
 * Regs 56 has comments published in a form that does not identify the person.
 */
export interface ReceivedComment extends LocalOfferEventData<'LocalOfferCommentReceived'> {
  received: { eventId: string; on: string };
  answered?: { responseId: string; on: string };
}

export interface PublishedResponse extends LocalOfferEventData<'LocalOfferResponsePublished'> {
  published: RecordedBy;
}

/** One LA's Local Offer as its entries say it is: what the decider guards and the register stores. */
export interface LocalOffer {
  services: Record<string, ListedService>;
  comments: Record<string, ReceivedComment>;
  responses: Record<string, PublishedResponse>;
}

export const initialLocalOffer = (): LocalOffer => ({ services: {}, comments: {}, responses: {} });
