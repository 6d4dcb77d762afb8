import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceBundle } from '../../src/integrity/evidence/bundle.js';
import type { WitnessPolicy } from '../../src/integrity/witness/cosignature.js';
import { checkBundleText, summariseVerification } from '../../src/integrity/evidence/verifier-page/check-bundle-text.js';
import { verifierPageFor } from '../../src/integrity/evidence/verifier-page/verifier-page.js';
import { verifyEvidenceBundle } from '../../src/integrity/evidence/verifier/verify-evidence-bundle.js';
import { demoBundles, namedTamperings, singleByteChanges, sweepPlan } from '../support/tampered-bundles.js';
import { tempDir } from '../support/temp-dir.js';
import { checkPage, launchBrowser } from '../web/support/browser.js';

/**
 * The one-file offline verifier, opened from disk in Chromium with the network off: it must say VERIFIED for the
 * demo's longest record (how fast is a benchmark's question: npm run bench:verifier), make no request at all, pass axe, and fail the same tamper set the
 * Node core fails (tests/integrity/bundle-tampering.test.ts), naming the same places.
 */
const UK_DATE = /\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;

describe('the offline HTML verifier, in Chromium', () => {
  const dir = tempDir('verifier-page-');
  let browser: Browser;
  let longest: EvidenceBundle;
  let small: EvidenceBundle;
  let witnessPolicy: WitnessPolicy;
  let pageUrl: string;

  beforeAll(async () => {
    const demo = await demoBundles();
    ({ longest, smallest: small, witnessPolicy } = demo);
    const file = join(dir.path, 'evidence-longest.html');
    writeFileSync(file, await verifierPageFor(longest));
    pageUrl = pathToFileURL(file).href;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    dir.remove();
  });

  /** A context with no network, recording every request the page makes other than for its own file. */
  async function openOffline(options: { javaScript?: boolean; width?: number } = {}): Promise<{ context: BrowserContext; page: Page; requests: string[]; errors: string[]; elapsed: number }> {
    const context = await browser.newContext({ javaScriptEnabled: options.javaScript ?? true, viewport: { width: options.width ?? 1000, height: 900 }, acceptDownloads: true });
    await context.setOffline(true);
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      if (route.request().url() === pageUrl) return route.continue();
      requests.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    page.on('request', (request) => {
      // The page's own file, and the blob: URLs it makes for the reader to save, are not the network.
      if (request.url() !== pageUrl && !request.url().startsWith('blob:')) requests.push(request.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const started = performance.now();
    await page.goto(pageUrl, { waitUntil: 'commit' });
    if (options.javaScript === false) return { context, page, requests, errors, elapsed: 0 };
    await page.getByRole('heading', { name: /VERIFIED/ }).waitFor({ timeout: 20_000 });
    return { context, page, requests, errors, elapsed: performance.now() - started };
  }

  it('opens from disk with no network, says VERIFIED, and shows the record as verified (its time is measured by npm run bench:verifier)', { timeout: 120_000 }, async () => {
    const { context, page, requests, errors, elapsed } = await openOffline();
    const verdict = (await page.locator('#verdict').textContent())!.trim();
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])));
    console.log(
      `verifier page: ${Math.round(readFileSync(new URL(pageUrl)).length / 1024)} KB; VERIFIED ${Math.round(elapsed)} ms after navigation for ${longest.entries.length} entries ` +
        `(by the page's clock: script running at ${marks['send-ledger:check-started']} ms, checked at ${marks['send-ledger:checked']} ms, shown at ${marks['send-ledger:shown']} ms)`,
    );
    expect(verdict).toBe('✓ VERIFIED');

    const node = await verifyEvidenceBundle(longest);
    const registered = node.verifiedEntries.find((e) => e.type === 'ChildRegistered')!;
    const result = (await page.locator('#result').textContent())!;
    expect(result).toContain(`All ${longest.entries.length} entries of ${String(registered.data['displayName'])}’s record were proved into a signed log of ${longest.treeHead.treeSize} entries`);
    expect(result).toMatch(UK_DATE);
    expect(result).toContain('Witnesses satisfied: Kentish Vale Parent Carer Forum witness');

    const record = (await page.locator('#record').innerText())!;
    expect(record).toMatch(UK_DATE);
    expect(record).not.toMatch(ISO_DATE);
    expect(record).not.toMatch(UUID);
    expect(record).toContain(String(registered.data['displayName']));
    expect(record).toContain(registered.metadata.actor.displayName);
    const manifest = (await page.locator('#manifest').innerText())!;
    expect(manifest).toContain('Ava Advocate, advocate, IPSEA');
    expect(manifest).toContain('EH202/25/00123');
    expect(manifest).toContain('10 March 2026');
    // Ids and hashes are there for whoever looks for them, folded away.
    await expect(page.locator('#technical details summary').textContent()).resolves.toBe('Technical details');
    expect(await page.locator('details[open]').count()).toBe(0);

    // The readable bundle the reader saves is the bundled PDF, byte for byte (drawn again on this computer).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Save the hearing bundle (PDF)' }).click()]);
    expect(readFileSync((await download.path())!).equals(Buffer.from(longest.documents.tribunalBundlePdf, 'base64'))).toBe(true);
    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Save the bundle file (.json)' }).click()]);
    expect(readFileSync((await saved.path())!, 'utf8')).toBe(JSON.stringify(longest));

    await checkPage(page, 'verifier-verified');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await context.close();
  });

  it('checks against the fingerprint the reader types, and a bundle file the reader chooses', { timeout: 120_000 }, async () => {
    const { context, page, requests, errors } = await openOffline();
    await page.getByLabel('Compare with the fingerprint your local authority publishes').fill('00'.repeat(32));
    await page.getByRole('button', { name: 'Check against this fingerprint' }).click();
    await page.getByRole('heading', { name: 'NOT VERIFIED', exact: true }).waitFor();
    expect(await page.locator('#result').innerText()).toContain('The tree head: The head is signed by key');
    await page.getByLabel('Compare with the fingerprint your local authority publishes').fill(longest.treeHead.keyId.replace(/(.{4})/g, '$1 '));
    await page.getByRole('button', { name: 'Check against this fingerprint' }).click();
    await page.getByRole('heading', { name: 'VERIFIED', exact: true }).waitFor();
    expect(await page.locator('#anchors').innerText()).toContain('It matches the fingerprint you gave.');

    // A witness policy of the reader's own: one naming another witness's key is not met; the right one is.
    const { publicKey } = generateKeyPairSync('ed25519');
    const stranger = { witnesses: [{ name: 'A witness this ledger never asked', publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() }], required: 1 };
    await page.getByLabel('Use a witness policy of your own (.json)').setInputFiles({ name: 'stranger.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(stranger)) });
    await page.getByRole('heading', { name: 'NOT VERIFIED', exact: true }).waitFor();
    expect(await page.locator('#result').innerText()).toContain('The witnesses');
    expect(await page.locator('#anchors').innerText()).toContain('The policy you loaded from stranger.json.');
    await page.getByLabel('Use a witness policy of your own (.json)').setInputFiles({ name: 'ours.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(witnessPolicy)) });
    await page.getByRole('heading', { name: 'VERIFIED', exact: true }).waitFor();
    expect(await page.locator('#anchors').innerText()).toContain('The policy you loaded from ours.json.');
    await page.getByRole('button', { name: 'Use the bundle’s own policy instead' }).click();
    await page.getByRole('heading', { name: 'VERIFIED', exact: true }).waitFor();
    expect(await page.locator('#anchors').innerText()).toContain('The policy the ledger states in the bundle');

    // One byte of the ciphertext of entry 4 (revision 3) changed: the page names the entry, what kind it is, and the problem.
    const tampered = JSON.parse(JSON.stringify(small)) as EvidenceBundle;
    const entry = tampered.entries[3]!;
    const at = entry.canonical.indexOf('"ct":"') + 10;
    entry.canonical = `${entry.canonical.slice(0, at)}${entry.canonical[at] === 'A' ? 'B' : 'A'}${entry.canonical.slice(at + 1)}`;
    await page.getByLabel('Choose a bundle file (.json)').setInputFiles({ name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) });
    await page.getByRole('heading', { name: 'NOT VERIFIED', exact: true }).waitFor();
    const result = await page.locator('#result').innerText();
    const kind = (JSON.parse(small.entries[3]!.canonical) as { type: string }).type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    expect(result.toLowerCase()).toContain(`entry 4 (${kind})`);
    expect(result).not.toMatch(/\bSen\b/);
    expect(result).toContain('do not match its hash');
    expect(await page.locator('#record').innerText()).toContain('The record is shown only from a bundle that verifies');
    // A file dropped on the page is checked as a chosen one is.
    const dropped = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'small.json', { type: 'application/json' }));
      return transfer;
    }, JSON.stringify(small));
    await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: dropped });
    await page.getByRole('heading', { name: 'VERIFIED', exact: true }).waitFor();
    expect(await page.locator('#result').innerText()).toContain(`All ${small.entries.length} entries of`);
    await page.getByLabel('Choose a bundle file (.json)').setInputFiles({ name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) });
    await page.getByRole('heading', { name: 'NOT VERIFIED', exact: true }).waitFor();
    await page.getByLabel('Compare with the fingerprint your local authority publishes').fill('');
    await page.getByRole('button', { name: 'Check against this fingerprint' }).click();
    await page.getByRole('heading', { name: 'NOT VERIFIED', exact: true }).waitFor();
    await checkPage(page, 'verifier-not-verified');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await context.close();
  });

  it('reads at 320 pixels wide without scrolling sideways, and explains itself without JavaScript', async () => {
    const narrow = await openOffline({ width: 320 });
    expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await narrow.context.close();
    const off = await openOffline({ javaScript: false });
    await off.page.waitForLoadState('load');
    const text = await off.page.locator('main').innerText();
    expect(text).toContain('Checking the bundle needs JavaScript');
    expect(text).toContain('npm run verify-bundle');
    expect(off.requests).toEqual([]);
    await off.context.close();
  });

  it('fails the same tamper set as the Node core, naming the same places', { timeout: 30 * 60_000 }, async () => {
    const { context, page, requests, errors } = await openOffline();
    const other = longest;
    for (const tampering of namedTamperings(small, other)) {
      const inPage = await page.evaluate(([text, options]) => window.sendLedgerVerify(text, options), [tampering.text, tampering.options ?? {}] as const);
      const inNode = summariseVerification((await checkBundleText(tampering.text, tampering.options)).verification);
      expect(inPage.ok, tampering.name).toBe(false);
      expect(inPage.failures, tampering.name).toEqual(inNode.failures);
      expect(inPage.failures.map((f) => f.place), tampering.name).toContain(tampering.place);
    }

    // The single-byte changes, made inside the page by the same generator the Node test uses.
    const plan = sweepPlan(small);
    // About 50 ms a change in Chromium on two cores: every 4th of the Node test's changes keeps this near 30 s.
    const stride = Number(process.env['SEND_LEDGER_PAGE_SWEEP_STRIDE'] ?? 4);
    const positions = plan.positions.filter((_, i) => i % stride === 0);
    const sweep = await page.evaluate(
      `(async () => {
        const changes = ${singleByteChanges.toString()};
        const started = performance.now();
        const outcomes = { failed: 0, verified: [], threw: [] };
        for (const { position, text } of changes(${JSON.stringify(small)}, ${JSON.stringify(positions)})) {
          try {
            const summary = await window.sendLedgerVerify(text, {});
            if (summary.ok) outcomes.verified.push(position); else outcomes.failed += 1;
          } catch (error) { outcomes.threw.push('byte ' + position + ': ' + String(error)); }
        }
        return { ...outcomes, ms: performance.now() - started };
      })()`,
    ) as { failed: number; verified: number[]; threw: string[]; ms: number };
    console.log(
      `in Chromium: ${positions.length} single-byte changes of ${plan.total} (${plan.description}${stride > 1 ? `, every ${stride}th of those` : ''}) in ${(sweep.ms / 1000).toFixed(1)} s, ` +
        `${(sweep.ms / positions.length).toFixed(1)} ms each; ${sweep.failed} failed, ${sweep.verified.length} verified, ${sweep.threw.length} threw`,
    );
    expect(sweep.threw).toEqual([]);
    expect(sweep.verified).toEqual([]);
    expect(sweep.failed).toBe(positions.length);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await context.close();
  });
});

