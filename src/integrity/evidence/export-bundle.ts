import { randomUUID } from 'node:crypto';
import { newEventId } from '../../ledger/event-id.js';
import { childStreamId } from '../../domain/child-record/events.js';
import type { Actor, JsonObject } from '../../ledger/envelope.js';
import { renderChronologyPdf } from '../../reports/chronology-pdf.js';
import { ANY, type EventStore } from '../../store/port.js';
import { readLogLeaves } from '../log-leaves.js';
import { inclusionProof } from '../merkle/index.js';
import type { SigningKey } from '../signing-key.js';
import { publishTreeHead } from '../tree-heads.js';
import { BUNDLE_FORMAT, HOW_TO_VERIFY, type EvidenceBundle } from './bundle.js';

/** Every export is itself recorded: who exported which child's record, when, and for what purpose. */
export const EVIDENCE_EXPORT_STREAM = 'evidence-exports';

export interface ExportDependencies {
  store: EventStore;
  clock: () => Date;
  signingKey: SigningKey;
  lateThresholdDays: number;
}

/** Cut a signed tree head now, prove every entry of the child's stream into it, and record the export. */
export async function exportEvidenceBundle(
  deps: ExportDependencies,
  childId: string,
  actor: Actor,
  purpose: string,
  /** Only entries up to this stream revision: what a reader whose relationship has ended may export. */
  upToRevision: number | null = null,
): Promise<EvidenceBundle | null> {
  const { store } = deps;
  if ((await store.streamHead(childStreamId(childId))) === null) return null;
  const head = await publishTreeHead(store, deps.signingKey, deps.clock);
  const { leaves, indexOf } = await readLogLeaves(store, head.treeSize);
  const trail = (await store.readStream(childStreamId(childId))).filter(
    (e) => (indexOf.get(e.eventId) ?? Infinity) < head.treeSize && (upToRevision === null || e.streamRevision <= upToRevision),
  );
  const exportId = randomUUID();
  const exportedAt = deps.clock().toISOString();
  const bundle: EvidenceBundle = {
    format: BUNDLE_FORMAT,
    exportId,
    childId,
    purpose,
    exportedAt,
    exportedBy: actor,
    treeHead: head,
    publicKeyPem: deps.signingKey.publicKeyPem,
    entries: trail.map((entry) => ({
      leafIndex: indexOf.get(entry.eventId)!,
      globalPosition: entry.globalPosition,
      streamId: entry.streamId,
      streamRevision: entry.streamRevision,
      eventId: entry.eventId,
      type: entry.type,
      canonical: entry.canonical,
      previousHash: entry.previousHash,
      hash: entry.hash,
      inclusionProof: inclusionProof(leaves, indexOf.get(entry.eventId)!).map((h) => h.toString('hex')),
    })),
    chronologyPdf: (await renderChronologyPdf(childId, trail, head, deps.lateThresholdDays)).toString('base64'),
    howToVerify: HOW_TO_VERIFY,
  };
  const data = { exportId, childId, purpose, treeSize: head.treeSize, rootHash: head.rootHash, keyId: head.keyId, entries: bundle.entries.length };
  await store.append(
    EVIDENCE_EXPORT_STREAM,
    [{ eventId: newEventId(), type: 'EvidenceBundleExported', schemaVersion: 1, data: data as JsonObject, metadata: { actor, occurredAt: exportedAt, correlationId: exportId, causationId: exportId } }],
    ANY,
  );
  return bundle;
}
