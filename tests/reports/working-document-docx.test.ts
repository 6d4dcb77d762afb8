/**
 * Done when: the working document renders in the SEND23 key as a .docx a test opens. Parent A appeals the contents
 * of Child A's plan (sections F and I) and the parties exchange changes through the API, January to February 2026;
 * the .docx comes through the web route, as the signed-in parent downloads it.
 */
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { uuidFromName } from '../../src/ledger/deterministic-id.js';
import type { Actor } from '../../src/ledger/envelope.js';
import { TEST_SECRET } from '../support/test-app.js';
import { checkPage, launchBrowser, newPage, signInAs } from '../web/support/browser.js';
import { startDemoWebServer, type DemoWebServer } from '../web/support/demo-web-server.js';
import { recordThroughTheApi } from '../web/support/through-the-api.js';

/** In a real browser on two shared cores, as the web tests (vitest.config.ts gives those 180 seconds). */
const WEB_TIMEOUT = 180_000;
let server: DemoWebServer;
let browser: Browser;
const childId = childA().childId;
const demoId = (name: string) => uuidFromName('send-ledger-demo', 'child-a', name);
const planId = demoId('plan');
const therapy = demoId('f-speech-and-language-therapy');
const needLanguage = demoId('need-language');

const WORDING = {
  parentAddition: 'Therapy delivered directly by a speech and language therapist, not a teaching assistant',
  parentDeletion: 'where the school can resource it',
  laAddition: 'Reviewed each term by the therapist with the SENCo',
  laDeletion: 'WellComm screening in the red band for age',
  withdrawn: 'A place at a specialist language resource base',
};
const report = { author: 'Dr Nadia Farouk', role: 'Educational psychologist', writtenOn: '2024-07-10', page: 4, paragraph: '3.2' };

let appealId: string;
const ids: Record<keyof typeof WORDING, string> = {} as never;

const record = (actor: Actor, mutation: string, inputType: string, input: Record<string, unknown>, on: string) =>
  recordThroughTheApi(server, actor, mutation, inputType, input, { childId, occurredAt: `${on}T10:00:00.000Z` });
const propose = (actor: Actor, input: Record<string, unknown>, on: string) =>
  record(actor, 'proposePlanAmendment', 'ProposedChangeInput', { planId, appealId, ...input }, on).then((r) => r.subjectId);

beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
  browser = await launchBrowser();
  appealId = (await record(cast.parentA, 'registerAppeal', 'AppealInput', { against: 'plan_contents', planId, sections: ['F', 'I'], tribunalReference: 'EH202/26/00019' }, '2026-01-12')).subjectId;
  const family = { proposedBy: 'parent_carer' };
  const la = { proposedBy: 'local_authority' };
  ids.parentAddition = await propose(cast.parentA, { ...family, section: 'F', change: 'add', wording: WORDING.parentAddition, about: { kind: 'provision', id: therapy }, evidence: [report] }, '2026-01-19');
  ids.parentDeletion = await propose(cast.parentA, { ...family, section: 'F', change: 'delete', wording: WORDING.parentDeletion, about: { kind: 'provision', id: therapy } }, '2026-01-19');
  ids.withdrawn = await propose(cast.parentA, { ...family, section: 'I', change: 'add', wording: WORDING.withdrawn, about: { kind: 'named_setting' } }, '2026-01-19');
  ids.laAddition = await propose(cast.caseworker, { ...la, section: 'F', change: 'add', wording: WORDING.laAddition, about: { kind: 'provision', id: therapy } }, '2026-01-26');
  ids.laDeletion = await propose(cast.caseworker, { ...la, section: 'B', change: 'delete', wording: WORDING.laDeletion, about: { kind: 'need', id: needLanguage } }, '2026-01-26');
  await record(cast.caseworker, 'answerPlanAmendment', 'ProposedChangeAnswerInput', { amendmentId: ids.parentAddition, by: 'local_authority', answer: 'agreed' }, '2026-02-02');
  await record(cast.caseworker, 'answerPlanAmendment', 'ProposedChangeAnswerInput', { amendmentId: ids.parentDeletion, by: 'local_authority', answer: 'disputed', reason: 'The school has the staff to deliver it' }, '2026-02-02');
  await record(cast.parentA, 'withdrawPlanAmendment', 'ProposedChangeWithdrawalInput', { amendmentId: ids.withdrawn }, '2026-02-03');
  await record(cast.caseworker, 'issueWorkingDocument', 'WorkingDocumentInput', { appealId, version: 1, issuedBy: 'local_authority' }, '2026-02-09');
  await record(cast.parentA, 'answerPlanAmendment', 'ProposedChangeAnswerInput', { amendmentId: ids.laDeletion, by: 'parent_carer', answer: 'agreed' }, '2026-02-16');
  await record(cast.parentA, 'issueWorkingDocument', 'WorkingDocumentInput', { appealId, version: 2, issuedBy: 'parent_carer' }, '2026-02-20');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(key: string): Promise<Page> {
  const page = await newPage(browser);
  await signInAs(page, server.url, key);
  await checkPage(page, `working-document-docx-signed-in-${key}`);
  return page;
}

const docxUrl = (query = '') => `${server.url}/children/${childId}/appeal/${appealId}/working-document.docx${query}`;

/** Each run of the document's body that holds `text`: its run properties. */
function runPropertiesOf(xml: string, text: string): string[] {
  const runs = xml.match(/<w:r>(?:(?!<\/w:r>).)*<\/w:r>/gs) ?? [];
  return runs.filter((run) => run.includes(`>${text}</w:t>`)).map((run) => /<w:rPr>(.*?)<\/w:rPr>/s.exec(run)?.[1] ?? '');
}

const has = (props: string, tag: string) => new RegExp(`<w:${tag}(/| w:val="(true|1|on)"/)>`).test(props);
const underlined = (props: string) => /<w:u w:val="single"\/>/.test(props);

describe('the working document as .docx (SEND23 key)', () => {
  it("sets each change in its party's hand, cites its evidence in a footnote, dates the version and leaves the withdrawn change out", async () => {
    const page = await signedIn('parent-a');
    const response = await page.request.get(docxUrl());
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers()['content-disposition']).toBe('attachment; filename="working-document-v2.docx"');
    const zip = await JSZip.loadAsync(await response.body());
    const xml = await zip.file('word/document.xml')!.async('string');
    const footnotes = await zip.file('word/footnotes.xml')!.async('string');

    const expectRun = (text: string, key: { b: boolean; i: boolean; strike: boolean; u: boolean }) => {
      const [props, ...more] = runPropertiesOf(xml, text);
      expect(more, text).toEqual([]);
      expect({ b: has(props!, 'b'), i: has(props!, 'i'), strike: has(props!, 'strike'), u: underlined(props!) }, text).toEqual(key);
    };
    // The parent's addition, agreed by the LA: bold and underlined.
    expectRun(WORDING.parentAddition, { b: true, i: false, strike: false, u: true });
    // The parent's deletion, disputed: bold, struck through.
    expectRun(WORDING.parentDeletion, { b: true, i: false, strike: true, u: false });
    // The LA's addition, not yet answered: italic.
    expectRun(WORDING.laAddition, { b: false, i: true, strike: false, u: false });
    // The LA's deletion, agreed by the parent: italic, struck through, underlined.
    expectRun(WORDING.laDeletion, { b: false, i: true, strike: true, u: true });
    expect(xml).not.toContain(WORDING.withdrawn);

    // The key in its own formatting.
    expectRun('Added by the parent or young person (bold)', { b: true, i: false, strike: false, u: false });
    expectRun('Deleted by the local authority (italic, struck through)', { b: false, i: true, strike: true, u: false });

    // Four changes, four footnote references in the body, four footnotes with the citation or "No evidence cited".
    const references = [...xml.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1]);
    expect(references).toEqual(['1', '2', '3', '4']);
    expect(footnotes).toContain('Dr Nadia Farouk, Educational psychologist, report of 10 July 2024, page 4, paragraph 3.2.');
    expect(footnotes.match(/No evidence cited\./g)).toHaveLength(3);

    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Version 2 of 20 February 2026, sent by the parent or carer');
    expect(text).toContain('EH202/26/00019');
    expect(text).toContain('1 change remains in dispute; 2 agreed; 1 awaiting an answer; 1 withdrawn (not shown).');
    expect(text).toContain('Disputed by the local authority on 2 February 2026: The school has the staff to deliver it');
    expect(text).toContain('Section F: Special educational provision');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    // The parent's download is in the access log.
    const logged = (await server.accessLog.forChild(childId)).find((e) => e.actor.id === cast.parentA.id && e.read.includes('working-document'));
    expect(logged?.outcome).toBe('permitted');
    await page.context().close();
  }, WEB_TIMEOUT);

  it('gives a version as it was sent: version 1 has the LA deletion not yet agreed', async () => {
    const page = await signedIn('la-officer');
    const response = await page.request.get(docxUrl('?version=1'));
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toBe('attachment; filename="working-document-v1.docx"');
    const xml = await (await JSZip.loadAsync(await response.body())).file('word/document.xml')!.async('string');
    const [props] = runPropertiesOf(xml, WORDING.laDeletion);
    expect(underlined(props!)).toBe(false);
    expect(xml.replace(/<[^>]+>/g, '')).toContain('Version 1 of 9 February 2026, sent by the local authority');
    for (const query of ['?version=3', '?version=0', '?version=x']) expect((await page.request.get(docxUrl(query))).status(), query).toBe(404);
    await page.context().close();
  }, WEB_TIMEOUT);

  it('is not found for a school, for a parent of another child, for an unknown appeal and for a malformed id; the attempts are logged', async () => {
    for (const key of ['fleet-hill-senco', 'parent-b']) {
      const page = await signedIn(key);
      const response = await page.request.get(docxUrl());
      expect(response.status(), key).toBe(404);
      expect(response.headers()['content-type'], key).toMatch(/^text\/html/);
      expect(await response.text()).not.toContain('Working document');
      await page.context().close();
    }
    const denied = (await server.accessLog.forChild(childId)).filter((e) => e.outcome === 'denied' && (e.denied.includes('working-document') || e.read.includes('working-document')));
    expect(new Set(denied.map((e) => e.actor.id))).toEqual(new Set([cast.fleetHillSenco.id, cast.parentB.id]));

    const page = await signedIn('parent-a');
    expect((await page.request.get(`${server.url}/children/${childId}/appeal/${planId}/working-document.docx`)).status()).toBe(404);
    expect((await page.request.get(`${server.url}/children/${childId}/appeal/not-an-id/working-document.docx`)).status()).toBe(404);
    expect((await page.request.get(`${server.url}/children/not-an-id/appeal/${appealId}/working-document.pdf`)).status()).toBe(404);
    await page.context().close();
  }, WEB_TIMEOUT);
});
