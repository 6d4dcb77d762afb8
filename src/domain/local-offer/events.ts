import { z } from 'zod';
import { AREAS_OF_NEED, id, person, text } from '../child-record/vocabulary.js';
import type { Actor } from '../../ledger/envelope.js';
import { CHECK_FINDINGS, COMMENT_CHANNELS, COMMENT_TOPICS, SERVICE_CATEGORIES, ageRange, anonymised, distinct } from './vocabulary.js';

/** What the Local Offer says about a service (Regs 53 and Sched. 2: who it is for, eligibility, what it offers). */
export const serviceTerms = z.object({
  name: text(200),
  provider: text(200),
  description: text(4000),
  eligibility: text(2000),
  ageRange: ageRange(),
  areasOfNeed: z
    .array(z.enum(AREAS_OF_NEED, { error: `must be one of ${AREAS_OF_NEED.join(', ')}` }))
    .min(1, 'must name at least one area of need')
    .refine(distinct, { error: 'must not name an area twice' }),
  category: z.enum(SERVICE_CATEGORIES, { error: `must be one of ${SERVICE_CATEGORIES.join(', ')}` }),
});

/**
 * One zod schema per entry type of an LA's Local Offer stream (`local-offer-<LA code>`).
 * Every entry is schema version 1.
 */
export const LOCAL_OFFER_EVENT_SCHEMAS = {
  LocalOfferServiceListed: serviceTerms.extend({
    serviceId: id(),
    /**
     * The service's identifier in the LA's own service directory (Open Referral UK), kept exactly as the
     * directory spells it, when that identifier is not itself a UUID the ledger can use as serviceId.
     * An export gives it back, so the directory and the ledger name the same service the same way.
     */
    directoryId: text(500).optional(),
  }),
  LocalOfferServiceUpdated: z.object({ serviceId: id(), changes: serviceTerms.partial(), reason: text() }),
  LocalOfferServiceWithdrawn: z.object({ serviceId: id(), reason: text() }),
  LocalOfferCommentReceived: z.object({
    commentId: id(),
    /** The listed service the comment is about, if it is about one. */
    about: id().optional(),
    topic: z.enum(COMMENT_TOPICS, { error: `must be one of ${COMMENT_TOPICS.join(', ')}` }),
    summary: anonymised(4000),
    channel: z.enum(COMMENT_CHANNELS, { error: `must be one of ${COMMENT_CHANNELS.join(', ')}` }),
  }),
  /** CFA 2014 s.30(6) and Regs 56: the LA's response to comments, with the action it takes. */
  LocalOfferResponsePublished: z.object({
    responseId: id(),
    commentIds: z.array(id()).min(1, 'must answer at least one comment').max(1000).refine(distinct, { error: 'must not name a comment twice' }),
    response: anonymised(8000),
    actionsTaken: anonymised(8000).optional(),
  }),
  LocalOfferServiceChecked: z.object({
    checkId: id(),
    serviceId: id(),
    checkedBy: person(),
    finding: z.enum(CHECK_FINDINGS, { error: `must be one of ${CHECK_FINDINGS.join(', ')}` }),
    notes: text(),
  }),
} as const;

export type LocalOfferEventType = keyof typeof LOCAL_OFFER_EVENT_SCHEMAS;
export type LocalOfferEventData<T extends LocalOfferEventType> = z.output<(typeof LOCAL_OFFER_EVENT_SCHEMAS)[T]>;
export type ServiceTerms = z.output<typeof serviceTerms>;
export const LOCAL_OFFER_EVENT_SCHEMA_VERSION = 1;

/** An entry the decider emits: type and data; the envelope is added by the command handler. */
export type NewLocalOfferEvent = { [T in LocalOfferEventType]: { type: T; data: LocalOfferEventData<T> } }[LocalOfferEventType];

/** An entry as the fold sees it: data plus the envelope facts the law cares about. */
export type LocalOfferEvent = NewLocalOfferEvent & { eventId: string; occurredAt: string; recordedAt: string; actor: Actor };

export const isLocalOfferEventType = (type: string): type is LocalOfferEventType => Object.hasOwn(LOCAL_OFFER_EVENT_SCHEMAS, type);

const STREAM_PREFIX = 'local-offer-';
/** One stream per local authority, named by its three-digit DfE code. */
export const localOfferStreamId = (laCode: string) => `${STREAM_PREFIX}${laCode}`;
/** The LA code of a Local Offer stream, or null for any other stream. */
export const laCodeOfStream = (streamId: string): string | null =>
  streamId.startsWith(STREAM_PREFIX) ? streamId.slice(STREAM_PREFIX.length) : null;
