import { z } from 'zod';
import { APPEAL_TYPES, BUNDLE_FORMAT } from '../bundle.js';

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex characters');
const count = z.int().min(0);
const text = z.string();
const actor = z.strictObject({ id: text, displayName: text, role: text, organisation: text });
const proof = z.array(hex32).max(64);
/** An ISO 8601 instant in UTC as the ledger and the witnesses write them. */
const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/, 'must be an ISO 8601 instant in UTC')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a real instant');

const policy = z.strictObject({ witnesses: z.array(z.strictObject({ name: text, publicKeyPem: text })), required: count });

const manifest = z.strictObject({
  exportId: text,
  childId: text,
  purpose: text,
  compiledAt: instant,
  compiledBy: actor,
  appeal: z.strictObject({ reference: text, hearingDate: text.nullable(), appealType: z.enum(APPEAL_TYPES) }).nullable(),
  version: z.int().min(1),
  previousVersion: z.strictObject({ exportId: text, version: z.int().min(1), compiledAt: text, throughRevision: z.int().min(-1) }).nullable(),
  changes: z.array(text),
  streamLength: count,
  throughRevision: z.int().min(-1),
  omitted: z.array(z.strictObject({ fromRevision: count, throughRevision: count, reason: z.literal('outside_access'), explanation: text })),
  undisclosed: z.array(z.strictObject({ revision: count, reason: z.enum(['erased', 'sealed_before_entry_keys']) })),
  lateThresholdDays: count,
  renderer: text,
  witnessPolicy: policy.nullable(),
});

const pageRange = { firstPage: z.int().min(1), lastPage: z.int().min(1) };
const layout = z.strictObject({
  cover: z.strictObject(pageRange),
  index: z.strictObject(pageRange),
  sections: z.array(z.strictObject({ id: text, title: text, part: text, ...pageRange, items: z.array(z.strictObject({ title: text, page: z.int().min(1) })) })),
  totalPages: z.int().min(1),
});

const bundle = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  manifest,
  exportRecord: z.strictObject({ leafIndex: count, canonical: text, inclusionProof: proof }),
  treeHead: z.strictObject({ treeSize: z.int().min(1), rootHash: hex32, timestamp: instant, keyId: hex32, signature: text }),
  publicKeyPem: text,
  cosignatures: z.array(z.strictObject({ witness: z.string().min(1).max(200), witnessKeyId: hex32, cosignedAt: instant, signature: text })),
  entries: z.array(z.strictObject({ leafIndex: count, canonical: text, hash: hex32, inclusionProof: proof, entryKey: text.optional() })),
  documents: z.strictObject({ tribunalBundlePdf: text, tribunalBundleLayout: layout }),
});

/**
 * Whether a file is a bundle of this format, and what about its shape is wrong, field by field. Strict: a field
 * the format does not have is a fault, so no byte of a bundle can sit outside every check.
 */
export function bundleShapeProblems(input: unknown): 'not-a-bundle' | string[] {
  if (typeof input !== 'object' || input === null || (input as Record<string, unknown>)['format'] !== BUNDLE_FORMAT) return 'not-a-bundle';
  const parsed = bundle.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.slice(0, 20).map((issue) => `${issue.path.join('.') || 'the file'}: ${issue.message}`);
}
