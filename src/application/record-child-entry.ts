import type { ZodType } from 'zod';
import { childRecordDecider, foldChildRecord, toChildEvent } from '../domain/child-record/decider.js';
import type { ChildCommand } from '../domain/child-record/commands.js';
import { CHILD_EVENT_SCHEMAS, CHILD_EVENT_SCHEMA_VERSION, childStreamId, type ChildEventData, type ChildEventType } from '../domain/child-record/events.js';
import { NotFound } from '../domain/errors.js';
import type { Actor, LedgerEntry } from '../ledger/envelope.js';
import { appendDecision, claimedTime, validEntryData, type EntryOptions, type LedgerDependencies } from './append-decision.js';

export type { EntryOptions, LedgerDependencies } from './append-decision.js';

export interface RecordedEntries {
  childId: string;
  streamRevision: number;
  entries: LedgerEntry[];
  deduplicated: boolean;
}

/** Record one decision or fact in a child's record (`child-<uuid>`), judged by the child record decider. */
export async function recordChildEntry<T extends ChildEventType>(
  deps: LedgerDependencies,
  childId: string,
  actor: Actor,
  record: T,
  data: ChildEventData<T>,
  options: EntryOptions,
): Promise<RecordedEntries> {
  const occurredAt = claimedTime(options.occurredAt, deps.clock());
  const valid = validEntryData(CHILD_EVENT_SCHEMAS[record] as unknown as ZodType<ChildEventData<T>>, record, data);
  const appended = await appendDecision(
    deps,
    childStreamId(childId),
    actor,
    { ...options, occurredAt },
    (entries) => {
      if (entries.length === 0 && record !== 'ChildRegistered') throw new NotFound('child');
      const state = foldChildRecord(entries.map(toChildEvent));
      return childRecordDecider.decide({ record, data: valid, actor, occurredAt } as ChildCommand, state);
    },
    CHILD_EVENT_SCHEMA_VERSION,
  );
  return { childId, ...appended };
}
