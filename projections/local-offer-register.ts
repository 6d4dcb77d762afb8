import { toLocalOfferEvent } from '../src/domain/local-offer/decider.js';
import { evolve } from '../src/domain/local-offer/evolve.js';
import { isLocalOfferEventType, laCodeOfStream, type LocalOfferEvent } from '../src/domain/local-offer/events.js';
import type { LocalOffer } from '../src/domain/local-offer/state.js';
import type { DocumentProjection, DocumentWriter } from '../src/read-models/read-model-store.js';

/** Collections of the Local Offer register: one document per service, comment and response. */
export const SERVICES = 'service';
export const COMMENTS = 'comment';
export const RESPONSES = 'response';

type Part = keyof LocalOffer;
const COLLECTION: Record<Part, string> = { services: SERVICES, comments: COMMENTS, responses: RESPONSES };

export const laTag = (laCode: string) => `la:${laCode}`;
/** Ids are unique only within one LA's stream, so documents are keyed by LA as well. */
export const documentKey = (laCode: string, id: string) => `${laCode}:${id}`;

/** The documents an entry changes. */
function touched(event: LocalOfferEvent): Record<Part, string[]> {
  const none = { services: [], comments: [], responses: [] };
  switch (event.type) {
    case 'LocalOfferServiceListed':
    case 'LocalOfferServiceUpdated':
    case 'LocalOfferServiceWithdrawn':
    case 'LocalOfferServiceChecked':
      return { ...none, services: [event.data.serviceId] };
    case 'LocalOfferCommentReceived':
      return { ...none, comments: [event.data.commentId] };
    case 'LocalOfferResponsePublished':
      return { ...none, comments: event.data.commentIds, responses: [event.data.responseId] };
  }
}

/**
 * Each LA's Local Offer as the register behind the accountability report: services (listing,
 * updates, withdrawal, checks, current terms), comments (received, topic, service, answer) and
 * responses. The documents are the decider's own state, folded a document at a time with the
 * domain's `evolve`, so the register and the decider cannot disagree about what an entry means.
 */
export const localOfferRegister: DocumentProjection = {
  name: 'local-offer-register',
  // 2: what a service's or comment's lists gain is stored as items appended to them (src/read-models/appended-items.ts).
  version: 2,
  apply(entry, documents) {
    const laCode = laCodeOfStream(entry.streamId);
    if (laCode === null || !isLocalOfferEventType(entry.type)) return;
    const event = toLocalOfferEvent(entry);
    const ids = touched(event);
    const parts = Object.keys(COLLECTION) as Part[];
    const load = (part: Part) =>
      Object.fromEntries(ids[part].flatMap((id) => {
        const doc = documents.get(COLLECTION[part], documentKey(laCode, id));
        return doc === undefined ? [] : [[id, doc]];
      }));
    const before = Object.fromEntries(parts.map((part) => [part, load(part)])) as unknown as LocalOffer;
    const after = evolve(before, event);
    for (const part of parts) save(documents, laCode, COLLECTION[part], ids[part], after[part]);
  },
};

function save(documents: DocumentWriter, laCode: string, collection: string, ids: string[], docs: Record<string, unknown>): void {
  for (const id of ids) {
    const doc = docs[id];
    if (doc !== undefined) documents.put(collection, documentKey(laCode, id), doc, [laTag(laCode)]);
  }
}
