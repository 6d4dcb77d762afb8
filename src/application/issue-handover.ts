import { randomUUID } from 'node:crypto';
import { buildHandoverPack, packHash } from '../../projections/handover-pack.js';
import { englandDateOf } from '../domain/calendar/iso-date.js';
import { claimedTime } from './append-decision.js';
import { childStreamId } from '../domain/child-record/events.js';
import { NotFound } from '../domain/errors.js';
import type { Actor } from '../ledger/envelope.js';
import { recordChildEntry, type EntryOptions, type LedgerDependencies, type RecordedEntries } from './record-child-entry.js';

export interface HandoverRequest {
  handoverId?: string;
  transitionId?: string;
  toSetting: { name: string; urn?: string };
}

/**
 * Cut the pack at the child's current revision, as of the handover's date, and record HandoverIssued with the
 * pack's hash and the promises open that day (the decider checks the list by the same rule). The append expects
 * that same revision, so nothing recorded after the cut can slip in unhanded: a later entry turns this into a
 * conflict and the pack is cut again.
 */
export async function issueHandover(
  deps: LedgerDependencies,
  childId: string,
  actor: Actor,
  request: HandoverRequest,
  options: EntryOptions,
): Promise<RecordedEntries> {
  const entries = await deps.store.readStream(childStreamId(childId));
  if (entries.length === 0) throw new NotFound('child');
  // The pack speaks for the day the handover claims: the same day its entry is recorded with, and checked against.
  const occurredAt = claimedTime(options.occurredAt, deps.clock());
  const pack = buildHandoverPack(entries, englandDateOf(occurredAt));
  return recordChildEntry(
    deps,
    childId,
    actor,
    'HandoverIssued',
    {
      handoverId: request.handoverId ?? randomUUID(),
      ...(request.transitionId ? { transitionId: request.transitionId } : {}),
      toSetting: request.toSetting,
      cutAtRevision: pack.cutAt.streamRevision,
      cutAtHash: pack.cutAt.hash,
      packHash: packHash(pack),
      openProvisionIds: pack.openPromises.map((p) => p.provisionId),
    },
    { ...options, occurredAt, expectedRevision: options.expectedRevision ?? pack.cutAt.streamRevision },
  );
}
