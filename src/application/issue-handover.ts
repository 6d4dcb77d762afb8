import { randomUUID } from 'node:crypto';
import { buildHandoverPack, packHash } from '../../projections/handover-pack.js';
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
 * Cut the pack at the child's current revision and record HandoverIssued with the pack's hash and
 * every open promise. The append expects that same revision, so nothing recorded after the cut can
 * slip in unhanded: a later entry turns this into a conflict and the pack is cut again.
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
  const pack = buildHandoverPack(entries);
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
    { ...options, expectedRevision: options.expectedRevision ?? pack.cutAt.streamRevision },
  );
}
