import { ERASED_DATA } from '../../../domain/child-record/events.js';
import { canonicalJson } from '../../../ledger/canonical-json.js';
import type { JsonObject, LedgerEntry } from '../../../ledger/envelope.js';
import { renderTribunalBundlePdf, type BundleLayout, type TribunalBundleInput } from '../../../reports/tribunal-bundle/index.js';
import { checkCosignatures, type WitnessPolicy } from '../../witness/cosignature.js';
import type { SignedTreeHead } from '../../tree-head.js';
import { BUNDLE_FORMAT, EVIDENCE_EXPORT_STREAM, EVIDENCE_EXPORTED, type BundleEntry, type EvidenceBundle } from '../bundle.js';
import { bundleShapeProblems } from './bundle-shape.js';
import { equalBytes, fromBase64, fromHex, pemBody, toHex, utf8 } from './bytes.js';
import { discloseEntry } from './disclosure.js';
import { leafOf, reachesRoot } from './merkle-proof.js';
import type { BundleFailure, BundleVerification, FailurePlace } from './report.js';
import { ed25519Verify, sha256 } from './web-crypto.js';

export interface VerifyOptions {
  /** The witnesses the reader trusts; without one, the policy the ledger states in the bundle is applied (and said so). */
  witnessPolicy?: WitnessPolicy;
  /** The fingerprint of the ledger's signing key as the local authority publishes it (hex SHA-256 of the public key). */
  ledgerKeyId?: string;
  /** For the exporter, which draws the readable bundle itself from the entries this reconstructs: do not draw it here. */
  skipDocument?: boolean;
}

const GENESIS = new Uint8Array(32);
const BUNDLE: FailurePlace = { revision: null, eventId: null, label: 'the bundle' };

/**
 * Check an evidence bundle with nothing but its own contents (and, if given, the reader's own trust anchors): the
 * tree head's signature, every inclusion proof, the hash chain, every disclosure, the manifest, the witnesses'
 * co-signatures, and the readable PDF drawn again from what verified. Reports every failure; never throws.
 * Runs unchanged in Node and in a browser (WebCrypto only).
 */
export async function verifyEvidenceBundle(input: unknown, options: VerifyOptions = {}): Promise<BundleVerification> {
  const failures: BundleFailure[] = [];
  const fail = (place: FailurePlace, problem: string) => failures.push({ place, problem });
  const empty = (problem: string): BundleVerification => ({
    ok: false,
    failures: [{ place: BUNDLE, problem }],
    manifest: null,
    treeHead: null,
    verifiedEntries: [],
    entriesChecked: 0,
    cosignatures: [],
    witnesses: { policy: null, policySource: 'none', satisfiedBy: [] },
    regeneratedPdf: null,
    documentMatches: null,
  });

  const shape = bundleShapeProblems(input);
  if (shape === 'not-a-bundle') return empty(`not a ${BUNDLE_FORMAT} file`);
  if (shape.length > 0) {
    const result = empty(shape[0]!);
    result.failures = shape.map((problem) => ({ place: BUNDLE, problem }));
    return result;
  }
  const bundle = input as EvidenceBundle;
  const { manifest, treeHead: head } = bundle;

  // The tree head, under the bundled key, and that key against the one the reader holds.
  const headPlace: FailurePlace = { revision: null, eventId: null, label: 'the tree head' };
  const der = pemBody(bundle.publicKeyPem, 'PUBLIC KEY');
  const keyId = der ? toHex(await sha256(der)) : null;
  if (!der || keyId !== head.keyId) fail(headPlace, "the bundled public key is not the key the head names (its SHA-256 fingerprint differs from the head's keyId)");
  if (options.ledgerKeyId !== undefined && options.ledgerKeyId !== head.keyId) {
    fail(headPlace, `the head is signed by key ${head.keyId.slice(0, 16)}…, not by the ledger key you gave (${options.ledgerKeyId.slice(0, 16)}…)`);
  }
  const signature = fromBase64(head.signature);
  const headBytes = utf8(canonicalJson({ treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp, keyId: head.keyId }));
  if (!der || !signature || !(await ed25519Verify(der, signature, headBytes))) fail(headPlace, 'the tree head signature does not verify with the bundled public key');
  const root = fromHex(head.rootHash)!;

  const proves = async (leafIndex: number, canonical: string, proof: string[]) => {
    const path = proof.map((h) => fromHex(h));
    if (path.some((p) => p === null || p.length !== 32)) return false;
    return reachesRoot(await leafOf(canonical), leafIndex, head.treeSize, path as Uint8Array[], root);
  };

  // The export's own entry: binds the manifest (who, for what, what is left out) into the signed log.
  const exportPlace: FailurePlace = { revision: null, eventId: null, label: 'the export record' };
  const exportBody = parseCanonical(bundle.exportRecord.canonical);
  if (!exportBody) fail(exportPlace, 'its bytes are not canonical JSON');
  else {
    const data = (exportBody['data'] ?? {}) as Record<string, unknown>;
    const metadata = (exportBody['metadata'] ?? {}) as Record<string, unknown>;
    const manifestHash = toHex(await sha256(utf8(canonicalJson(manifest))));
    if (exportBody['streamId'] !== EVIDENCE_EXPORT_STREAM || exportBody['type'] !== EVIDENCE_EXPORTED) fail(exportPlace, 'it is not an evidence export entry');
    if (data['manifestSha256'] !== manifestHash) fail(exportPlace, 'the manifest is not the one the ledger recorded for this export: who compiled it, for what, or what it leaves out was changed');
    if (data['exportId'] !== manifest.exportId || data['childId'] !== manifest.childId) fail(exportPlace, 'it records another export or another child');
    if (metadata['occurredAt'] !== manifest.compiledAt || canonicalJson(metadata['actor'] ?? null) !== canonicalJson(manifest.compiledBy)) {
      fail(exportPlace, 'the manifest says the bundle was compiled at another time or by someone else than the ledger recorded');
    }
  }
  if (!(await proves(bundle.exportRecord.leafIndex, bundle.exportRecord.canonical, bundle.exportRecord.inclusionProof))) {
    fail(exportPlace, `its inclusion proof does not reach the signed root of the ${head.treeSize}-entry log`);
  }

  // The child's entries: order, chain, proof, disclosure.
  const verifiedEntries: LedgerEntry[] = [];
  const undisclosed = new Map<number, 'erased' | 'sealed_before_entry_keys'>();
  let entriesFailed = false;
  let previous: Uint8Array = GENESIS;
  const bodies = bundle.entries.map((entry) => parseCanonical(entry.canonical));
  const hasErasure = bodies.some((body) => body?.['type'] === 'ChildRecordErased');
  for (const [i, entry] of bundle.entries.entries()) {
    const body = bodies[i]!;
    // Numbered from 1, as the hearing bundle's record in date order numbers them.
    const place: FailurePlace = { revision: i, eventId: typeof body?.['eventId'] === 'string' ? body['eventId'] : null, label: `entry ${i + 1}` };
    const before = failures.length;
    const own = (problem: string) => fail(place, problem);
    if (!body) own('its bytes are not canonical JSON');
    else {
      if (body['streamRevision'] !== i) own(`its bytes say revision ${JSON.stringify(body['streamRevision'])} where revision ${i} was expected: an entry is missing or out of order`);
      if (body['streamId'] !== `child-${manifest.childId}`) own(`it belongs to ${JSON.stringify(body['streamId'])}, not to the child's record`);
    }
    const hash = await sha256(previous, utf8(entry.canonical));
    if (toHex(hash) !== entry.hash) own('its bytes do not match its hash: the entry was altered, or the one before it was');
    if (!(await proves(entry.leafIndex, entry.canonical, entry.inclusionProof))) own(`its inclusion proof does not reach the signed root of the ${head.treeSize}-entry log`);
    if (body) {
      const disclosure = await discloseEntry(body as { eventId: string; streamId: string; type: string; data: unknown }, entry.entryKey);
      if (disclosure.kind === 'refused') own(disclosure.problem);
      if (disclosure.kind === 'undisclosed') {
        const stated = manifest.undisclosed.find((u) => u.revision === i)?.reason;
        const actual = disclosure.sealedBeforeEntryKeys ? 'sealed_before_entry_keys' : hasErasure ? 'erased' : null;
        if (actual === null) own("its content is not disclosed, yet the record was not erased and the entry has a key of its own");
        else if (stated !== actual) own(`its content is not disclosed, and the manifest does not say so truthfully (it says ${stated ?? 'nothing'})`);
        else undisclosed.set(i, actual);
      }
      if (failures.length === before) {
        const data = disclosure.kind === 'plain' || disclosure.kind === 'opened' ? disclosure.data : ({ ...ERASED_DATA } as JsonObject);
        verifiedEntries.push(asLedgerEntry(body, data, entry, toHex(previous)));
      }
    }
    if (failures.length > before) entriesFailed = true;
    previous = fromHex(entry.hash) ?? hash;
  }

  // The manifest's account of what is in the bundle and what is not.
  const manifestPlace: FailurePlace = { revision: null, eventId: null, label: 'the manifest' };
  for (const stated of manifest.undisclosed) {
    if (!undisclosed.has(stated.revision) && !failures.some((f) => f.place.revision === stated.revision)) {
      fail(manifestPlace, `it says entry ${stated.revision + 1} is not disclosed, yet the bundle discloses it (or holds no such entry)`);
    }
  }
  if (manifest.throughRevision !== bundle.entries.length - 1) {
    fail(manifestPlace, `it says the bundle holds ${manifest.throughRevision + 1} entries, but it holds ${bundle.entries.length}: an entry was dropped or added`);
  }
  const expectedOmission = manifest.throughRevision + 1 <= manifest.streamLength - 1 ? { from: manifest.throughRevision + 1, through: manifest.streamLength - 1 } : null;
  const omissionsTold =
    expectedOmission === null
      ? manifest.omitted.length === 0
      : manifest.omitted.length === 1 && manifest.omitted[0]!.fromRevision === expectedOmission.from && manifest.omitted[0]!.throughRevision === expectedOmission.through;
  if (!omissionsTold || manifest.streamLength < bundle.entries.length) fail(manifestPlace, 'what it says is left out does not account for every entry of the record that the bundle does not hold');

  // The witnesses.
  const policy = options.witnessPolicy ?? manifest.witnessPolicy;
  const policySource = options.witnessPolicy ? 'reader' : manifest.witnessPolicy ? 'bundle' : 'none';
  let satisfiedBy: string[] = [];
  const witnessPlace: FailurePlace = { revision: null, eventId: null, label: 'the witnesses' };
  if (policy) {
    const checked = await checkCosignatures(head, bundle.cosignatures, policy);
    satisfiedBy = checked.satisfiedBy;
    for (const problem of checked.problems) fail(witnessPlace, problem);
  } else if (bundle.cosignatures.length > 0) {
    // Co-signatures no policy names are claims nobody checked: they could say anything.
    fail(witnessPlace, 'the bundle carries co-signatures but neither you nor the bundle gives a witness policy to check them against');
  }

  // The readable bundle, drawn again from what verified, and nothing else.
  const pdfPlace: FailurePlace = { revision: null, eventId: null, label: 'the tribunal bundle PDF' };
  let regeneratedPdf: Uint8Array | null = null;
  let documentMatches: boolean | null = null;
  if (options.skipDocument) {
    // The exporter draws it from verifiedEntries itself.
  } else if (entriesFailed || failures.some((f) => f.place === headPlace || f.place === exportPlace || f.place === manifestPlace)) {
    fail(pdfPlace, 'not checked: it can only be drawn again from entries that verify');
  } else {
    try {
      const stated = bundle.documents.tribunalBundleLayout;
      const drawn = await regenerate({ manifest, entries: verifiedEntries, treeHead: head, cosignatures: bundle.cosignatures }, stated);
      regeneratedPdf = drawn.pdf;
      const bundled = fromBase64(bundle.documents.tribunalBundlePdf);
      documentMatches = bundled !== null && equalBytes(bundled, regeneratedPdf) && canonicalJson(drawn.layout) === canonicalJson(stated);
      if (!documentMatches) fail(pdfPlace, 'it is not the document the verified entries make: it was altered or swapped for another, or its stated page layout was changed');
    } catch (error) {
      fail(pdfPlace, `it could not be drawn again from the verified entries (${error instanceof Error ? error.message : String(error)}), so it cannot be checked`);
    }
  }

  return {
    ok: failures.length === 0,
    failures,
    manifest,
    treeHead: head,
    verifiedEntries,
    entriesChecked: bundle.entries.length,
    cosignatures: bundle.cosignatures,
    witnesses: { policy: policy ?? null, policySource, satisfiedBy },
    regeneratedPdf,
    documentMatches,
  };
}

/** The canonical bytes parsed, or null when they are not JSON in RFC 8785 form. */
function parseCanonical(canonical: string): Record<string, unknown> | null {
  try {
    const body = JSON.parse(canonical) as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || canonicalJson(body) !== canonical) return null;
    return body as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** An entry as the ledger's readers see it: the stored body with its data opened, where it sits, and its hashes. */
function asLedgerEntry(body: Record<string, unknown>, data: JsonObject, entry: BundleEntry, previousHash: string): LedgerEntry {
  return { ...(body as unknown as LedgerEntry), data, globalPosition: (entry.leafIndex + 1) as LedgerEntry['globalPosition'], previousHash, hash: entry.hash, canonical: entry.canonical };
}

/**
 * Drawing the PDF is the slow part; a verifier shown the same verified contents again (many tampered copies of one
 * bundle, say) draws it once.
 */
const drawings = new Map<string, Promise<{ pdf: Uint8Array; layout: BundleLayout }>>();
async function regenerate(input: TribunalBundleInput & { treeHead: SignedTreeHead }, layout: BundleLayout): Promise<{ pdf: Uint8Array; layout: BundleLayout }> {
  const key = toHex(
    await sha256(
      utf8(
        canonicalJson({
          manifest: input.manifest as unknown as JsonObject,
          entries: input.entries.map((e) => [e.canonical, e.data]),
          head: input.treeHead as unknown as JsonObject,
          cosignatures: input.cosignatures as unknown as JsonObject[],
          layout: layout as unknown as JsonObject,
        }),
      ),
    ),
  );
  let drawing = drawings.get(key);
  if (!drawing) {
    if (drawings.size >= 4) drawings.delete(drawings.keys().next().value!);
    drawing = renderTribunalBundlePdf(input, layout);
    drawings.set(key, drawing);
  }
  return drawing;
}

