import { randomUUID } from 'node:crypto';
import { localOfferAccountabilityFor } from '../../application/local-offer-accountability.js';
import { recordLocalOfferEntry } from '../../application/record-local-offer-entry.js';
import { LOCAL_OFFER_EVENT_SCHEMAS, type LocalOfferEventType } from '../../domain/local-offer/events.js';
import { ChildScope } from '../../application/children-in-scope.js';
import { requireActor, requireReader, type RequestContext } from './context.js';
import { badInputFrom } from './errors.js';
import { ledgerEntryView } from './ledger-entry-view.js';
import { EntryOptionsSchema, withoutNulls } from './mutations.js';
import { pagedField } from './connections.js';

/** One row per Local Offer decision; each records one entry in the LA's `local-offer-<code>` stream. */
const LOCAL_OFFER_MUTATIONS: Record<string, { record: LocalOfferEventType; newId?: string; subject?: string }> = {
  listLocalOfferService: { record: 'LocalOfferServiceListed', newId: 'serviceId' },
  updateLocalOfferService: { record: 'LocalOfferServiceUpdated', subject: 'serviceId' },
  withdrawLocalOfferService: { record: 'LocalOfferServiceWithdrawn', subject: 'serviceId' },
  checkLocalOfferService: { record: 'LocalOfferServiceChecked', newId: 'checkId' },
  commentOnLocalOffer: { record: 'LocalOfferCommentReceived', newId: 'commentId' },
  publishLocalOfferResponse: { record: 'LocalOfferResponsePublished', newId: 'responseId' },
};

type Args = { laCode: string; input: Record<string, unknown>; options?: Record<string, unknown> | null };

export const localOfferMutationResolvers = Object.fromEntries(
  Object.entries(LOCAL_OFFER_MUTATIONS).map(([name, spec]) => [
    name,
    async (_root: unknown, args: Args, context: RequestContext) => {
      const actor = requireActor(context);
      const options = EntryOptionsSchema.safeParse(withoutNulls(args.options ?? {}));
      if (!options.success) throw badInputFrom(options.error, 'options');
      const data = withoutNulls(args.input) as Record<string, unknown>;
      if (spec.newId && data[spec.newId] === undefined) data[spec.newId] = randomUUID();
      const parsed = LOCAL_OFFER_EVENT_SCHEMAS[spec.record].safeParse(data);
      if (!parsed.success) throw badInputFrom(parsed.error, 'input');
      const recorded = await recordLocalOfferEntry(context.services, args.laCode, actor, spec.record, parsed.data as never, {
        ...options.data,
        correlationId: context.correlationId,
        causationId: context.requestId,
      });
      const key = spec.newId ?? spec.subject;
      return { ...recorded, subjectId: key ? (recorded.entries[0]?.data[key] ?? null) : null, entries: recorded.entries.map(ledgerEntryView) };
    },
  ]),
);

const LaCode = ChildScope.shape.laCode.unwrap();

export const localOfferQueryResolvers = {
  async localOfferAccountability(_root: unknown, args: { laCode: string; from: string; to: string }, context: RequestContext) {
    const reader = requireReader(context);
    const laCode = LaCode.safeParse(args.laCode);
    if (!laCode.success) throw badInputFrom(laCode.error, 'laCode');
    const report = await localOfferAccountabilityFor(context.services, reader, laCode.data, args.from, args.to);
    const byService = (row: { serviceId: string }) => [row.serviceId];
    return {
      ...report,
      services: pagedField('local-offer-service', report.services, byService),
      promisedButNeverEvidenced: pagedField('local-offer-service', report.promisedButNeverEvidenced, byService),
      unchecked: pagedField('local-offer-service', report.unchecked, byService),
      // The day a comment was received and its id are fixed when it is recorded.
      comments: pagedField('local-offer-comment', report.comments, (comment) => [comment.receivedOn, comment.commentId]),
    };
  },
};
