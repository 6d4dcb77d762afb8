import type { Actor } from '../../ledger/envelope.js';
import type { BundleLayout } from '../../reports/tribunal-bundle/bundle-layout.js';
import type { SignedTreeHead } from '../tree-head.js';
import type { Cosignature, WitnessPolicy } from '../witness/cosignature.js';

/**
 * Browser-safe: the offline HTML verifier bundles this file, so it holds types and words only (no Node APIs).
 *
 * Format 2 discloses what each entry says, not only that it exists: every child entry is sealed under its own
 * key, derived from the child's key and committed to inside the hashed bytes (privacy/entry-keys.ts), and the
 * bundle carries the keys of exactly the entries it discloses. Everything else in the file is either recomputed
 * by the verifier (hashes, the readable documents) or bound into the signed log through the export's own entry.
 */
export const BUNDLE_FORMAT = 'send-ledger-evidence-bundle/2';

/** One entry of the child's record: its stored bytes, where it sits in the log, its proof, and its key if disclosed. */
export interface BundleEntry {
  /** Position in the signed log, from 0 (the global position less one). */
  leafIndex: number;
  /** The canonical (RFC 8785) bytes exactly as stored and hashed: the payload is sealed in them. */
  canonical: string;
  /** SHA-256(previous entry's hash || canonical): the stream's hash chain, as handover packs and receipts cite it. */
  hash: string;
  /** Audit path (hex SHA-256 values) from this entry's leaf to the signed root. */
  inclusionProof: string[];
  /** The entry's own data key, base64; absent when the entry cannot be disclosed (see manifest.undisclosed). */
  entryKey?: string;
}

/** The tribunal's types of SEND appeal, each with the page limit the Practice Direction sets for each party's evidence. */
export const APPEAL_TYPES = [
  'refusal_to_assess',
  'refusal_to_issue',
  'sections_b_and_f',
  'section_i',
  'cease_to_maintain',
  'health_and_social_care_recommendation',
] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];

/** Each appeal type as the tribunal's forms put it, for covers, forms and verifiers. */
export const APPEAL_TYPE_WORDS: Record<AppealType, string> = {
  refusal_to_assess: 'Refusal to carry out an EHC needs assessment or reassessment',
  refusal_to_issue: 'Refusal to issue an EHC plan',
  sections_b_and_f: 'The special educational needs and provision in the EHC plan (sections B and F)',
  section_i: 'The school or other institution named in the EHC plan (section I)',
  cease_to_maintain: 'A decision to stop maintaining the EHC plan',
  health_and_social_care_recommendation: 'A recommendation about health or social care (an extended appeal)',
};

export interface AppealDetails {
  /** The tribunal's reference, e.g. "EH202/25/00123". */
  reference: string;
  /** YYYY-MM-DD, or null when no hearing is listed yet. */
  hearingDate: string | null;
  appealType: AppealType;
}

/** Entries of the stream not in the bundle at all, as a run of revisions, and why. */
export interface Omission {
  fromRevision: number;
  throughRevision: number;
  reason: 'outside_access';
  /** In words, for the reader: e.g. "the exporter's access ends at entry 12 (relationship ended 3 March 2026)". */
  explanation: string;
}

/** Entries in the bundle whose content is not disclosed (no entry key): their existence, order and proof still are. */
export interface Undisclosed {
  revision: number;
  /** erased: the child's key was destroyed; sealed_before_entry_keys: sealed under the record's own key (format 1). */
  reason: 'erased' | 'sealed_before_entry_keys';
}

/** What the bundle is, who made it, for what, and what it leaves out: bound into the log by the export's entry. */
export interface BundleManifest {
  exportId: string;
  childId: string;
  purpose: string;
  /** ISO instant the bundle was compiled (the export's own entry was recorded then). */
  compiledAt: string;
  compiledBy: Actor;
  appeal: AppealDetails | null;
  /** 1 for the first bundle for this appeal (or purpose, without one); each re-issue the next. */
  version: number;
  previousVersion: { exportId: string; version: number; compiledAt: string; throughRevision: number } | null;
  /** What changed since the previous version, in words; empty for version 1. */
  changes: string[];
  /** How many entries the child's stream had inside the signed head. */
  streamLength: number;
  /** The last revision included (entries 0..throughRevision are all present), -1 for none. */
  throughRevision: number;
  omitted: Omission[];
  undisclosed: Undisclosed[];
  /** Entries recorded more than this many days after their claimed date are shown as recorded late. */
  lateThresholdDays: number;
  /** Names the code that drew the documents: a verifier regenerates them with the same renderer. */
  renderer: string;
  /** The witnesses the ledger was configured to ask, as the ledger states it (a reader may hold a policy of their own). */
  witnessPolicy: WitnessPolicy | null;
}

/** The export's own entry in the `evidence-exports` stream, proved into the same signed head. */
export interface ExportRecord {
  leafIndex: number;
  canonical: string;
  inclusionProof: string[];
}

/**
 * Everything a tribunal needs to read and check a child's record without trusting the server: the entries with
 * their keys, their proofs against one signed tree head, the ledger's public key, the witnesses' co-signatures,
 * and the readable bundle (a PDF) that the verifier draws again from the verified entries and compares.
 */
export interface EvidenceBundle {
  format: typeof BUNDLE_FORMAT;
  manifest: BundleManifest;
  exportRecord: ExportRecord;
  treeHead: SignedTreeHead;
  /** Ed25519 public key (SPKI PEM) that signed the head; its fingerprint is the head's keyId. */
  publicKeyPem: string;
  cosignatures: Cosignature[];
  entries: BundleEntry[];
  /**
   * The tribunal bundle PDF, base64: regenerated by the verifier from the verified entries and compared byte for byte.
   * Its layout (where each section falls) lets the verifier draw it once rather than twice; a drawing that does not fall
   * on exactly this layout fails, so it is checked like everything else.
   */
  documents: { tribunalBundlePdf: string; tribunalBundleLayout: BundleLayout };
}

/** The stream the export entries are kept in. */
export const EVIDENCE_EXPORT_STREAM = 'evidence-exports';
export const EVIDENCE_EXPORTED = 'EvidenceBundleExported';
