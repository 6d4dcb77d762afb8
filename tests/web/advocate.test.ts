import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { childB } from '../../src/demo/child-b-refused-assessment.js';
import { cast } from '../../src/demo/cast.js';
import { EVIDENCE_EXPORT_STREAM } from '../../src/integrity/evidence/export-bundle.js';
import { verifyEvidenceBundle } from '../../src/integrity/evidence/verifier/verify-evidence-bundle.js';
import type { EvidenceBundle } from '../../src/integrity/evidence/bundle.js';
import { checkPage, launchBrowser, newPage, SCREENSHOTS, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';

let server: DemoWebServer;
let browser: Browser;
const childAId = childA().childId;
const childBId = childB().childId;

beforeAll(async () => {
  server = await startDemoWebServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("an advocate's cases and evidence for a tribunal", { timeout: 60_000 }, () => {
  it('takes the advocate to My cases: each child whose family gave consent, who gave it, what it covers and until when', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'advocate');
    expect(new URL(page.url()).pathname).toBe('/cases');
    await expect(page.locator('h1').textContent()).resolves.toBe('My cases');

    const childACard = page.locator('.govuk-summary-card', { has: page.getByRole('heading', { name: 'Child A (pseudonym)' }) });
    const childBCard = page.locator('.govuk-summary-card', { has: page.getByRole('heading', { name: 'Child B (pseudonym)' }) });
    await expect(page.locator('.govuk-summary-card').count()).resolves.toBe(2);
    const a = (await childACard.innerText()).replace(/\s+/g, ' ');
    expect(a).toContain('Consent given by Parent A (pseudonym), parent or carer, on 6 October 2025');
    expect(a).toContain('Consent lasts until 31 December 2027');
    expect(a).toContain("Read the child's record");
    expect(a).toContain('Export evidence for a tribunal');
    expect(a).toContain('Advice and support with the EHC plan and any appeal');
    const b = (await childBCard.innerText()).replace(/\s+/g, ' ');
    expect(b).toContain('Parent B (pseudonym), parent or carer, on 3 November 2025');
    expect(b).toContain('until 30 June 2027');
    // No ids on the page: the record's pages are links.
    expect(await page.locator('main').innerText()).not.toContain(childAId);
    await expect(childACard.getByRole('link', { name: /^Record/ }).getAttribute('href')).resolves.toBe(`/children/${childAId}`);
    await expect(childBCard.getByRole('link', { name: /^Evidence for a tribunal/ }).getAttribute('href')).resolves.toBe(`/children/${childBId}/evidence`);
    await checkPage(page, 'advocate-cases');

    // Listing the cases read each child's record through the gateway, as the advocate, on their consent.
    const logged = (await server.accessLog.forChild(childAId)).find((e) => e.actor.id === cast.advocate.id && e.route === '/cases');
    expect(logged).toMatchObject({ outcome: 'permitted', via: 'web', read: ['cases'] });
    expect(logged!.basis.join(' ')).toMatch(/consent of the rights holder/);

    // The record's pages, within the grant.
    await childACard.getByRole('link', { name: /^Deadlines/ }).click();
    expect(new URL(page.url()).pathname).toBe(`/children/${childAId}/deadlines`);
    await expect(page.locator('.govuk-caption-l').first().textContent()).resolves.toContain('Child A (pseudonym)');
    await checkPage(page, 'advocate-child-a-deadlines');
  });

  it("opens Child A's record from My cases", async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'advocate');
    const [response] = await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Record (Child A (pseudonym))' }).click()]);
    expect(response!.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/children/${childAId}`);
    await expect(page.locator('.govuk-caption-l').first().textContent()).resolves.toContain('Child A (pseudonym)');
    await checkPage(page, 'advocate-child-a-record');
  });

  it('exports evidence for a tribunal: checked against the page limits first, then one self-checking file downloads and is recorded', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'advocate');
    await page.goto(`${server.url}/children/${childAId}/evidence`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Export evidence for a tribunal');
    await expect(page.getByRole('link', { name: 'Evidence for a tribunal' }).getAttribute('aria-current')).resolves.toBe('page');
    await checkPage(page, 'advocate-evidence');
    const exportsBefore = (await server.store.readStream(EVIDENCE_EXPORT_STREAM)).length;

    // A blank purpose and an appeal with no type: each error in the summary and next to its field, nothing exported.
    await page.getByLabel('Appeal reference').fill('EH202/25/00123');
    await page.getByRole('button', { name: 'Export the evidence bundle' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter what the evidence is for');
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Select what the appeal is about');
    await expect(page.locator('.govuk-error-summary a').first().getAttribute('href')).resolves.toBe('#purpose');
    await expect(page.locator('#purpose-error').innerText()).resolves.toContain('Enter what the evidence is for');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    expect((await server.store.readStream(EVIDENCE_EXPORT_STREAM)).length).toBe(exportsBefore);
    // The page answered 400 on purpose; the browser reports that status as a console error.
    expect(page.consoleErrors.splice(0).every((m) => /status of 400/.test(m))).toBe(true);
    await checkPage(page, 'advocate-evidence-purpose-missing');

    // Checked first: its version, its pages, and what is over the Practice Direction's limits; nothing recorded.
    const purpose = 'First-tier Tribunal (SEND) appeal about section F';
    await page.getByLabel('What is the evidence for?').fill(purpose);
    await page.getByLabel('The special educational needs and provision in the EHC plan (sections B and F)').check();
    await page.getByLabel('Day').fill('10');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Check the bundle' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('#bundle-check-title').innerText()).resolves.toBe('Checked against the page limits');
    await expect(page.locator('.govuk-notification-banner__heading').innerText()).resolves.toMatch(/^This would be version 1 of the bundle, \d+ pages long$/);
    await expect(page.locator('#limit-findings').innerText()).resolves.toMatch(/report/);
    expect((await server.store.readStream(EVIDENCE_EXPORT_STREAM)).length).toBe(exportsBefore);
    await checkPage(page, 'advocate-evidence-checked');

    // Exported: one HTML file that holds the bundle and checks it when opened.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the evidence bundle' }).click()]);
    expect(download.suggestedFilename()).toBe('EH202-25-00123-bundle-v1.html');
    const html = readFileSync((await download.path())!, 'utf8');
    const embedded = /<script type="application\/json" id="bundle">([\s\S]*?)<\/script>/.exec(html)![1]!;
    const bundle = JSON.parse(embedded) as EvidenceBundle;
    expect(bundle.manifest).toMatchObject({
      childId: childAId,
      purpose,
      version: 1,
      appeal: { reference: 'EH202/25/00123', appealType: 'sections_b_and_f', hearingDate: '2026-03-10' },
      compiledBy: { id: cast.advocate.id, role: 'advocate', organisation: 'Camden SENDIASS' },
    });
    const report = await verifyEvidenceBundle(bundle);
    expect(report).toMatchObject({ ok: true, failures: [] });
    expect(report.entriesChecked).toBeGreaterThan(25);
    // The hearing bundle it carries, as the tribunal reads it.
    const pdfPath = join(SCREENSHOTS, 'advocate-hearing-bundle.pdf');
    writeFileSync(pdfPath, report.regeneratedPdf!);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, join(SCREENSHOTS, 'advocate-hearing-bundle-page-1')]);
    // Still on the form, with what was typed.
    await expect(page.getByLabel('What is the evidence for?').inputValue()).resolves.toBe(purpose);

    // One export in the ledger, by the advocate, for the purpose given...
    const exports = (await server.store.readStream(EVIDENCE_EXPORT_STREAM)).slice(exportsBefore);
    expect(exports).toHaveLength(1);
    expect(exports[0]!.metadata.actor).toMatchObject({ id: cast.advocate.id, role: 'advocate' });
    expect(exports[0]!.data).toMatchObject({ childId: childAId, purpose, exportId: bundle.manifest.exportId, appealReference: 'EH202/25/00123', version: 1 });
    // ...and reads in Child A's access log, through the web service's routes, with the purpose stated.
    const reads = (await server.accessLog.forChild(childAId)).filter((e) => e.actor.id === cast.advocate.id && e.purpose === purpose);
    expect(reads.map((e) => e.route).sort()).toEqual(['/children/:childId/evidence/bundle', '/children/:childId/evidence/check']);
    for (const read of reads) expect(read).toMatchObject({ via: 'web', outcome: 'permitted' });

    // Exported again for the same appeal: version 2, saying what changed.
    const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the evidence bundle' }).click()]);
    expect(again.suggestedFilename()).toBe('EH202-25-00123-bundle-v2.html');
  });

  it('shows a SENCo "not found" for My cases and for evidence export, which schools may not do, and logs the refusal', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'fleet-hill-senco');
    const cases = await page.goto(`${server.url}/cases`);
    expect(cases!.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await checkPage(page, 'senco-cases-not-found');

    const evidence = await page.goto(`${server.url}/children/${childAId}/evidence`);
    expect(evidence!.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await expect(page.getByText('Export evidence for a tribunal').count()).resolves.toBe(0);
    await checkPage(page, 'senco-evidence-not-found');
    const refused = (await server.accessLog.forChild(childAId)).find((e) => e.actor.id === cast.fleetHillSenco.id && e.route === '/children/:childId/evidence');
    expect(refused).toMatchObject({ outcome: 'denied', denied: ['evidence-page'] });

    // Nor can a school export by posting the form.
    const exportsBefore = (await server.store.readStream(EVIDENCE_EXPORT_STREAM)).length;
    const csrf = await page.evaluate(async () => {
      const html = await (await fetch('/sign-in')).text();
      return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    });
    const status = await page.evaluate(
      async ({ url, csrf }) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, purpose: 'curious' }) })).status,
      { url: `/children/${childAId}/evidence/bundle`, csrf },
    );
    expect(status).toBe(404);
    expect((await server.store.readStream(EVIDENCE_EXPORT_STREAM)).length).toBe(exportsBefore);
  });
});
