import type { ZodType } from 'zod';
import { laCode as laCodeSchema } from '../domain/child-record/vocabulary.js';
import { RuleViolation } from '../domain/errors.js';
import type { LocalOfferCommand } from '../domain/local-offer/commands.js';
import { foldLocalOffer, localOfferDecider, toLocalOfferEvent } from '../domain/local-offer/decider.js';
import {
  LOCAL_OFFER_EVENT_SCHEMAS, LOCAL_OFFER_EVENT_SCHEMA_VERSION, localOfferStreamId, type LocalOfferEventData, type LocalOfferEventType,
} from '../domain/local-offer/events.js';
import type { Actor, LedgerEntry } from '../ledger/envelope.js';
import { appendDecision, claimedTime, validEntryData, type EntryOptions, type LedgerDependencies } from './append-decision.js';

export interface RecordedLocalOfferEntries {
  laCode: string;
  streamRevision: number;
  entries: LedgerEntry[];
  deduplicated: boolean;
}

/** Record one entry in an LA's Local Offer (`local-offer-<LA code>`), judged by the Local Offer decider. */
export async function recordLocalOfferEntry<T extends LocalOfferEventType>(
  deps: LedgerDependencies,
  laCode: string,
  actor: Actor,
  record: T,
  data: LocalOfferEventData<T>,
  options: EntryOptions,
): Promise<RecordedLocalOfferEntries> {
  if (!laCodeSchema().safeParse(laCode).success) {
    throw new RuleViolation('invalid-la-code', 'laCode must be a three-digit DfE local authority code, e.g. "202"', 'laCode');
  }
  const occurredAt = claimedTime(options.occurredAt, deps.clock());
  const valid = validEntryData(LOCAL_OFFER_EVENT_SCHEMAS[record] as unknown as ZodType<LocalOfferEventData<T>>, record, data);
  const appended = await appendDecision(
    deps,
    localOfferStreamId(laCode),
    actor,
    { ...options, occurredAt },
    (entries) =>
      localOfferDecider.decide({ laCode, record, data: valid, actor, occurredAt } as LocalOfferCommand, foldLocalOffer(entries.map(toLocalOfferEvent))),
    LOCAL_OFFER_EVENT_SCHEMA_VERSION,
  );
  return { laCode, ...appended };
}
