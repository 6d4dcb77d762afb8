import type { ZodType } from 'zod';
import { childRecordDecider } from '../domain/child-record/decider.js';
import { foldedRecordOf } from './record-views.js';
import type { ChildCommand } from '../domain/child-record/commands.js';
import { CHILD_EVENT_SCHEMAS, CHILD_EVENT_SCHEMA_VERSION, childStreamId, type ChildEventData, type ChildEventType } from '../domain/child-record/events.js';
import { authoriseRecording } from '../domain/access/write-permissions.js';
import { NotFound } from '../domain/errors.js';
import type { ChildRecord } from '../domain/child-record/state.js';
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
  // Folded once per stream revision (record-views.ts): the access check and the decider judge the same record.
  let folded: { entries: LedgerEntry[]; state: ChildRecord } | null = null;
  const stateOf = (entries: LedgerEntry[]) => {
    if (folded?.entries !== entries) folded = { entries, state: foldedRecordOf(entries) };
    return folded.state;
  };
  const appended = await appendDecision(
    deps,
    childStreamId(childId),
    actor,
    { ...options, occurredAt },
    (entries) => childRecordDecider.decide({ record, data: valid, actor, occurredAt } as ChildCommand, stateOf(entries)),
    CHILD_EVENT_SCHEMA_VERSION,
    (entries) => {
      if (entries.length === 0 && record !== 'ChildRegistered') throw new NotFound('child');
      // A retry of what this actor already recorded gets its answer back, whatever has changed since.
      const key = options.idempotencyKey;
      if (key !== undefined && entries.some((e) => e.metadata.idempotencyKey === key && e.metadata.actor.id === actor.id)) return;
      authoriseRecording(stateOf(entries), actor, record, valid, deps.clock());
    },
  );
  return { childId, ...appended };
}
