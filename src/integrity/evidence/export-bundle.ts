import { createHash, randomUUID } from 'node:crypto';
import { CLEARTEXT_CHILD_EVENT_TYPES, ERASED_DATA, childStreamId } from '../../domain/child-record/events.js';
import { canonicalJson } from '../../ledger/canonical-json.js';
import type { Actor, JsonObject, LedgerEntry } from '../../ledger/envelope.js';
import type { ChildKeyStore } from '../../privacy/child-key-store.js';
import { disclosableKey, isSealedData } from '../../privacy/sealed-data.js';
import { checkBundleLimits, renderTribunalBundlePdf, TRIBUNAL_BUNDLE_RENDERER, type LimitFinding } from '../../reports/tribunal-bundle/index.js';
import { ANY, type EventStore } from '../../store/port.js';
import { readLogLeaves } from '../log-leaves.js';
import { inclusionProof } from '../merkle/index.js';
import type { SigningKey } from '../signing-key.js';
import { publishTreeHead } from '../tree-heads.js';
import type { Cosignature, WitnessPolicy } from '../witness/cosignature.js';
import {
  BUNDLE_FORMAT,
  EVIDENCE_EXPORT_STREAM,
  EVIDENCE_EXPORTED,
  type AppealDetails,
  type BundleEntry,
  type BundleManifest,
  type EvidenceBundle,
  type Undisclosed,
} from './bundle.js';
import { bundleVersion } from './bundle-versions.js';
import { verifyEvidenceBundle } from './verifier/verify-evidence-bundle.js';

export { EVIDENCE_EXPORT_STREAM };

export interface ExportDependencies {
  store: EventStore;
  clock: () => Date;
  signingKey: SigningKey;
  /** The children's data keys: an exported entry's own key is derived from its child's. */
  keys: ChildKeyStore;
  lateThresholdDays: number;
  /** Ask the configured witnesses to co-sign a new head; none configured, none asked. */
  askWitnesses?: (head: EvidenceBundle['treeHead']) => Promise<Cosignature[]>;
  witnessPolicy?: WitnessPolicy | null;
}

export interface ExportRequest {
  childId: string;
  actor: Actor;
  purpose: string;
  appeal: AppealDetails | null;
  /** Only entries up to this stream revision: what a reader whose relationship has ended may export. */
  upToRevision: number | null;
}

export interface ExportedBundle {
  bundle: EvidenceBundle;
  pdf: Uint8Array;
  /** What is over the Practice Direction's limits, found before the bundle was signed. */
  findings: LimitFinding[];
}

export interface DraftBundle {
  version: number;
  pages: number;
  findings: LimitFinding[];
}

/**
 * The child's entries as a bundle would hold them: each with the key that discloses it, or the reason none can.
 * Keys are derived from the stored bytes' own key id, so an entry sealed under an earlier key of the child still opens.
 */
async function disclosures(keys: ChildKeyStore, trail: readonly LedgerEntry[]): Promise<{ entryKeys: (string | undefined)[]; undisclosed: Undisclosed[] }> {
  const entryKeys: (string | undefined)[] = [];
  const undisclosed: Undisclosed[] = [];
  for (const entry of trail) {
    const stored = (JSON.parse(entry.canonical) as { data: unknown }).data;
    if (CLEARTEXT_CHILD_EVENT_TYPES.has(entry.type) || !isSealedData(stored)) {
      entryKeys.push(undefined);
      continue;
    }
    const childKey = await keys.find(stored.keyId);
    const key = childKey ? disclosableKey(stored, childKey, entry.eventId, entry.streamId) : null;
    if (key) entryKeys.push(key.toString('base64'));
    else {
      entryKeys.push(undefined);
      undisclosed.push({ revision: entry.streamRevision, reason: childKey ? 'sealed_before_entry_keys' : 'erased' });
    }
  }
  return { entryKeys, undisclosed };
}

/** Everything of the manifest but the export's own id and time, which only an export has. */
async function manifestFor(deps: ExportDependencies, request: ExportRequest, trail: readonly LedgerEntry[], undisclosed: Undisclosed[], compiledAt: string, exportId: string): Promise<BundleManifest> {
  const streamLength = trail.length;
  const throughRevision = request.upToRevision === null ? streamLength - 1 : Math.min(request.upToRevision, streamLength - 1);
  const included = trail.slice(0, throughRevision + 1);
  const previous = await bundleVersion(deps.store, request, included, compiledAt);
  const left = streamLength - 1 - throughRevision;
  return {
    exportId,
    childId: request.childId,
    purpose: request.purpose,
    compiledAt,
    compiledBy: request.actor,
    appeal: request.appeal,
    version: previous.version,
    previousVersion: previous.previousVersion,
    changes: previous.changes,
    streamLength,
    throughRevision,
    omitted:
      left > 0
        ? [{
            fromRevision: throughRevision + 1,
            throughRevision: streamLength - 1,
            reason: 'outside_access',
            explanation: `The last ${left === 1 ? 'entry' : `${left} entries`} of the record ${left === 1 ? 'was' : 'were'} made after ${request.actor.displayName}'s access to the record ended, so ${left === 1 ? 'it is' : 'they are'} not in this bundle.`,
          }]
        : [],
    undisclosed: undisclosed.filter((u) => u.revision <= throughRevision),
    lateThresholdDays: deps.lateThresholdDays,
    renderer: TRIBUNAL_BUNDLE_RENDERER,
    witnessPolicy: deps.witnessPolicy ?? null,
  };
}

/** The entries as a verifier will see them: undisclosed ones with their data erased. */
const asDisclosed = (trail: readonly LedgerEntry[], undisclosed: readonly Undisclosed[]) =>
  trail.map((entry) => (undisclosed.some((u) => u.revision === entry.streamRevision) ? { ...entry, data: { ...ERASED_DATA } as JsonObject } : entry));

/** The bundle as it would be if exported now, unsigned: its version, its pages and what is over the limits. Records nothing. */
export async function draftEvidenceBundle(deps: ExportDependencies, request: ExportRequest): Promise<DraftBundle | null> {
  const trail = await deps.store.readStream(childStreamId(request.childId));
  if (trail.length === 0) return null;
  const { undisclosed } = await disclosures(deps.keys, trail);
  const manifest = await manifestFor(deps, request, trail, undisclosed, deps.clock().toISOString(), 'draft');
  const input = { manifest, entries: asDisclosed(trail.slice(0, manifest.throughRevision + 1), manifest.undisclosed), treeHead: null, cosignatures: [] };
  const { layout } = await renderTribunalBundlePdf(input);
  return { version: manifest.version, pages: layout.totalPages, findings: checkBundleLimits(layout, input) };
}

/**
 * Record the export (its manifest's hash) in the ledger, sign a tree head that covers it and the child's entries,
 * ask the witnesses to co-sign it, prove every entry into it, disclose each entry's own key, and draw the readable
 * bundle from exactly what a verifier will reconstruct, so the two cannot differ.
 */
export async function exportEvidenceBundle(deps: ExportDependencies, request: ExportRequest): Promise<ExportedBundle | null> {
  const { store } = deps;
  const streamId = childStreamId(request.childId);
  const trail = await store.readStream(streamId);
  if (trail.length === 0) return null;
  const { entryKeys, undisclosed } = await disclosures(deps.keys, trail);
  const exportId = randomUUID();
  const compiledAt = deps.clock().toISOString();
  const manifest = await manifestFor(deps, request, trail, undisclosed, compiledAt, exportId);
  const included = trail.slice(0, manifest.throughRevision + 1);

  const manifestSha256 = createHash('sha256').update(canonicalJson(manifest), 'utf8').digest('hex');
  const [exported] = (
    await store.append(
      EVIDENCE_EXPORT_STREAM,
      [{
        eventId: exportId,
        type: EVIDENCE_EXPORTED,
        schemaVersion: 2,
        data: {
          exportId,
          childId: request.childId,
          manifestSha256,
          purpose: request.purpose,
          appealReference: request.appeal?.reference ?? null,
          hearingDate: request.appeal?.hearingDate ?? null,
          version: manifest.version,
          throughRevision: manifest.throughRevision,
        },
        metadata: { actor: request.actor, occurredAt: compiledAt, correlationId: exportId, causationId: exportId },
      }],
      ANY,
    )
  ).entries;

  const head = await publishTreeHead(store, deps.signingKey, deps.clock);
  const { leaves, indexOf } = await readLogLeaves(store, head.treeSize);
  const proofOf = (eventId: string) => inclusionProof(leaves, indexOf.get(eventId)!).map((h) => h.toString('hex'));
  const cosignatures = deps.askWitnesses ? await deps.askWitnesses(head) : [];

  const entries: BundleEntry[] = included.map((entry, i) => ({
    leafIndex: indexOf.get(entry.eventId)!,
    canonical: entry.canonical,
    hash: entry.hash,
    inclusionProof: proofOf(entry.eventId),
    ...(entryKeys[i] === undefined ? {} : { entryKey: entryKeys[i] }),
  }));
  const unsigned: EvidenceBundle = {
    format: BUNDLE_FORMAT,
    manifest,
    exportRecord: { leafIndex: indexOf.get(exported!.eventId)!, canonical: exported!.canonical, inclusionProof: proofOf(exported!.eventId) },
    treeHead: head,
    publicKeyPem: deps.signingKey.publicKeyPem,
    cosignatures,
    entries,
    documents: { tribunalBundlePdf: '', tribunalBundleLayout: { cover: { firstPage: 1, lastPage: 1 }, index: { firstPage: 1, lastPage: 1 }, sections: [], totalPages: 1 } },
  };
  // The verifier's own reconstruction is what the readable bundle is drawn from, so its check draws the same bytes.
  const verified = await verifyEvidenceBundle(unsigned, { skipDocument: true });
  const input = { manifest, entries: verified.verifiedEntries, treeHead: head, cosignatures };
  if (verified.verifiedEntries.length !== included.length) {
    throw new Error(`the export of ${included.length} entries does not verify: ${verified.failures.map((f) => `${f.place.label}: ${f.problem}`).join('; ')}`);
  }
  const { pdf, layout } = await renderTribunalBundlePdf(input);
  const findings = checkBundleLimits(layout, input);
  return { bundle: { ...unsigned, documents: { tribunalBundlePdf: Buffer.from(pdf).toString('base64'), tribunalBundleLayout: layout } }, pdf, findings };
}
