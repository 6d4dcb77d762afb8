import { beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceBundle } from '../../src/integrity/evidence/bundle.js';
import { checkBundleText, summariseVerification } from '../../src/integrity/evidence/verifier-page/check-bundle-text.js';
import { verifyEvidenceBundle } from '../../src/integrity/evidence/verifier/verify-evidence-bundle.js';
import { demoBundles, namedTamperings, singleByteChanges, sweepPlan } from '../support/tampered-bundles.js';

/**
 * The shared verification core against the tamper set: the Node CLI and the offline HTML page both run it, and
 * tests/integrity/verifier-page.test.ts holds the page to the same set in Chromium.
 */
describe('an evidence bundle changed in any way does not verify', () => {
  let small: EvidenceBundle;
  let other: EvidenceBundle;

  beforeAll(async () => {
    const demo = await demoBundles();
    small = demo.smallest;
    other = demo.longest;
  });

  it('the good bundle of the demo’s smallest record verifies', async () => {
    const verification = await verifyEvidenceBundle(small);
    expect(verification.failures).toEqual([]);
    expect(verification).toMatchObject({ ok: true, entriesChecked: small.entries.length, documentMatches: true });
  });

  it('every single-byte change of the bundle file fails', { timeout: 30 * 60_000 }, async () => {
    const plan = sweepPlan(small);
    const started = performance.now();
    const outcomes = { failed: 0, verified: [] as number[], threw: [] as string[] };
    const pending: Promise<void>[] = [];
    for (const { position, text } of singleByteChanges(small, plan.positions)) {
      // Several at once: WebCrypto works off the main thread, so the checks overlap.
      pending.push(
        checkBundleText(text).then(
          ({ verification }) => (verification.ok ? void outcomes.verified.push(position) : void (outcomes.failed += 1)),
          (error: unknown) => void outcomes.threw.push(`byte ${position}: ${String(error)}`),
        ),
      );
      if (pending.length >= 8) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `single-byte changes: ${plan.checked} of ${plan.total} checked (${plan.description}) in ${seconds.toFixed(1)} s, ` +
        `${((seconds * 1000) / plan.checked).toFixed(1)} ms each; ${outcomes.failed} failed, ${outcomes.verified.length} verified, ${outcomes.threw.length} threw`,
    );
    expect(outcomes.threw, 'the verifier promises to report, never to throw').toEqual([]);
    expect(outcomes.verified, 'byte positions whose change still verified').toEqual([]);
    expect(outcomes.failed).toBe(plan.checked);
  });

  it('each deliberate tampering fails, naming the place that was changed', async () => {
    for (const tampering of namedTamperings(small, other)) {
      const { verification } = await checkBundleText(tampering.text, tampering.options);
      const places = summariseVerification(verification).failures.map((f) => f.place);
      expect(verification.ok, tampering.name).toBe(false);
      expect(places, tampering.name).toContain(tampering.place);
    }
  });

  it('a dropped entry is named by the manifest and by the entry order; a swapped PDF only by the PDF', async () => {
    const [swapped, middle, last] = namedTamperings(small, other);
    const places = async (text: string) => summariseVerification((await checkBundleText(text)).verification).failures.map((f) => f.place);
    expect(await places(middle!.text)).toEqual(expect.arrayContaining([middle!.place, 'the manifest']));
    expect(new Set(await places(last!.text))).toEqual(new Set(['the manifest', 'the tribunal bundle PDF']));
    expect(await places(swapped!.text)).toEqual(['the tribunal bundle PDF']);
  });
});
