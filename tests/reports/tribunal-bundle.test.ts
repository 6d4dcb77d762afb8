import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load-demo.js';
import { recordChildEntry } from '../../src/application/record-child-entry.js';
import { cast } from '../../src/demo/cast.js';
import { childA as childAScript } from '../../src/demo/child-a-full-journey.js';
import { createSimulatedClock } from '../../src/demo/simulated-clock.js';
import type { BundleManifest } from '../../src/integrity/evidence/bundle.js';
import type { LedgerEntry } from '../../src/ledger/envelope.js';
import {
  checkBundleLimits, renderTribunalBundlePdf, tribunalBundleContent, TRIBUNAL_BUNDLE_RENDERER, type BundleLayout, type TribunalBundleInput,
} from '../../src/reports/tribunal-bundle/index.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { launchBrowser } from '../web/support/browser.js';
import { tempDir } from '../support/temp-dir.js';

const run = promisify(execFile);
const OUT = join(process.cwd(), 'test-results', 'tribunal-bundle');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const EXPORT_ID = '4f5e6d7c-8b9a-4c0d-9e1f-2a3b4c5d6e7f';

const head = { treeSize: 4321, rootHash: 'ab12'.repeat(16), timestamp: '2026-01-15T15:45:01.000Z', keyId: 'cd34'.repeat(16), signature: 'c2lnbmF0dXJl' };
const cosignatures = [{ witness: 'Camden Parent Carer Forum witness', witnessKeyId: 'ef56'.repeat(16), cosignedAt: '2026-01-15T15:45:03.000Z' }];

function manifestFor(entries: readonly LedgerEntry[], overrides: Partial<BundleManifest> = {}): BundleManifest {
  return {
    exportId: EXPORT_ID,
    childId: entries[0]!.streamId.slice('child-'.length),
    purpose: 'Appeal to the First-tier Tribunal about sections B and F of the EHC plan',
    compiledAt: '2026-01-15T15:45:00.000Z',
    compiledBy: { id: 'advocate-camden-sendiass-jordan-achebe', displayName: 'Jordan Achebe', role: 'advocate', organisation: 'Camden SENDIASS' },
    appeal: { reference: 'EH202/25/00123', hearingDate: '2026-03-10', appealType: 'sections_b_and_f' },
    version: 2,
    previousVersion: { exportId: '0e1d2c3b-4a59-4867-9564-738291a0b1c2', version: 1, compiledAt: '2025-12-01T10:00:00.000Z', throughRevision: entries.length - 4 },
    changes: ['Three entries recorded since version 1: the autumn delivery logs from Fleet Hill School.'],
    streamLength: entries.length,
    throughRevision: entries.length - 1,
    omitted: [],
    undisclosed: [],
    lateThresholdDays: 14,
    renderer: TRIBUNAL_BUNDLE_RENDERER,
    witnessPolicy: null,
    ...overrides,
  };
}

/** pdftotext's text of each page in reading order, table cells one after another (it ends every page with a form feed). */
async function pagesOf(pdf: Uint8Array, dir: string, name: string): Promise<string[]> {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const { stdout } = await run('/usr/bin/pdftotext', [file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split('\f').slice(0, -1);
}

const squeezed = (text: string) => text.replace(/\s+/g, ' ');

describe('the tribunal bundle PDF', () => {
  const dir = tempDir();
  let entries: LedgerEntry[];
  let input: TribunalBundleInput;
  let pdf: Uint8Array;
  let layout: BundleLayout;
  let pages: string[];

  beforeAll(async () => {
    const clock = createSimulatedClock();
    const store = createMemoryStore(clock.now);
    const demo = await loadDemo(store, clock);
    const streams = await Promise.all(demo.children.map((c) => store.readStream(`child-${c.childId}`)));
    entries = streams.sort((a, b) => b.length - a.length)[0]!;
    input = { manifest: manifestFor(entries), entries, treeHead: head, cosignatures };
    ({ pdf, layout } = await renderTribunalBundlePdf(input));
    pages = await pagesOf(pdf, dir.path, 'bundle');
  }, 60_000);

  it('is the same bytes every time it is drawn', async () => {
    const again = await renderTribunalBundlePdf(structuredClone(input));
    expect(Buffer.from(again.pdf).equals(Buffer.from(pdf))).toBe(true);
    expect(again.layout).toEqual(layout);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  }, 30_000);

  it('opens with a cover giving the tribunal, the child as recorded, the appeal, the version and who compiled it', () => {
    const cover = squeezed(pages[0]!);
    for (const fact of [
      'First-tier Tribunal (Special Educational Needs and Disability)', 'Hearing bundle', 'Child A (pseudonym), born 12 March 2014', 'EH202/25/00123',
      '10 March 2026', 'the special educational needs and provision in the EHC plan (sections B and F)', 'Version 2, compiled on 15 January 2026 at 3:45pm',
      'Jordan Achebe, advocate, Camden SENDIASS', 'What changed since version 1', 'Version 1 was compiled on 1 December 2025', 'the autumn delivery logs from Fleet Hill School',
    ]) expect(cover).toContain(fact);
  });

  it('indexes every section and its main items with the pages they are on, and has a bookmark for each', () => {
    // The footer sits at the foot of the page, but pdftotext may read it before the index's last row.
    const index = squeezed(pages[layout.index.firstPage - 1]!.replace(/Appeal \S+, hearing bundle version \d+ · Page \d+ of \d+/, ''));
    expect(layout.sections.map((s) => s.id)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    for (const section of layout.sections) {
      const range = section.firstPage === section.lastPage ? `${section.firstPage}` : `${section.firstPage}–${section.lastPage}`;
      expect(index).toContain(`${section.id}. ${section.title} ${range}`);
      // Each section starts on the page the index gives, and its main items on theirs.
      expect(squeezed(pages[section.firstPage - 1]!)).toContain(`${section.id}. ${section.title}`);
      for (const item of section.items) expect(squeezed(pages[item.page - 1]!)).toContain(item.title);
    }
    expect(layout.sections.find((s) => s.id === 'D')!.items.map((i) => i.title)).toEqual(expect.arrayContaining([expect.stringMatching(/^K1: Psychological advice/)]));
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toContain('/Outlines');
    for (const section of layout.sections) expect(raw).toContain(`/Title (${section.id}. ${section.title.replace(/'/g, "'")})`);
  });

  it('puts the sections in the Practice Direction\'s order, numbers every page, and keeps "how to check" to the last page', () => {
    const starts = layout.sections.map((s) => s.firstPage);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    layout.sections.slice(1).forEach((s, i) => expect(s.firstPage).toBe(layout.sections[i]!.lastPage + 1));
    expect(pages).toHaveLength(layout.totalPages);
    pages.forEach((page, i) => expect(squeezed(page)).toContain(`Appeal EH202/25/00123, hearing bundle version 2 · Page ${i + 1} of ${layout.totalPages}`));
    const g = layout.sections.at(-1)!;
    expect([g.firstPage, g.lastPage]).toEqual([layout.totalPages, layout.totalPages]);
    expect(squeezed(pages.at(-1)!)).toContain('npm run verify-bundle -- <bundle.json>');
  });

  it('says plainly what the record does not hold', () => {
    const text = squeezed(pages.join(' '));
    expect(text).toContain("The local authority's response to the appeal is not held in this record; the local authority adds it to the bundle.");
    expect(text).toContain('The working document');
    expect(text).toContain('is not held in this record yet');
  });

  it('writes dates the UK way and names people by name and role, with no ids or hashes before the last page', () => {
    const body = squeezed(pages.slice(0, -1).join('\n'));
    expect(body).toContain('29 November 2022');
    expect(body).toMatch(/Recorded by Dr Nadia Farouk, educational psychologist, Camden Educational Psychology Service, on \d{1,2} [A-Z][a-z]+ 2022 at \d{1,2}:\d{2}[ap]m/);
    expect(body).not.toMatch(UUID);
    expect(body).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(body).not.toMatch(/\b[0-9a-f]{32,}\b/);
    expect(body).not.toMatch(/educational_psychologist|la_officer|parent_carer/);
    const last = squeezed(pages.at(-1)!);
    expect(last).toContain(EXPORT_ID);
    expect(last).toContain('cd34 cd34 cd34');
    expect(last).toContain('4321 entries in the ledger, signed on 15 January 2026 at 3:45pm');
    expect(last).toContain('Camden Parent Carer Forum witness');
  });

  it('shows the expert reports as appendices of the plan, with what is over the limits', () => {
    const d = layout.sections.find((s) => s.id === 'D')!;
    const plan = squeezed(pages.slice(d.firstPage - 1, d.lastPage).join(' '));
    expect(plan).toContain('Educational psychology advice for the EHC needs assessment');
    expect(plan).toContain('18 pages, including a summary of 3 pages');
    expect(plan).toContain('The psychological advice report (Dr Nadia Farouk, written 29 November 2022) is 18 pages: 3 over the 15-page limit');
    expect(plan).toContain('is 3 years and 3 months old at the hearing on 10 March 2026: more than 3 years');
    expect(plan).toContain('The local authority must secure this by law');
  });

  it('lists the deadlines missed or met late with their law, and each promise with its delivery', () => {
    const f = layout.sections.find((s) => s.id === 'F')!;
    const text = squeezed(pages.slice(f.firstPage - 1, f.lastPage).join(' '));
    expect(text).toContain('Statutory deadlines missed or met late');
    expect(text).toContain('Special Educational Needs and Disability Regulations 2014');
    expect(text).toMatch(/Delivered: \d+ of/);
    expect(text).toContain("The family's right to appeal is not a duty");
  });

  it('finds the educational psychologist\'s report over length and too old for a 2026 hearing, and nothing for a bundle within the limits', () => {
    const findings = checkBundleLimits(layout, input);
    expect(findings.map((f) => [f.kind, f.actual, f.over])).toEqual(
      expect.arrayContaining([['expert_report_length', 18, 3], ['expert_report_summary', 3, 1]]),
    );
    const age = findings.filter((f) => f.kind === 'expert_report_age');
    expect(age.map((f) => f.subject)).toEqual(expect.arrayContaining([expect.stringContaining('Dr Nadia Farouk')]));
    expect(age.every((f) => f.unit === 'days' && f.over > 0)).toBe(true);

    // The same record with the report within 15 pages and a hearing within 3 years of both reports.
    const shorter = entries.map((e) =>
      e.type === 'AdviceReceived' && (e.data['report'] as { pages: number } | undefined)?.pages === 18
        ? { ...e, data: { ...e.data, report: { ...(e.data['report'] as object), pages: 12, summaryPages: 2 } } }
        : e,
    );
    const within: TribunalBundleInput = { ...input, entries: shorter, manifest: manifestFor(shorter, { appeal: { reference: 'EH202/24/00456', hearingDate: '2025-06-02', appealType: 'sections_b_and_f' } }) };
    expect(checkBundleLimits(layout, within)).toEqual([]);

    // With no hearing listed, age is judged on the day the bundle was compiled, and the message says so.
    const unlisted = { ...input, manifest: manifestFor(entries, { appeal: { reference: 'EH202/25/00123', hearingDate: null, appealType: 'sections_b_and_f' } }) };
    expect(checkBundleLimits(layout, unlisted).find((f) => f.kind === 'expert_report_age')?.message).toContain(
      'old on 15 January 2026, when the bundle was compiled (no hearing date is listed yet): more than 3 years',
    );
  });

  it('judges the bundle\'s own page limits from the layout', () => {
    const long: BundleLayout = {
      ...layout,
      sections: layout.sections.map((s) => (s.id === 'D' ? { ...s, lastPage: s.firstPage + 129 } : s.id === 'E' ? { ...s, lastPage: s.firstPage + 100 } : s)),
    };
    const messages = checkBundleLimits(long, input).map((f) => f.message);
    expect(messages).toContain('The EHC plan and its appendices run to 155 pages: 5 over the limit of 150');
    expect(messages.some((m) => /^The evidence \(sections E and F\) runs to \d+ pages: \d+ over the limit of 100 for an appeal against the special educational needs/.test(m))).toBe(true);
  });

  it('shows undisclosed entries with their reason and the entries left out, so the trail reads complete', async () => {
    const registered = entries[0]!;
    const cut = entries.slice(0, 40).map((e, i) => (i === 0 || i === 7 ? { ...e, data: { $erased: true as const } } : e));
    const manifest = manifestFor(entries, {
      throughRevision: 39,
      undisclosed: [{ revision: 0, reason: 'sealed_before_entry_keys' }, { revision: 7, reason: 'sealed_before_entry_keys' }],
      omitted: [{ fromRevision: 40, throughRevision: entries.length - 1, reason: 'outside_access', explanation: `The last ${entries.length - 40} entries of the record were made after Jordan Achebe's access to the record ended, so they are not in this bundle.` }],
    });
    const drawn = await renderTribunalBundlePdf({ manifest, entries: cut, treeHead: null, cosignatures: [] });
    const text = squeezed((await pagesOf(drawn.pdf, dir.path, 'partial')).join(' '));
    expect(text).toContain('it was sealed before entries had their own keys, so its content cannot be disclosed without disclosing the whole record');
    expect(text).toContain(`Entries 41 to ${entries.length}: not in this bundle`);
    expect(text).toContain("made after Jordan Achebe's access to the record ended");
    expect(text).not.toContain(String(registered.data['displayName']));
    expect(text).toContain('Child Not disclosed.');
    expect(text).toContain('This is a draft.');
    expect(text).toContain('Draft: not yet exported.');
  }, 30_000);

  it('gives the same content as structured sections for the verifier page', () => {
    const content = tribunalBundleContent(input);
    expect(content.sections.map((s) => s.id)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    const entryBlocks = content.sections.find((s) => s.id === 'E')!.blocks.filter((b) => b.kind === 'entry');
    expect(entryBlocks).toHaveLength(entries.length);
  });

  it('renders to pages a person can look at (test-results/tribunal-bundle)', async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'bundle.pdf'), pdf);
    await run('/usr/bin/pdftoppm', ['-r', '50', '-png', join(OUT, 'bundle.pdf'), join(OUT, 'page')]);
    expect(readdirSync(OUT).filter((f) => f.endsWith('.png'))).toHaveLength(layout.totalPages);
  }, 30_000);

  it('draws the same bytes in Chromium as in Node', async () => {
    const require = createRequire(import.meta.url);
    const bundled = await build({
      stdin: {
        contents: `
          import { renderTribunalBundlePdf } from './src/reports/tribunal-bundle/index.ts';
          globalThis.renderBundle = async (json) => {
            const { pdf } = await renderTribunalBundlePdf(JSON.parse(json));
            let binary = '';
            for (let i = 0; i < pdf.length; i += 0x8000) binary += String.fromCharCode(...pdf.subarray(i, i + 0x8000));
            return btoa(binary);
          };`,
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      logLevel: 'silent',
      alias: { pdfkit: require.resolve('pdfkit/js/pdfkit.standalone.js') },
    });
    const inputs = Object.keys((await build({ ...{ stdin: { contents: "import './src/reports/tribunal-bundle/index.ts';", resolveDir: process.cwd(), loader: 'ts' as const } }, bundle: true, platform: 'browser', write: false, metafile: true, logLevel: 'silent', alias: { pdfkit: require.resolve('pdfkit/js/pdfkit.standalone.js') } })).metafile.inputs);
    expect(inputs.filter((i) => i.startsWith('node:'))).toEqual([]);

    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.addScriptTag({ content: bundled.outputFiles[0]!.text });
      const inBrowser = await page.evaluate(async (json) => (globalThis as unknown as { renderBundle: (j: string) => Promise<string> }).renderBundle(json), JSON.stringify(input));
      const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
      expect(sha256(Buffer.from(inBrowser, 'base64'))).toBe(sha256(pdf));
    } finally {
      await browser.close();
    }
  }, 180_000);
});

describe("the tribunal bundle's deadlines", () => {
  it("lists only the law's time limits as missed: a school late answering the LA's own request is not the LA's failure", async () => {
    const clock = createSimulatedClock();
    const store = createMemoryStore(clock.now);
    await loadDemo(store, clock);
    const childA = { childId: childAScript().childId };
    const before = await store.readStream(`child-${childA.childId}`);
    const planId = before.find((e) => e.type === 'FinalPlanIssued')!.data['planId'] as string;
    await recordChildEntry({ store, clock: () => new Date('2025-10-01T10:00:00Z') }, childA.childId, cast.caseworker, 'ProvisionConfirmationRequested', {
      confirmationId: '5b1f3c2e-8a4d-4e6f-9b0c-1d2e3f4a5b6c',
      planId,
      setting: { name: 'Fleet Hill School', urn: '100052' },
    }, { correlationId: 'test', causationId: 'test', occurredAt: '2025-10-01T10:00:00Z' });
    const entries = await store.readStream(`child-${childA.childId}`);
    const content = tribunalBundleContent({ manifest: manifestFor(entries), entries, treeHead: head, cosignatures });
    const deadlines = JSON.stringify(content.sections.find((s) => s.id === 'F')!.blocks);
    // Unanswered since 29 October 2025 when the bundle is compiled in January 2026: on the record, not in the law's list.
    expect(deadlines).toContain('Statutory deadlines missed or met late');
    expect(deadlines).not.toContain('as the LA asked');
    expect(deadlines).not.toContain('Fleet Hill School (asked by the local authority)');
  });
});
