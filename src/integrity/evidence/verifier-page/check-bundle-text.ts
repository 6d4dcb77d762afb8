import type { BundleVerification } from '../verifier/report.js';
import { verifyEvidenceBundle, type VerifyOptions } from '../verifier/verify-evidence-bundle.js';

/** A bundle file as the reader gave it: parsed, then checked. A file that is not JSON at all fails as the bundle. */
export async function checkBundleText(text: string, options: VerifyOptions = {}): Promise<{ verification: BundleVerification; bundle: unknown }> {
  let bundle: unknown;
  try {
    bundle = JSON.parse(text) as unknown;
  } catch {
    const verification = await verifyEvidenceBundle(null, options);
    verification.failures = [{ place: { revision: null, eventId: null, label: 'the bundle' }, problem: 'the file is not JSON: it is not a bundle, or it was damaged' }];
    return { verification, bundle: null };
  }
  return { verification: await verifyEvidenceBundle(bundle, options), bundle };
}

/** What the page's test hook answers: the verdict as plain JSON, each failure by its place's label. */
export interface VerificationSummary {
  ok: boolean;
  entriesChecked: number;
  failures: { place: string; revision: number | null; problem: string }[];
}

export const summariseVerification = (verification: BundleVerification): VerificationSummary => ({
  ok: verification.ok,
  entriesChecked: verification.entriesChecked,
  failures: verification.failures.map((f) => ({ place: f.place.label, revision: f.place.revision, problem: f.problem })),
});
