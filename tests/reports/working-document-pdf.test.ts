/**
 * The working document as PDF, through the web route: the demo's own (Child B's contents appeal, version 2 sent by
 * Parent B on 20 February 2026), and one the parties build through the API on Child A's plan. Poppler reads it back
 * (pdfinfo, pdftotext, pdftoppm): its pages are the count the appeal page shows against the tribunal's 25.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRecorder } from '../../src/access-log/access-recorder.js';
import { AccessCache } from '../../src/application/access-cache.js';
import { workingDocumentOfChild } from '../../src/application/working-document-of.js';
import { cast } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { childB } from '../../src/demo/child-b-refused-assessment.js';
import { uuidFromName } from '../../src/ledger/deterministic-id.js';
import type { Actor } from '../../src/ledger/envelope.js';
import { TEST_SECRET } from '../support/test-app.js';
import { SCREENSHOTS, checkPage, launchBrowser, newPage, signInAs } from '../web/support/browser.js';
import { startDemoWebServer, type DemoWebServer } from '../web/support/demo-web-server.js';
import { recordThroughTheApi } from '../web/support/through-the-api.js';

/** In a real browser on two shared cores, as the web tests (vitest.config.ts gives those 180 seconds). */
const WEB_TIMEOUT = 180_000;
let server: DemoWebServer;
let browser: Browser;
const work = mkdtempSync(join(tmpdir(), 'working-document-pdf-'));

const demoB = childB();
const childBId = demoB.childId;
const childBAppeal = demoB.id('appeal-2');
const childAId = childA().childId;
const planA = uuidFromName('send-ledger-demo', 'child-a', 'plan');
const therapyA = uuidFromName('send-ledger-demo', 'child-a', 'f-speech-and-language-therapy');

const pdfUrl = (childId: string, appealId: string, query = '') => `${server.url}/children/${childId}/appeal/${appealId}/working-document.pdf${query}`;

beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(key: string): Promise<Page> {
  const page = await newPage(browser);
  await signInAs(page, server.url, key);
  await checkPage(page, `working-document-pdf-signed-in-${key}`);
  return page;
}

/** The PDF saved to disk, and what poppler reads of it. */
function poppler(pdf: Buffer, name: string) {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  const pages = Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return { file, pages, text, fonts };
}

/** What the appeal page is told: the document and its PDF's page count, read as `actor` would. */
async function asTheAppealPageReadsIt(actor: Actor, childId: string, appealId: string) {
  const reader = { actor, reads: new AccessRecorder({ actor, requestId: 'test', purpose: 'test', via: 'command-line' }) };
  return workingDocumentOfChild({ store: server.store, clock: server.clock.now, accessCache: new AccessCache() }, reader, childId, appealId, server.clock.now());
}

describe('the working document as PDF', () => {
  it("renders the demo's working document in the SEND23 key, with as many pages as the appeal page is told", async () => {
    const page = await signedIn('parent-b');
    const response = await page.request.get(pdfUrl(childBId, childBAppeal));
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['content-disposition']).toBe('attachment; filename="working-document-v2.pdf"');
    const { file, pages, text, fonts } = poppler(await response.body(), 'child-b');

    const read = (await asTheAppealPageReadsIt(cast.parentB, childBId, childBAppeal))!;
    expect(pages).toBe(read.pdfPages);
    expect(pages).toBeLessThanOrEqual(25);
    expect(text).toContain('Working document (SEND23)');
    expect(text).toContain('Version 2 of 20 February 2026, sent by the parent or carer');
    expect(text).toContain('Added by the parent or young person (bold)');
    expect(text).toContain('Deleted by the local authority (italic, struck through)');
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain('Section F: Special educational provision');
    const changes = read.document.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'change' ? [b.change] : [])));
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(text, change.wording).toContain(change.wording.replace(/\s+/g, ' '));
    for (const font of ['Helvetica-Bold', 'Helvetica-Oblique']) expect(fonts).toContain(font);

    // Each page as an image, for a person to look at and for README.
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (let n = 1; n <= pages; n += 1) {
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(n), '-l', String(n), '-singlefile', file, join(SCREENSHOTS, `working-document-page-${n}`)]);
    }
    await page.context().close();
  }, WEB_TIMEOUT);

  it('shows the changes the parties record through the API, leaves the withdrawn one out, and gives an earlier version on request', async () => {
    const record = (actor: Actor, mutation: string, inputType: string, input: Record<string, unknown>, on: string) =>
      recordThroughTheApi(server, actor, mutation, inputType, input, { childId: childAId, occurredAt: `${on}T10:00:00.000Z` });
    const appealId = (await record(cast.parentA, 'registerAppeal', 'AppealInput', { against: 'plan_contents', planId: planA, sections: ['F'] }, '2026-01-12')).subjectId;
    const propose = async (actor: Actor, input: Record<string, unknown>, on: string) =>
      (await record(actor, 'proposePlanAmendment', 'ProposedChangeInput', { planId: planA, appealId, section: 'F', about: { kind: 'provision', id: therapyA }, ...input }, on)).subjectId;
    const evidence = [{ author: "Niamh O'Connor", role: 'Speech and language therapist', writtenOn: '2025-11-03', page: 2 }];
    const kept = await propose(cast.parentA, { proposedBy: 'parent_carer', change: 'add', wording: 'Weekly therapy, one to one, for 45 minutes', evidence }, '2026-01-19');
    const withdrawn = await propose(cast.parentA, { proposedBy: 'parent_carer', change: 'delete', wording: 'as resources allow', evidence: [] }, '2026-01-19');
    await propose(cast.caseworker, { proposedBy: 'local_authority', change: 'add', wording: 'Reviewed termly with the SENCo', evidence: [] }, '2026-01-26');
    await record(cast.caseworker, 'issueWorkingDocument', 'WorkingDocumentInput', { appealId, version: 1, issuedBy: 'local_authority' }, '2026-01-27');
    await record(cast.caseworker, 'answerPlanAmendment', 'ProposedChangeAnswerInput', { amendmentId: kept, by: 'local_authority', answer: 'disputed', reason: 'Fortnightly is enough' }, '2026-02-02');
    await record(cast.parentA, 'withdrawPlanAmendment', 'ProposedChangeWithdrawalInput', { amendmentId: withdrawn }, '2026-02-03');

    const page = await signedIn('advocate');
    const now = poppler(await (await page.request.get(pdfUrl(childAId, appealId))).body(), 'child-a-now');
    expect(now.text).toContain('Version 1 of 27 January 2026, sent by the local authority');
    expect(now.text).toContain('Version 2 in preparation: changes recorded since version 1 of 27 January 2026');
    expect(now.text).toContain('Weekly therapy, one to one, for 45 minutes [1]');
    expect(now.text).toContain("[1] Niamh O'Connor, Speech and language therapist, report of 3 November 2025, page 2.");
    expect(now.text).toContain('Reviewed termly with the SENCo [2]');
    expect(now.text).toContain('[2] No evidence cited.');
    expect(now.text).toContain('Disputed by the local authority on 2 February 2026: Fortnightly is enough');
    expect(now.text).not.toContain('as resources allow');
    expect(now.text).toContain('1 change remains in dispute; 0 agreed; 1 awaiting an answer; 1 withdrawn (not shown).');
    expect(now.text).toContain('2 February 2026: the local authority disputed the parent or carer\'s addition to section F');

    const first = await page.request.get(pdfUrl(childAId, appealId, '?version=1'));
    expect(first.headers()['content-disposition']).toBe('attachment; filename="working-document-v1.pdf"');
    const v1 = poppler(await first.body(), 'child-a-v1');
    expect(v1.text).toContain('as resources allow');
    expect(v1.text).not.toContain('Fortnightly is enough');
    expect(v1.text).not.toContain('in preparation');
    await page.context().close();
  }, WEB_TIMEOUT);

  it('is not found for a school, and the attempt is in the access log', async () => {
    const page = await signedIn('kentish-vale-senco');
    const response = await page.request.get(pdfUrl(childBId, childBAppeal));
    expect(response.status()).toBe(404);
    expect(response.headers()['content-type']).toMatch(/^text\/html/);
    const denied = (await server.accessLog.forChild(childBId)).find((e) => e.actor.id === cast.kentishValeSenco.id && e.outcome === 'denied');
    expect(denied?.denied).toContain('working-document');
    expect(await asTheAppealPageReadsIt(cast.kentishValeSenco, childBId, childBAppeal)).toBeNull();
    await page.context().close();
  }, WEB_TIMEOUT);
});
